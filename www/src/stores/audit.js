// The audit log: who did what to which token or user, when. Entries are written in the same
// batch as the change they record.
import { all, changed, run, statement } from "./db.js";

/**
 * An audit entry's INSERT. With `after` ({ table, id, change }: see db.js), the entry is written
 * only if that row was written by that change in the same batch (before this statement).
 */
export function audit(env, now, { actor = null, action, subject = null, tokenId = null, detail = {} }, { after = null } = {}) {
  const params = { at: now, actor, action, subject, tokenId, detail: JSON.stringify(detail) };
  if (!after) return statement(env, "INSERT INTO audit (at, actor, action, subject, token_id, detail) VALUES (:at, :actor, :action, :subject, :tokenId, :detail)", params);
  return statement(
    env,
    `INSERT INTO audit (at, actor, action, subject, token_id, detail) SELECT :at, :actor, :action, :subject, :tokenId, :detail WHERE ${changed(after.table)}`,
    { ...params, changedId: after.id, change: after.change },
  );
}

// The audit log's retention: a chunk of the entries past it, oldest first (a hot statement).
export const PRUNE = "DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < :before ORDER BY at LIMIT :chunk)";

/**
 * Removes up to `chunk` audit entries older than `before` (ms), oldest first; returns how many.
 * One statement: the entries it removes are gone together or not at all.
 */
export const pruneAudit = (env, before, chunk) => run(env, PRUNE, { before, chunk });

/** The audit log's filters: a query option's name and the column it must equal. */
export const AUDIT_FILTERS = Object.freeze({ action: "action", actor: "actor", subject: "subject", authorizationId: "token_id" });

/**
 * The statement for a page of the audit log: up to `top` entries, newest first, older than entry
 * `before` when given (keyset paging by id), each filter given (`AUDIT_FILTERS`) equal. Only the
 * filters' presence changes the text; their values are bound.
 */
export function auditStatement({ top = 200, before = null, filters = {} } = {}) {
  const where = ["id < :before"];
  const params = { top, before: before ?? Number.MAX_SAFE_INTEGER };
  for (const [name, column] of Object.entries(AUDIT_FILTERS)) {
    if (filters[name] === undefined) continue;
    params[name] = filters[name];
    where.push(`${column} = :${name}`);
  }
  return { text: `SELECT id, at, actor, action, subject, token_id, detail FROM audit WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT :top`, params };
}

/** A page of the audit log (see `auditStatement`), as records. */
export function auditLog(env, page) {
  const { text, params } = auditStatement(page);
  return all(env, text, params);
}
