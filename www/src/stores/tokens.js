// The tokens: their rows, the gate's lookup, every write to a token (create, edit, regenerate,
// revoke, a leak report) with the audit entry and notice it makes, all or nothing, and the
// list pages. Records are camelCase; times are ms since the epoch, `now` always passed in.
import { LIMITS } from "../settings.js";
import { audit } from "./audit.js";
import { all, first, newChange, run, statement } from "./db.js";
import { noticeStatement } from "./notifications.js";
import { NOT_ENDED, NOT_REVOKED_AT, STATUS, STATUS_ORDER } from "./status.js";

export const TOKEN_COLUMNS =
  "id, owner, display_name, organization, scope, valid_from, valid_to, created_at, revoked_at, last_used_at, hint, previous_until, leaked_at, leak_source, leak_url, " +
  "(SELECT o.id FROM organizations o WHERE o.name = tokens.organization) AS organization_id";

/** Tokens that act in organization `:organization`: its own, and its members' all-organizations ones. */
const ACTS_IN = "(organization = :organization OR (organization IS NULL AND owner IN (SELECT user_id FROM memberships WHERE organization = :organization)))";

/**
 * The statements on a hot path (each request, each revocation of all of a user's tokens), named
 * so that tests/www/query-plans.test.mjs checks each one's query plan.
 */
export const TOKEN_HOT = Object.freeze({
  // The gate's one lookup: the token stored under a digest (current or regenerated-away), both
  // its digests (the core compares them and decides the grace), the owner's organizations for
  // all-organizations tokens; for a global token, the policy on them and whether its owner is on
  // that policy's allowlist (the core decides what they mean).
  tokenByDigest: `SELECT t.id, t.owner, t.organization, t.scope, t.valid_from, t.valid_to, t.revoked_at, t.last_used_at,
            t.digest, t.previous_digest, t.previous_until,
            (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = t.owner) AS owner_orgs,
            CASE WHEN t.organization IS NULL THEN (SELECT value FROM policies WHERE key = 'globalTokens') END AS global_tokens,
            CASE WHEN t.organization IS NULL THEN EXISTS (SELECT 1 FROM policy_allowlist a WHERE a.policy = 'globalTokens' AND a.user_id = t.owner) END AS global_exempt
       FROM tokens t WHERE t.digest = :digest OR t.previous_digest = :digest`,
  touchToken: "UPDATE tokens SET last_used_at = :now WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :since)",
  // Whether a digest was ever issued (to any token, current or replaced).
  digestTaken: "SELECT 1 FROM issued_digests WHERE digest = :digest",
  revokeOwner: `UPDATE tokens SET revoked_at = :now, previous_until = NULL, updated_at = :now, change_id = :change
      WHERE ${NOT_REVOKED_AT} AND owner = :owner`,
  // The audit entry of each token that revokeOwner's change revoked.
  revokedEntries: `INSERT INTO audit (at, actor, action, subject, token_id, detail)
      SELECT :now, :actor, :action, owner, id, :detail FROM tokens WHERE owner = :owner AND change_id = :change`,
  // The owner's notice for each token that change revoked and that had not expired: an expired
  // one stopped working before, and its owner was told then.
  revokedNotices: `INSERT OR IGNORE INTO notifications (user_id, token_id, kind, cycle, message, created_at)
      SELECT owner, id, 'revoked', :now, :before || json_quote(display_name) || :after, :now FROM tokens
       WHERE owner = :owner AND change_id = :change AND ${NOT_ENDED}`,
});

/**
 * The gate's lookup (see TOKEN_HOT.tokenByDigest), through D1's Sessions API starting at the
 * primary: with read replicas on, a revocation still holds from the very next request
 * (docs/SCALE.md weighs this against reading from the nearest replica).
 */
export async function tokenByDigest(env, digest) {
  const db = typeof env.DB.withSession === "function" ? { DB: env.DB.withSession("first-primary") } : env;
  return first(db, TOKEN_HOT.tokenByDigest, { digest });
}

/** Notes a use, at most once per `lastUsedEveryMs` per token. */
export const touchToken = (env, id, now) => run(env, TOKEN_HOT.touchToken, { now, id, since: now - LIMITS.lastUsedEveryMs });

export const tokenById = (env, id) => first(env, `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE id = :id`, { id });

export const ownedToken = (env, id, owner) => first(env, `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE id = :id AND owner = :owner`, { id, owner });

export const digestTaken = async (env, digest) => (await first(env, TOKEN_HOT.digestTaken, { digest })) !== null;

/** Records a digest as issued: a second issue of it fails the batch it is in (a UNIQUE key). */
const issueDigest = (env, digest) => statement(env, "INSERT INTO issued_digests (digest) VALUES (:digest)", { digest });

/** How many of `owner`'s tokens are active at `now` (at most `atMost` counted). */
export async function liveTokenCount(env, owner, now, atMost) {
  const row = await first(env, `SELECT count(*) AS n FROM (SELECT 1 FROM tokens WHERE owner = :owner AND ${STATUS.active} LIMIT :atMost)`, { owner, now, atMost });
  return row.n;
}

/** A token's detail in the audit log: what was set, the end as an instant. */
const detailOf = (t) => ({ displayName: t.displayName, scope: t.scope, organization: t.organization, validTo: new Date(t.validTo).toISOString() });

/** The INSERT of a new token `t` valid from `now`; with `change` it carries that change's mark. */
const INSERT_TOKEN = `INSERT INTO tokens (id, owner, display_name, organization, scope, valid_from, valid_to, created_at, updated_at, digest, hint, change_id)
       VALUES (:id, :owner, :displayName, :organization, :scope, :now, :validTo, :now, :now, :digest, :hint, :change)`;
export const tokenParams = (now, t, change = null) => ({ id: t.id, owner: t.owner, displayName: t.displayName, organization: t.organization, scope: t.scope, now, validTo: t.validTo, digest: t.digest, hint: t.hint, change });

/** Inserts a token with its "created" notice and audit entry, all or nothing. */
export async function insertToken(env, now, t, notice) {
  await env.DB.batch([
    statement(env, INSERT_TOKEN, tokenParams(now, t)),
    noticeStatement(env, now, { userId: t.owner, tokenId: t.id, kind: "created", cycle: now, message: notice }),
    audit(env, now, { actor: t.owner, action: "token.create", subject: t.owner, tokenId: t.id, detail: detailOf(t) }),
    issueDigest(env, t.digest),
  ]);
}

/**
 * Applies an edit, only if the token is still unrevoked and unexpired as the edit was decided,
 * and only onto the row the policy judged (`base`: its start, end, scopes and organization as
 * read): a revocation, regeneration or other edit in between makes it a no-op, audited as
 * nothing, never a mix. Returns whether it was applied.
 */
export async function updateToken(env, now, actor, t, base) {
  const change = newChange();
  const [r] = await env.DB.batch([
    statement(
      env,
      `UPDATE tokens SET display_name = :displayName, scope = :scope, valid_to = :validTo, organization = :organization, updated_at = :now, change_id = :change
        WHERE id = :id AND ${NOT_REVOKED_AT} AND ${NOT_ENDED}
          AND valid_from = :baseFrom AND valid_to = :baseTo AND scope = :baseScope AND organization IS :baseOrganization`,
      { ...t, now, change, baseFrom: base.validFrom, baseTo: base.validTo, baseScope: base.scope, baseOrganization: base.organization },
    ),
    audit(env, now, { actor, action: "token.update", subject: actor, tokenId: t.id, detail: detailOf(t) }, { after: { table: "tokens", id: t.id, change } }),
  ]);
  return r.meta.changes === 1;
}

/**
 * Gives a token a new secret (and the old one its grace end, or none), with its audit entry and
 * "created" notice, only if it is still unrevoked. Returns whether it was applied.
 */
export async function regenerateToken(env, now, actor, t, notice) {
  const change = newChange();
  const after = { table: "tokens", id: t.id, change };
  const [r] = await env.DB.batch([
    statement(
      env,
      `UPDATE tokens SET previous_digest = CASE WHEN :graceUntil IS NULL THEN NULL ELSE digest END, previous_until = :graceUntil,
              digest = :digest, hint = :hint, valid_from = :validFrom, valid_to = :validTo, updated_at = :validFrom, last_used_at = NULL,
              leaked_at = NULL, leak_source = NULL, leak_url = NULL, change_id = :change
        WHERE id = :id AND (revoked_at IS NULL OR revoked_at > :validFrom)`,
      { graceUntil: t.graceUntil, digest: t.digest, hint: t.hint, validFrom: t.validFrom, validTo: t.validTo, id: t.id, change },
    ),
    audit(env, now, { actor, action: "token.regenerate", subject: actor, tokenId: t.id, detail: { graceUntil: t.graceUntil === null ? null : new Date(t.graceUntil).toISOString(), validTo: new Date(t.validTo).toISOString() } }, { after }),
    noticeStatement(env, now, { userId: t.owner, tokenId: t.id, kind: "created", cycle: now, message: notice }, { after }),
    issueDigest(env, t.digest),
  ]);
  return r.meta.changes === 1;
}

/**
 * Revokes tokens by id at once (ending any grace), all in one transaction, within `organization`
 * when one is named; returns how many changed. Only a token that was revoked is audited: an id
 * that names none (or a token already revoked, or of another organization) leaves no entry, so
 * whatever a caller sent as an id is never kept.
 */
export async function revokeTokens(env, now, ids, entry, { organization = null, tellOwners = null } = {}) {
  // An administrator's entries name whose token each was (the caller knows only ids), and with
  // `tellOwners` (a token's name → the notice) the owner of each token that had not ended is
  // told, in the same transaction (an ended one stopped working before, and they were told then).
  const owned = entry.subject === undefined || tellOwners ? await tokensOf(env, ids) : new Map();
  const change = newChange();
  const revoke = `UPDATE tokens SET revoked_at = :now, previous_until = NULL, updated_at = :now, change_id = :change
      WHERE ${NOT_REVOKED_AT} AND id = :id${organization === null ? "" : ` AND ${ACTS_IN}`}`;
  const groups = ids.map((id) => {
    const row = owned.get(id);
    const after = { table: "tokens", id, change };
    const group = [statement(env, revoke, { now, change, id, ...(organization === null ? {} : { organization }) }), audit(env, now, { subject: row?.owner ?? null, ...entry, tokenId: id }, { after })];
    if (tellOwners && row) {
      group.push(statement(env, `INSERT OR IGNORE INTO notifications (user_id, token_id, kind, cycle, message, created_at)
          SELECT owner, id, 'revoked', :now, :message, :now FROM tokens WHERE id = :id AND change_id = :change AND ${NOT_ENDED}`, { now, message: tellOwners(row.displayName), id, change }));
    }
    return group;
  });
  const results = await env.DB.batch(groups.flat());
  let at = 0;
  let revoked = 0;
  for (const group of groups) {
    revoked += results[at].meta.changes;
    at += group.length;
  }
  return revoked;
}

/** The owner, name, end and leak address of each token of `ids` that exists, by id. */
export async function tokensOf(env, ids) {
  if (ids.length === 0) return new Map();
  const rows = await all(env, "SELECT id, owner, display_name, valid_to, leak_url FROM tokens WHERE id IN (SELECT value FROM json_each(:ids))", { ids: JSON.stringify(ids) });
  return new Map(rows.map((r) => [r.id, r]));
}

/** The name of each token of `ids` that exists, by id (for the audit log's readers). */
export async function tokenNames(env, ids) {
  return new Map([...(await tokensOf(env, ids))].map(([id, row]) => [id, row.displayName]));
}

/** Active tokens that act in `organization` (its own, and its members' all-organizations ones) created before `before`. */
export const liveTokensOf = (env, now, organization, before) =>
  all(env, `SELECT id, scope FROM tokens WHERE ${ACTS_IN} AND ${STATUS.active} AND created_at < :before`, { organization, now, before });

/**
 * Revokes every token of `owner`; returns how many changed. The audit log gets the entry
 * `entry` with the count, and one `entry.tokenAction` entry per token revoked, so that each
 * token's own history shows its revocation. With `tellOwner` ([before, after] the token's
 * name), the owner gets a notice for each token this revoked.
 */
export async function revokeOwnerTokens(env, now, owner, entry, { tellOwner = null } = {}) {
  const change = newChange();
  const statements = [
    statement(env, TOKEN_HOT.revokeOwner, { now, owner, change }),
    statement(
      env,
      `INSERT INTO audit (at, actor, action, subject, token_id, detail)
       SELECT :now, :actor, :action, :owner, NULL, json_set(:detail, '$.revoked', (SELECT count(*) FROM tokens WHERE owner = :owner AND change_id = :change))`,
      { now, actor: entry.actor, action: entry.action, owner, detail: JSON.stringify(entry.detail ?? {}), change },
    ),
    statement(env, TOKEN_HOT.revokedEntries, { now, owner, change, actor: entry.actor, action: entry.tokenAction, detail: JSON.stringify({ revokeAll: true }) }),
  ];
  if (tellOwner) statements.push(statement(env, TOKEN_HOT.revokedNotices, { now, owner, change, before: tellOwner[0], after: tellOwner[1] }));
  const [r] = await env.DB.batch(statements);
  return r.meta.changes;
}

// Which tokens each list filter shows: the status conditions (status.js), the core's rule.
const FILTERS = new Map([
  ["active", STATUS.active],
  ["revoked", STATUS.revoked],
  ["expired", STATUS.expired],
  ["all", "1 = 1"],
]);
// Each order, and the indexes that hold it (for one owner, for everyone): a page walks its index
// in order from where the last page ended, so it reads only its own rows (see 0005_scale.sql).
const SORTS = new Map([
  ["displayName", { order: "display_name COLLATE NOCASE", owner: "tokens_owner_name", all: "tokens_name" }],
  ["displayDate", { order: "created_at", owner: "tokens_owner_created", all: "tokens_created" }],
  ["validTo", { order: "valid_to", owner: "tokens_owner_valid_to", all: "tokens_valid_to" }],
  // By status (no index: a status changes with the clock; this order sorts the rows the filters select).
  ["status", { order: STATUS_ORDER }],
]);
export const LIST_FILTERS = [...FILTERS.keys()];
export const LIST_SORTS = [...SORTS.keys()];

/**
 * A page of tokens; `filter` and `sort` are names from LIST_FILTERS and LIST_SORTS. Pages are
 * keyset-paged: `after` is the id of the previous page's last token, and this page starts after
 * that token's place in the order (its sort value, then its id), so no page costs an OFFSET scan
 * of the pages before it. One more row than `top` is read to tell whether another page follows.
 */
export function listTokens(env, now, options) {
  const { text, params } = listStatement(now, options);
  return all(env, text, params);
}

/** The statement and parameters of a list page (exported for the query-plan test). */
export function listStatement(now, { filter, sort, ascending, top, after, owner, organization }) {
  const where = [FILTERS.get(filter)];
  const params = { now, top: top + 1 };
  if (owner) {
    params.owner = owner;
    where.push("owner = :owner");
  }
  if (organization) {
    params.organization = organization;
    where.push(ACTS_IN);
  }
  const { order, ...indexes } = SORTS.get(sort);
  const index = owner ? indexes.owner : indexes.all;
  const direction = ascending ? "ASC" : "DESC";
  if (after) {
    params.after = after;
    // The continuation's token is looked up within the list's own owner: another user's token
    // id reads as unknown (an empty page), never as a place among this user's tokens.
    const within = owner ? " AND owner = :owner" : "";
    where.push(`(${order}, id) ${ascending ? ">" : "<"} ((SELECT ${order} FROM tokens WHERE id = :after${within}), :after)`);
  }
  const from = index ? `tokens INDEXED BY ${index}` : "tokens";
  return { text: `SELECT ${TOKEN_COLUMNS} FROM ${from} WHERE ${where.join(" AND ")} ORDER BY ${order} ${direction}, id ${direction} LIMIT :top`, params };
}

/** Global tokens not revoked at `now` (at most 1,000 a change: the rest are told at the next). */
export const globalTokens = (env, now) => all(env, `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE organization IS NULL AND ${NOT_REVOKED_AT} LIMIT 1000`, { now });
