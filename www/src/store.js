// The store: every SQL statement patgate runs against D1, and the audit log. Handlers call these
// functions and never write SQL. Times are ms since the epoch; `now` is always passed in.
// It is one file (over 300 lines) on purpose: every statement in one place, to review each for
// its index use and its atomicity, and to see the whole schema's use at once.
import { LIMITS } from "./settings.js";

const TOKEN_COLUMNS =
  "id, owner, display_name, organization, scope, valid_from, valid_to, created_at, revoked_at, last_used_at, hint, previous_until, leaked_at, leak_source, leak_url, " +
  "(SELECT o.id FROM organizations o WHERE o.name = tokens.organization) AS organization_id";

/**
 * The row of an INSERT of `n` parameters: `VALUES (?1, …)`, or with `ifChanged` only when the
 * statement run just before it in the same batch changed a row (a batch runs its statements in
 * order, on one connection, in one transaction: `changes()` is the previous statement's).
 */
function insertRow(n, ifChanged) {
  const params = Array.from({ length: n }, (_, i) => `?${i + 1}`).join(", ");
  return ifChanged ? `SELECT ${params} WHERE changes() = 1` : `VALUES (${params})`;
}

/** An audit entry's INSERT (see `insertRow` for `ifChanged`). */
export function audit(env, now, { actor = null, action, subject = null, tokenId = null, detail = {} }, { ifChanged = false } = {}) {
  return env.DB.prepare(`INSERT INTO audit (at, actor, action, subject, token_id, detail) ${insertRow(6, ifChanged)}`)
    .bind(now, actor, action, subject, tokenId, JSON.stringify(detail));
}

/**
 * Removes up to `chunk` audit entries older than `before` (ms), oldest first; returns how many.
 * One statement: the entries it removes are gone together or not at all.
 */
export async function pruneAudit(env, before, chunk) {
  const r = await env.DB.prepare(HOT.pruneAudit).bind(before, chunk).run();
  return r.meta.changes;
}

/** The audit log's filters: a query option's name and the column it must equal. */
export const AUDIT_FILTERS = Object.freeze({ action: "action", actor: "actor", subject: "subject", authorizationId: "token_id" });

/**
 * The statement for a page of the audit log: up to `top` entries, newest first, older than entry
 * `before` when given (keyset paging by id), each filter given (`AUDIT_FILTERS`) equal. Only
 * the filters' presence changes the text; their values are bound.
 */
export function auditStatement({ top = 200, before = null, filters = {} } = {}) {
  const where = ["id < ?2"];
  const args = [top, before ?? Number.MAX_SAFE_INTEGER];
  for (const [name, column] of Object.entries(AUDIT_FILTERS)) {
    if (filters[name] === undefined) continue;
    args.push(filters[name]);
    where.push(`${column} = ?${args.length}`);
  }
  return { sql: `SELECT id, at, actor, action, subject, token_id, detail FROM audit WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?1`, args };
}

export async function auditLog(env, page) {
  const { sql, args } = auditStatement(page);
  return (await env.DB.prepare(sql).bind(...args).all()).results;
}

// ---- users, sessions and the sign-in limit --------------------------------------------------

/** The store's pepper check: the one kept at its first start (`check` when there was none). */
export async function keepPepperCheck(env, check) {
  await env.DB.prepare("INSERT OR IGNORE INTO deployment (key, value) VALUES ('pepper_check', ?1)").bind(check).run();
  return (await env.DB.prepare("SELECT value FROM deployment WHERE key = 'pepper_check'").first())?.value ?? null;
}

export async function userCount(env) {
  return (await env.DB.prepare("SELECT count(*) AS n FROM users").first()).n;
}

export function userWithPassword(env, id) {
  return env.DB.prepare("SELECT id, password_hash, password_salt, password_iterations FROM users WHERE id = ?1").bind(id).first();
}

export async function userExists(env, id) {
  return (await env.DB.prepare("SELECT 1 FROM users WHERE id = ?1").bind(id).first()) !== null;
}

export async function listUsers(env) {
  return (await env.DB.prepare(
    "SELECT u.id, u.display_name, u.is_admin, (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = u.id) AS orgs FROM users u ORDER BY u.id",
  ).all()).results;
}

/** The session whose cookie digests to `idDigest`, with its user, if it has not expired. */
export function sessionFor(env, idDigest, now) {
  return env.DB.prepare(HOT.session).bind(idDigest, now).first();
}

/**
 * Starts a session: the sign-in's lock counter (`lockDigest`) is cleared, the attempt counted
 * against the name from untrusted browsers (`nameDigest`, when it was) taken back, and past
 * `sessionsMax` live sessions the user's oldest are ended, audited with their count.
 */
export async function startSession(env, now, { idDigest, userId, lockDigest, nameDigest, csrf, sessionsMax }) {
  // The attempt counted against the name from untrusted browsers is taken back (a browser with
  // the user's device cookie was never counted there).
  const takeBack = nameDigest === null ? [] : [
    env.DB.prepare("UPDATE signin_failures SET failures = failures - 1 WHERE name_digest = ?1").bind(nameDigest),
    env.DB.prepare("DELETE FROM signin_failures WHERE name_digest = ?1 AND failures <= 0").bind(nameDigest),
  ];
  await env.DB.batch([
    env.DB.prepare("DELETE FROM signin_failures WHERE name_digest = ?1").bind(lockDigest),
    ...takeBack,
    env.DB.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(now),
    env.DB.prepare("INSERT INTO sessions (id_digest, user_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(idDigest, userId, csrf, now, now + LIMITS.sessionMs),
    audit(env, now, { actor: userId, action: "signin", subject: userId }),
  ]);
  const ended = await env.DB.prepare(
    `DELETE FROM sessions WHERE id_digest IN
       (SELECT id_digest FROM sessions WHERE user_id = ?1 ORDER BY created_at DESC LIMIT -1 OFFSET ?2)`,
  ).bind(userId, sessionsMax).run();
  if (ended.meta.changes > 0) {
    await audit(env, now, { actor: userId, action: "session.limit", subject: userId, detail: { ended: ended.meta.changes, sessionsMax } }).run();
  }
}

/** The user a device cookie (its digest) was given to, if it is still remembered. */
export async function deviceUser(env, digest, now) {
  return (await env.DB.prepare("SELECT user_id FROM trusted_devices WHERE digest = ?1 AND expires_at > ?2").bind(digest, now).first())?.user_id ?? null;
}

/** Remembers a browser where `userId` signed in; past `devicesMax` the user's oldest are forgotten. */
export async function rememberDevice(env, now, { digest, userId, devicesMax }) {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO trusted_devices (digest, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)").bind(digest, userId, now, now + LIMITS.deviceMs),
    env.DB.prepare(
      `DELETE FROM trusted_devices WHERE digest IN
         (SELECT digest FROM trusted_devices WHERE user_id = ?1 ORDER BY created_at DESC LIMIT -1 OFFSET ?2)`,
    ).bind(userId, devicesMax),
  ]);
}

export async function endSession(env, now, session) {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM sessions WHERE id_digest = ?1").bind(session.sessionDigest),
    audit(env, now, { actor: session.user.id, action: "signout", subject: session.user.id }),
  ]);
}

/**
 * Counts a sign-in attempt for a name (`nameDigest`: the SHA-256 of the name typed, never the
 * name: people type passwords there) before its password is checked, in one atomic
 * statement: concurrent attempts each get their own count, so no burst gets past the limit.
 * Returns the attempts in the current window (including this one) and when the window ends.
 * Expired windows are dropped, and the table is capped at `rowsMax` rows. A full table makes
 * room by dropping the names with the fewest attempts, oldest first: were the oldest dropped
 * whatever their count, a flood of made-up names would erase a locked name's count and give its
 * guesser five more tries; this way erasing a count of n takes `rowsMax` names with n attempts.
 */
export async function countSigninAttempt(env, nameDigest, now, rowsMax) {
  const windowMs = LIMITS.signinWindowMs;
  const [, , counted] = await env.DB.batch([
    env.DB.prepare("DELETE FROM signin_failures WHERE window_start <= ?1").bind(now - windowMs),
    env.DB.prepare(
      `DELETE FROM signin_failures WHERE name_digest IN
         (SELECT name_digest FROM signin_failures ORDER BY failures DESC, window_start DESC LIMIT -1 OFFSET ?1)`,
    ).bind(rowsMax - 1),
    env.DB.prepare(
      `INSERT INTO signin_failures (name_digest, failures, window_start) VALUES (?1, 1, ?2)
       ON CONFLICT (name_digest) DO UPDATE SET failures = failures + 1
       RETURNING failures, window_start`,
    ).bind(nameDigest, now),
  ]);
  const row = counted.results[0];
  return { attempts: row.failures, windowEnds: row.window_start + windowMs };
}

/**
 * Audits a failed sign-in: under the user's id when the name is a user's; a name that is no
 * one's is not kept (people type passwords into the user-name field).
 */
export async function recordSigninFailure(env, userId, now) {
  await audit(env, now, { action: "signin.failed", subject: userId, detail: userId === null ? { unknownUser: true } : {} }).run();
}

// ---- tokens ---------------------------------------------------------------------------------

/**
 * The statements on a hot path (each request, each list page, each scan), named so that a test
 * can check every one's query plan (tests/www/query-plans.test.mjs: no full scan, no sort of a
 * whole table).
 */
export const HOT = Object.freeze({
  // The gate's one lookup: the token stored under a digest (current or regenerated-away), with
  // the stored digest that matched; the owner's organizations for all-organizations tokens.
  // A global token's row also says the policy on global tokens and whether its owner is on that
  // policy's allowlist (the core decides what they mean).
  tokenByDigest: `SELECT t.id, t.owner, t.organization, t.scope, t.valid_from, t.valid_to, t.revoked_at, t.last_used_at,
            t.digest, t.previous_digest, t.previous_until,
            (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = t.owner) AS owner_orgs,
            CASE WHEN t.organization IS NULL THEN (SELECT value FROM policies WHERE key = 'globalTokens') END AS global_tokens,
            CASE WHEN t.organization IS NULL THEN EXISTS (SELECT 1 FROM policy_allowlist a WHERE a.policy = 'globalTokens' AND a.user_id = t.owner) END AS global_exempt
       FROM tokens t WHERE t.digest = ?1 OR t.previous_digest = ?1`,
  touchToken: "UPDATE tokens SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?3)",
  // Whether a digest was ever issued (to any token, current or replaced).
  digestTaken: "SELECT 1 FROM issued_digests WHERE digest = ?1",
  revokeOwner: `UPDATE tokens SET revoked_at = ?1, previous_until = NULL, updated_at = ?1
      WHERE (revoked_at IS NULL OR revoked_at > ?1) AND owner = ?2`,
  // The audit entry of each token revokeOwner just revoked (revoked and updated at ?1).
  revokedEntries: `INSERT INTO audit (at, actor, action, subject, token_id, detail)
      SELECT ?1, ?3, ?4, owner, id, ?5 FROM tokens WHERE owner = ?2 AND revoked_at = ?1 AND updated_at = ?1`,
  // The owner's notice for each token revokeOwner just revoked (revoked and updated at ?1) that
  // had not expired: an expired one stopped working before, and its owner was told then.
  revokedNotices: `INSERT OR IGNORE INTO notifications (user_id, token_id, kind, cycle, message, created_at)
      SELECT owner, id, 'revoked', ?1, ?3 || json_quote(display_name) || ?4, ?1 FROM tokens
       WHERE owner = ?2 AND revoked_at = ?1 AND updated_at = ?1 AND valid_to > ?1`,
  // Live tokens ending within the notice window that have no notice for that end yet, in order
  // of their end: the expiry scan takes them a chunk at a time.
  expiringChunk: `SELECT t.id, t.owner, t.display_name, t.valid_to FROM tokens t
      WHERE t.revoked_at IS NULL AND t.valid_to > ?1 AND t.valid_to <= ?1 + ?2
        AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.token_id = t.id AND n.kind = 'expiring' AND n.cycle = t.valid_to)
      ORDER BY t.valid_to LIMIT ?3`,
  notificationsOf: "SELECT id, token_id, kind, message, created_at, read_at FROM notifications WHERE user_id = ?1 ORDER BY id DESC LIMIT 100",
  claimUndelivered: `UPDATE notifications SET claimed_until = ?1
      WHERE id IN (SELECT id FROM notifications
                    WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?2)
                    ORDER BY id LIMIT ?3)
      RETURNING id, user_id, token_id, kind, message, created_at`,
  // The audit log's retention: a chunk of the entries past it, oldest first.
  pruneAudit: "DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < ?1 ORDER BY at LIMIT ?2)",
  session: `SELECT s.id_digest, s.csrf, u.id, u.display_name, u.email, u.is_admin,
            (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = u.id) AS orgs
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_digest = ?1 AND s.expires_at > ?2`,
});

/**
 * The gate's lookup (see HOT.tokenByDigest), through D1's Sessions API starting at the primary:
 * with read replicas on, a revocation still holds from the very next request (docs/SCALE.md
 * weighs this against reading from the nearest replica).
 */
export function tokenByDigest(env, digest) {
  const db = typeof env.DB.withSession === "function" ? env.DB.withSession("first-primary") : env.DB;
  return db.prepare(HOT.tokenByDigest).bind(digest).first();
}

/** Notes a use, at most once per `lastUsedEveryMs` per token. */
export function touchToken(env, id, now) {
  return env.DB.prepare(HOT.touchToken).bind(now, id, now - LIMITS.lastUsedEveryMs).run();
}

export function tokenById(env, id) {
  return env.DB.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE id = ?1`).bind(id).first();
}

export function ownedToken(env, id, owner) {
  return env.DB.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE id = ?1 AND owner = ?2`).bind(id, owner).first();
}

export async function digestTaken(env, stored) {
  return (await env.DB.prepare(HOT.digestTaken).bind(stored).first()) !== null;
}

/** Records a digest as issued: a second issue of it fails the batch it is in (a UNIQUE key). */
const issueDigest = (env, digest) => env.DB.prepare("INSERT INTO issued_digests (digest) VALUES (?1)").bind(digest);

/** How many of `owner`'s tokens are live at `now` (at most `atMost` counted). */
export async function liveTokenCount(env, owner, now, atMost) {
  const row = await env.DB.prepare(
    `SELECT count(*) AS n FROM (SELECT 1 FROM tokens WHERE owner = ?1 AND (revoked_at IS NULL OR revoked_at > ?2) AND valid_to > ?2 LIMIT ?3)`,
  ).bind(owner, now, atMost).first();
  return row.n;
}

/** Inserts a token with its "created" notice and audit entry, all or nothing. */
export async function insertToken(env, now, t, notice) {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO tokens (id, owner, display_name, organization, scope, valid_from, valid_to, created_at, updated_at, digest, hint)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?6, ?8, ?9)`,
    ).bind(t.id, t.owner, t.displayName, t.organization, t.scope, now, t.validTo, t.digest, t.hint),
    noticeStatement(env, now, { userId: t.owner, tokenId: t.id, kind: "created", cycle: now, message: notice }),
    audit(env, now, { actor: t.owner, action: "token.create", subject: t.owner, tokenId: t.id, detail: { displayName: t.displayName, scope: t.scope, organization: t.organization, validTo: new Date(t.validTo).toISOString() } }),
    issueDigest(env, t.digest),
  ]);
}

/**
 * Applies an edit, only if the token is still unrevoked and unexpired as the edit was decided
 * (a revocation racing the edit makes it a no-op, audited as nothing, as does any change to what
 * the edit was judged on). Returns whether it was applied.
 */
export async function updateToken(env, now, actor, t, base) {
  const [r] = await env.DB.batch([
    // Only onto the row the policy judged (`base`: its start, end, scopes and organization as
    // read): a regeneration or another edit in between makes this a no-op, never a mix.
    env.DB.prepare(
      `UPDATE tokens SET display_name = ?1, scope = ?2, valid_to = ?3, organization = ?4, updated_at = ?5
        WHERE id = ?6 AND (revoked_at IS NULL OR revoked_at > ?5) AND valid_to > ?5
          AND valid_from = ?7 AND valid_to = ?8 AND scope = ?9 AND organization IS ?10`,
    ).bind(t.displayName, t.scope, t.validTo, t.organization, now, t.id, base.valid_from, base.valid_to, base.scope, base.organization),
    audit(env, now, { actor, action: "token.update", subject: actor, tokenId: t.id, detail: { displayName: t.displayName, scope: t.scope, organization: t.organization, validTo: new Date(t.validTo).toISOString() } }, { ifChanged: true }),
  ]);
  return r.meta.changes === 1;
}

/**
 * Gives a token a new secret (and the old one its grace end, or none), with its audit entry and
 * "created" notice, only if it is still unrevoked. Returns whether it was applied.
 */
export async function regenerateToken(env, now, actor, t, notice) {
  const [r] = await env.DB.batch([
    env.DB.prepare(
      `UPDATE tokens SET previous_digest = CASE WHEN ?1 IS NULL THEN NULL ELSE digest END, previous_until = ?1,
              digest = ?2, hint = ?3, valid_from = ?4, valid_to = ?5, updated_at = ?4, last_used_at = NULL,
              leaked_at = NULL, leak_source = NULL, leak_url = NULL
        WHERE id = ?6 AND (revoked_at IS NULL OR revoked_at > ?4)`,
    ).bind(t.graceUntil, t.digest, t.hint, t.validFrom, t.validTo, t.id),
    // The audit entry's insert changes one row exactly when the update did: the notice follows it.
    audit(env, now, { actor, action: "token.regenerate", subject: actor, tokenId: t.id, detail: { graceUntil: t.graceUntil === null ? null : new Date(t.graceUntil).toISOString(), validTo: new Date(t.validTo).toISOString() } }, { ifChanged: true }),
    noticeStatement(env, now, { userId: t.owner, tokenId: t.id, kind: "created", cycle: now, message: notice }, { ifChanged: true }),
    issueDigest(env, t.digest),
  ]);
  return r.meta.changes === 1;
}

/** Tokens that act in the organization bound as `?n`: its own, and its members' all-organizations ones. */
const actsIn = (n) => `(organization = ?${n} OR (organization IS NULL AND owner IN (SELECT user_id FROM memberships WHERE organization = ?${n})))`;

function revokeStatement(env, now, id, organization) {
  return env.DB.prepare(
    `UPDATE tokens SET revoked_at = ?1, previous_until = NULL, updated_at = ?1
      WHERE (revoked_at IS NULL OR revoked_at > ?1) AND id = ?2${organization === null ? "" : ` AND ${actsIn(3)}`}`,
  ).bind(now, id, ...(organization === null ? [] : [organization]));
}

/**
 * Revokes tokens by id at once (ending any grace), all in one transaction, within `organization`
 * when one is named; returns how many changed. Only a token that was revoked is audited: an id
 * that names none (or a token already revoked, or of another organization) leaves no entry, so
 * whatever a caller sent as an id is never kept.
 */
export async function revokeTokens(env, now, ids, entry, { organization = null, tellOwners = null } = {}) {
  // An administrator's entries name whose token each was (the caller knows only ids), and with
  // `tellOwners` (a token's name → the notice) each owner is told, in the same transaction.
  const owned = entry.subject === undefined || tellOwners ? await ownersOf(env, ids) : new Map();
  const groups = ids.map((id) => {
    const row = owned.get(id);
    const group = [revokeStatement(env, now, id, organization), audit(env, now, { subject: row?.owner ?? null, ...entry, tokenId: id }, { ifChanged: true })];
    // Inserted only if the audit entry was, that is, only if the revocation changed the token.
    if (tellOwners && row && row.valid_to > now) group.push(noticeStatement(env, now, { userId: row.owner, tokenId: id, kind: "revoked", cycle: now, message: tellOwners(row.display_name) }, { ifChanged: true }));
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

/** The name of each token of `ids` that exists, by id (for the audit log's readers). */
export async function tokenNames(env, ids) {
  if (ids.length === 0) return new Map();
  return new Map([...(await ownersOf(env, ids))].map(([id, row]) => [id, row.display_name]));
}

/** The owner, name, end and leak address of each token of `ids` that exists, by id. */
async function ownersOf(env, ids) {
  const rows = (await env.DB.prepare("SELECT id, owner, display_name, valid_to, leak_url FROM tokens WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(ids)).all()).results;
  return new Map(rows.map((r) => [r.id, r]));
}

/** Live tokens that act in `organization` (its own, and its members' all-organizations ones) created before `before`. */
export async function liveTokensOf(env, now, organization, before) {
  return (await env.DB.prepare(
    `SELECT id, scope FROM tokens
      WHERE ${actsIn(1)}
        AND (revoked_at IS NULL OR revoked_at > ?2) AND valid_to > ?2 AND created_at < ?3`,
  ).bind(organization, now, before).all()).results;
}

/**
 * Revokes every token of `owner`; returns how many changed. The audit log gets the entry
 * `entry` with the count, and one `entry.tokenAction` entry per token revoked, so that each
 * token's own history shows its revocation.
 */
export async function revokeOwnerTokens(env, now, owner, entry, { tellOwner = null } = {}) {
  const statements = [
    env.DB.prepare(HOT.revokeOwner).bind(now, owner),
    // The entry counts what the update changed (`changes()` is the previous statement's).
    env.DB.prepare("INSERT INTO audit (at, actor, action, subject, token_id, detail) SELECT ?1, ?2, ?3, ?4, NULL, json_set(?5, '$.revoked', changes())")
      .bind(now, entry.actor, entry.action, owner, JSON.stringify(entry.detail ?? {})),
    env.DB.prepare(HOT.revokedEntries).bind(now, owner, entry.actor, entry.tokenAction, JSON.stringify({ revokeAll: true })),
  ];
  // With `tellOwner` ([before, after] the token's name): a notice for each token this revoked.
  if (tellOwner) statements.push(env.DB.prepare(HOT.revokedNotices).bind(now, owner, ...tellOwner));
  const [r] = await env.DB.batch(statements);
  return r.meta.changes;
}

// Which tokens each list filter shows: the same boundaries as the core's token status
// (revokedAt and validTo inclusive of now), checked against it by the API tests.
const FILTERS = new Map([
  ["active", "(revoked_at IS NULL OR revoked_at > ?1) AND valid_to > ?1"],
  ["revoked", "revoked_at IS NOT NULL AND revoked_at <= ?1"],
  ["expired", "(revoked_at IS NULL OR revoked_at > ?1) AND valid_to <= ?1"],
  ["all", "1 = 1"],
]);
// Each order, and the indexes that hold it (for one owner, for everyone): a page walks its index
// in order from where the last page ended, so it reads only its own rows (see 0005_scale.sql).
const SORTS = new Map([
  ["displayName", { order: "display_name COLLATE NOCASE", owner: "tokens_owner_name", all: "tokens_name" }],
  ["displayDate", { order: "created_at", owner: "tokens_owner_created", all: "tokens_created" }],
  ["validTo", { order: "valid_to", owner: "tokens_owner_valid_to", all: "tokens_valid_to" }],
  // By status as the filters above draw it: active, then expired, then revoked (no index: a
  // status changes with the clock; this order sorts the rows the filters select).
  ["status", { order: "CASE WHEN revoked_at IS NOT NULL AND revoked_at <= ?1 THEN 2 WHEN valid_to <= ?1 THEN 1 ELSE 0 END" }],
]);
export const LIST_FILTERS = [...FILTERS.keys()];
export const LIST_SORTS = [...SORTS.keys()];

/**
 * A page of tokens; `filter` and `sort` are names from LIST_FILTERS and LIST_SORTS. Pages are
 * keyset-paged: `after` is the id of the previous page's last token, and this page starts after
 * that token's place in the order (its sort value, then its id), so no page costs an OFFSET scan
 * of the pages before it. One more row than `top` is read to tell whether another page follows.
 */
export async function listTokens(env, now, options) {
  const { sql, args } = listStatement(now, options);
  return (await env.DB.prepare(sql).bind(...args).all()).results;
}

/** The statement and arguments of a list page (exported for the query-plan test). */
export function listStatement(now, { filter, sort, ascending, top, after, owner, organization }) {
  const where = [FILTERS.get(filter)];
  const args = [now];
  let ownerAt = 0;
  if (owner) {
    ownerAt = args.push(owner);
    where.push(`owner = ?${ownerAt}`);
  }
  if (organization) {
    args.push(organization);
    where.push(actsIn(args.length));
  }
  const { order, ...indexes } = SORTS.get(sort);
  const index = owner ? indexes.owner : indexes.all;
  const direction = ascending ? "ASC" : "DESC";
  if (after) {
    args.push(after);
    const n = args.length;
    // The continuation's token is looked up within the list's own owner: another user's token
    // id reads as unknown (an empty page), never as a place among this user's tokens.
    const within = owner ? ` AND owner = ?${ownerAt}` : "";
    where.push(`(${order}, id) ${ascending ? ">" : "<"} ((SELECT ${order} FROM tokens WHERE id = ?${n}${within}), ?${n})`);
  }
  args.push(top + 1);
  const from = index ? `tokens INDEXED BY ${index}` : "tokens";
  return { sql: `SELECT ${TOKEN_COLUMNS} FROM ${from} WHERE ${where.join(" AND ")} ORDER BY ${order} ${direction}, id ${direction} LIMIT ?${args.length}`, args };
}

// ---- policy ---------------------------------------------------------------------------------

export const ALLOWLISTS = ["fullAccess", "lifespan", "globalTokens"];

/** The deployment's policies, with each allowlist's users (for administrators; see `policyOf`). */
export async function policy(env) {
  const [{ results }, { results: listed }] = await env.DB.batch([
    env.DB.prepare("SELECT key, value FROM policies"),
    env.DB.prepare("SELECT policy, user_id FROM policy_allowlist ORDER BY policy, user_id"),
  ]);
  const map = new Map(results.map((r) => [r.key, r.value]));
  return {
    maxLifespanDays: Number(map.get("maxLifespanDays") ?? 365),
    restrictFullAccess: map.get("restrictFullAccess") === "true",
    autoRevokeLeaked: map.get("autoRevokeLeaked") !== "false",
    globalTokens: map.get("globalTokens") ?? "allowed",
    allowlists: Object.fromEntries(ALLOWLISTS.map((name) => [name, listed.filter((r) => r.policy === name).map((r) => r.user_id)])),
  };
}

/** Writes the policies and their allowlists, audited with what they were before and are now. */
export async function setPolicy(env, now, actor, before, next) {
  const put = (key) => env.DB.prepare("INSERT INTO policies (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2").bind(key, String(next[key]));
  const lists = ALLOWLISTS.flatMap((name) => next.allowlists[name].map((user) => env.DB.prepare("INSERT INTO policy_allowlist (policy, user_id) VALUES (?1, ?2)").bind(name, user)));
  await env.DB.batch([
    put("maxLifespanDays"), put("restrictFullAccess"), put("autoRevokeLeaked"), put("globalTokens"),
    env.DB.prepare("DELETE FROM policy_allowlist"), ...lists,
    audit(env, now, { actor, action: "admin.policy", detail: { before, after: next } }),
  ]);
}

/**
 * Tells the owner of each live global token, once (its notice's key is the token and kind), that
 * the policy retired it; `tokens` are the ones the core found live and not exempt.
 */
export async function noticeRetired(env, now, tokens, message) {
  if (tokens.length === 0) return 0;
  await env.DB.batch(tokens.map((t) => noticeStatement(env, now, { userId: t.owner, tokenId: t.id, kind: "retired", cycle: 0, message: message(t.display_name) })));
  return tokens.length;
}

/** Global tokens not revoked before `now` (at most 1,000 a change: the rest are told at the next). */
export async function globalTokens(env, now) {
  return (await env.DB.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE organization IS NULL AND (revoked_at IS NULL OR revoked_at > ?1) LIMIT 1000`).bind(now).all()).results;
}

// ---- leaks ----------------------------------------------------------------------------------

/** Tokens whose current or regenerated-away digest is one of `digests` (at most 100: D1's bound parameters). */
export async function tokensByDigests(env, digests) {
  if (digests.length === 0) return [];
  const list = digests.map((_, i) => `?${i + 1}`).join(", ");
  return (await env.DB.prepare(`SELECT ${TOKEN_COLUMNS}, digest, previous_digest FROM tokens WHERE digest IN (${list}) OR previous_digest IN (${list})`).bind(...digests).all()).results;
}

/**
 * A leak notice's `cycle`: one notice per leaked secret and outcome. The current secret's is
 * twice its validFrom (a regeneration makes a new secret and a new validFrom), plus one when
 * the report revoked the token (a token flagged first and revoked by a later report is told
 * both times); a previous secret in its grace is its grace end, negated.
 */
const leakCycle = (row, { previous, revoke }) => (previous ? -row.previous_until : 2 * row.valid_from + (revoke ? 1 : 0));

/**
 * Records a report of a token's current secret: the token is flagged with where it was found
 * (the first report of this secret; a regeneration clears it), revoked when `revoke`, its owner
 * told and the report audited.
 */
export async function recordLeak(env, now, row, { source, url, revoke, notice }) {
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE tokens SET leaked_at = COALESCE(leaked_at, ?1), leak_source = COALESCE(leak_source, ?2), leak_url = COALESCE(leak_url, ?3),
              revoked_at = CASE WHEN ?4 = 1 AND (revoked_at IS NULL OR revoked_at > ?1) THEN ?1 ELSE revoked_at END,
              previous_until = CASE WHEN ?4 = 1 THEN NULL ELSE previous_until END, updated_at = ?1
        WHERE id = ?5`,
    ).bind(now, source, url, revoke ? 1 : 0, row.id),
    noticeStatement(env, now, { userId: row.owner, tokenId: row.id, kind: "leaked", cycle: leakCycle(row, { revoke }), message: notice }),
    audit(env, now, { action: revoke ? "token.leaked.revoked" : "token.leaked", subject: row.owner, tokenId: row.id, detail: { source, url } }),
  ]);
}

/**
 * Records a report of a token's previous secret, still in its grace after a regeneration: with
 * `revoke`, the grace ends now (that secret stops; the current one, which the leak did not
 * touch, keeps working); either way its owner is told and the report audited.
 */
export async function recordPreviousLeak(env, now, row, { source, url, revoke, notice }) {
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE tokens SET previous_digest = NULL, previous_until = NULL, updated_at = ?1
        WHERE id = ?2 AND ?3 = 1 AND previous_digest = ?4`,
    ).bind(now, row.id, revoke ? 1 : 0, row.previous_digest),
    noticeStatement(env, now, { userId: row.owner, tokenId: row.id, kind: "leaked", cycle: leakCycle(row, { previous: true }), message: notice }),
    audit(env, now, { action: revoke ? "token.leaked.graceEnded" : "token.leaked.previous", subject: row.owner, tokenId: row.id, detail: { source, url } }),
  ]);
}

/**
 * Counts a public report from `client` in one atomic statement; expired windows are dropped.
 * Returns the reports in the current window (including this one) and when the window ends.
 */
export async function countReport(env, client, now) {
  const windowMs = LIMITS.reportWindowMs;
  const [, counted] = await env.DB.batch([
    env.DB.prepare("DELETE FROM report_limits WHERE window_start <= ?1").bind(now - windowMs),
    env.DB.prepare(
      `INSERT INTO report_limits (client, window_start, count) VALUES (?1, ?2, 1)
       ON CONFLICT (client) DO UPDATE SET count = count + 1 RETURNING count, window_start`,
    ).bind(client, now),
  ]);
  const row = counted.results[0];
  return { reports: row.count, windowEnds: row.window_start + windowMs };
}

// ---- device approval (requests.js) ----------------------------------------------------------

/** How many of `address`'s requests are pending at `now`. */
export async function pendingRequests(env, address, now) {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM token_requests WHERE state = 'pending' AND address = ?1 AND expires_at > ?2").bind(address, now).first();
  return row.n;
}

/** Records a tool's request and its audit entry, together. */
export async function insertRequest(env, now, r) {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO token_requests (id, device_code, user_code, digest, hint, display_name, scope, organization, valid_to, address, agent, created_at, expires_at, interval_ms)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)`,
    ).bind(r.id, r.deviceCode, r.userCode, r.digest, r.hint, r.displayName, r.scope, r.organization, r.validTo, r.address, r.agent, now, r.expiresAt, r.intervalMs),
    audit(env, now, { action: "token.request", detail: { displayName: r.displayName, scope: r.scope, organization: r.organization, address: r.address, userCode: r.userCode } }),
  ]);
}

export async function requestByDeviceCode(env, deviceCode) {
  return env.DB.prepare("SELECT * FROM token_requests WHERE device_code = ?1").bind(deviceCode).first();
}

export async function requestByUserCode(env, userCode) {
  return env.DB.prepare("SELECT * FROM token_requests WHERE user_code = ?1").bind(userCode).first();
}

/** Notes a poll, and the least time before the next one. */
export async function polledRequest(env, now, id, intervalMs) {
  await env.DB.prepare("UPDATE token_requests SET polled_at = ?1, interval_ms = ?2 WHERE id = ?3").bind(now, intervalMs, id).run();
}

/** Marks a pending request past its end expired, audited once. */
export async function expireRequest(env, now, row) {
  await env.DB.batch([
    env.DB.prepare("UPDATE token_requests SET state = 'expired' WHERE id = ?1 AND state = 'pending' AND expires_at <= ?2").bind(row.id, now),
    audit(env, now, { action: "token.request.expire", detail: { displayName: row.display_name, userCode: row.user_code, address: row.address } }, { ifChanged: true }),
  ]);
}

/** Every pending request past its end, expired and audited (the hourly run); rows a day past their end removed. */
export async function expireRequests(env, now) {
  const expired = (await env.DB.prepare("SELECT * FROM token_requests WHERE state = 'pending' AND expires_at <= ?1 LIMIT 500").bind(now).all()).results;
  for (const row of expired) await expireRequest(env, now, row);
  await env.DB.prepare("DELETE FROM token_requests WHERE expires_at <= ?1").bind(now - 86_400_000).run();
  return expired.length;
}

/** The device takes its approved token's record, once: whether this poll is the one. */
export async function collectRequest(env, now, id) {
  const r = await env.DB.prepare("UPDATE token_requests SET state = 'collected', polled_at = ?1 WHERE id = ?2 AND state = 'approved'").bind(now, id).run();
  return r.meta.changes === 1;
}

/**
 * Approves a pending request and makes its token, all or nothing: the request's state moves
 * first, only if it is still pending and unexpired, and each row after it (the token, its
 * notice, its audit entries, its digest issued) is written only if the one before was.
 * Returns whether the approval was applied.
 */
export async function approveRequest(env, now, row, t, notice) {
  const [r] = await env.DB.batch([
    env.DB.prepare("UPDATE token_requests SET state = 'approved', decided_by = ?1, decided_at = ?2, token_id = ?3 WHERE id = ?4 AND state = 'pending' AND expires_at > ?2")
      .bind(t.owner, now, t.id, row.id),
    env.DB.prepare(
      `INSERT INTO tokens (id, owner, display_name, organization, scope, valid_from, valid_to, created_at, updated_at, digest, hint)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?6, ?8, ?9 WHERE changes() = 1`,
    ).bind(t.id, t.owner, t.displayName, t.organization, t.scope, now, t.validTo, t.digest, t.hint),
    noticeStatement(env, now, { userId: t.owner, tokenId: t.id, kind: "created", cycle: now, message: notice }, { ifChanged: true }),
    audit(env, now, { actor: t.owner, action: "token.request.approve", subject: t.owner, tokenId: t.id, detail: { userCode: row.user_code, address: row.address } }, { ifChanged: true }),
    audit(env, now, { actor: t.owner, action: "token.create", subject: t.owner, tokenId: t.id, detail: { displayName: t.displayName, scope: t.scope, organization: t.organization, validTo: new Date(t.validTo).toISOString(), via: "device" } }, { ifChanged: true }),
    env.DB.prepare("INSERT INTO issued_digests (digest) SELECT ?1 WHERE changes() = 1").bind(t.digest),
  ]);
  return r.meta.changes === 1;
}

/** Denies a pending request, audited; whether it was still pending. */
export async function denyRequest(env, now, row, userId) {
  const [r] = await env.DB.batch([
    env.DB.prepare("UPDATE token_requests SET state = 'denied', decided_by = ?1, decided_at = ?2 WHERE id = ?3 AND state = 'pending' AND expires_at > ?2").bind(userId, now, row.id),
    audit(env, now, { actor: userId, action: "token.request.deny", subject: userId, detail: { displayName: row.display_name, userCode: row.user_code, address: row.address } }, { ifChanged: true }),
  ]);
  return r.meta.changes === 1;
}

// ---- notifications --------------------------------------------------------------------------

/** The statement that records a notice once (a UNIQUE key); `changes` tells whether it was new. */
export function noticeStatement(env, now, { userId, tokenId, kind, cycle, message }, { ifChanged = false } = {}) {
  return env.DB.prepare(
    `INSERT OR IGNORE INTO notifications (user_id, token_id, kind, cycle, message, created_at) ${insertRow(6, ifChanged)}`,
  ).bind(userId, tokenId, kind, cycle, message, now);
}

export async function notificationsOf(env, userId) {
  return (await env.DB.prepare(HOT.notificationsOf).bind(userId).all()).results;
}

export async function markRead(env, now, userId, ids) {
  const r = await env.DB.prepare(
    `UPDATE notifications SET read_at = ?1 WHERE user_id = ?2 AND read_at IS NULL AND (?3 OR id IN (SELECT value FROM json_each(?4)))`,
  ).bind(now, userId, ids === null ? 1 : 0, JSON.stringify(ids ?? [])).run();
  return r.meta.changes;
}

/** Up to `limit` live tokens in the notice window still without their expiring notice. */
export async function expiringChunk(env, now, limit) {
  return (await env.DB.prepare(HOT.expiringChunk).bind(now, LIMITS.expiryNoticeMs, limit).all()).results;
}

export async function recordNotices(env, now, notices) {
  if (notices.length === 0) return 0;
  const outcomes = await env.DB.batch(notices.map((n) => noticeStatement(env, now, n)));
  return outcomes.reduce((sum, r) => sum + r.meta.changes, 0);
}

/**
 * Claims undelivered notices for one delivery run, atomically: a notice claimed here is not
 * claimed again by an overlapping run until its lease ends (if this run dies first).
 */
export async function claimUndelivered(env, now) {
  const claimed = (await env.DB.prepare(HOT.claimUndelivered).bind(now + LIMITS.webhookLeaseMs, now, LIMITS.webhookBatch).all()).results;
  if (claimed.length === 0) return [];
  // Each notice with its token's name and leak address, for the webhook's structured fields.
  const tokens = await ownersOf(env, [...new Set(claimed.map((n) => n.token_id).filter((id) => id !== null))]);
  return claimed.sort((a, b) => a.id - b.id).map((n) => ({ ...n, display_name: tokens.get(n.token_id)?.display_name, leak_url: tokens.get(n.token_id)?.leak_url }));
}

export function markDelivered(env, now, id) {
  return env.DB.prepare("UPDATE notifications SET delivered_at = ?1, claimed_until = NULL WHERE id = ?2 AND delivered_at IS NULL").bind(now, id).run();
}

/**
 * A notice the receiver did not accept stays claimed until `retryAt`: runs that requests start
 * in the meantime do not post it again, however many there are; a later run retries it.
 */
export function holdClaim(env, id, retryAt) {
  return env.DB.prepare("UPDATE notifications SET claimed_until = ?1 WHERE id = ?2 AND delivered_at IS NULL").bind(retryAt, id).run();
}

// ---- demo resources -------------------------------------------------------------------------

const PROJECT_COLUMNS = "id, name, description, revision, updated_at";

export async function projectsOf(env, organization) {
  return (await env.DB.prepare(`SELECT ${PROJECT_COLUMNS} FROM projects WHERE organization = ?1 ORDER BY name`).bind(organization).all()).results;
}

/** A project by its id or its name (names compare without case, as Azure DevOps compares them). */
export function projectOf(env, organization, idOrName) {
  return env.DB.prepare(`SELECT ${PROJECT_COLUMNS} FROM projects WHERE organization = ?1 AND (id = lower(?2) OR name = ?2 COLLATE NOCASE)`)
    .bind(organization, idOrName).first();
}

/** Repositories of an organization, or of one of its projects, each with its project. */
export async function repositoriesOf(env, organization, projectName = null) {
  return (await env.DB.prepare(
    `SELECT r.id, r.name, p.id AS project_id, p.name AS project_name, p.description AS project_description,
            p.revision AS project_revision, p.updated_at AS project_updated_at
       FROM repositories r JOIN projects p ON p.organization = r.organization AND p.name = r.project
      WHERE r.organization = ?1 AND (?2 IS NULL OR p.name = ?2) ORDER BY p.name, r.name`,
  ).bind(organization, projectName).all()).results;
}

/** Up to 100 git repositories of the given organizations (`{ organization, project, name }`). */
export async function repositoriesIn(env, organizations) {
  return (await env.DB.prepare("SELECT organization, project, name FROM repositories WHERE organization IN (SELECT value FROM json_each(?1)) ORDER BY organization, project, name LIMIT 100")
    .bind(JSON.stringify(organizations)).all()).results;
}

export async function repositoryExists(env, organization, project, name) {
  return (await env.DB.prepare("SELECT 1 FROM repositories WHERE organization = ?1 AND project = ?2 AND name = ?3").bind(organization, project, name).first()) !== null;
}

/** Seeds an empty store with the demo; every insert is OR IGNORE, so concurrent seeds are harmless. */
export async function seedDemo(env, now, users, projectId, repositoryId) {
  const statements = [
    env.DB.prepare("INSERT OR IGNORE INTO organizations (name, id) VALUES ('fabrikam', ?1), ('contoso', ?2)").bind(crypto.randomUUID(), crypto.randomUUID()),
    env.DB.prepare("INSERT OR IGNORE INTO projects (organization, name, id, description, updated_at) VALUES ('fabrikam', 'demo', ?1, 'The demo project', ?2)").bind(projectId, now),
    env.DB.prepare("INSERT OR IGNORE INTO repositories (organization, project, name, id) VALUES ('fabrikam', 'demo', 'demo', ?1)").bind(repositoryId),
  ];
  for (const u of users) {
    statements.push(
      env.DB.prepare(
        "INSERT OR IGNORE INTO users (id, display_name, email, is_admin, password_hash, password_salt, password_iterations, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      ).bind(u.id, u.displayName, `${u.id}@example.com`, u.isAdmin ? 1 : 0, u.hash, u.salt, u.iterations, now),
      ...u.organizations.map((org) => env.DB.prepare("INSERT OR IGNORE INTO memberships (user_id, organization) VALUES (?1, ?2)").bind(u.id, org)),
    );
  }
  statements.push(audit(env, now, { action: "seed", detail: { users: users.length } }));
  await env.DB.batch(statements);
}

// ---- the test clock (PATGATE_TEST_CLOCK=true only) --------------------------------------------

/** The test clock: how far it is ahead, and the instant it stands at when frozen (else null). */
export async function testClock(env) {
  const row = await env.DB.prepare("SELECT advance_ms, frozen_at FROM test_clock WHERE id = 1").first();
  return { advanceMs: row?.advance_ms ?? 0, frozenAt: row?.frozen_at ?? null };
}

/** Freezes the test clock at `at` (ms; its advance starts again from 0), or lets it run again from `at` (null). */
export async function freezeTestClock(env, frozenAt, advanceMs) {
  await env.DB.prepare(
    "INSERT INTO test_clock (id, advance_ms, frozen_at) VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET advance_ms = ?1, frozen_at = ?2",
  ).bind(advanceMs, frozenAt).run();
}

export async function advanceTestClock(env, ms) {
  return (await env.DB.prepare(
    "INSERT INTO test_clock (id, advance_ms) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET advance_ms = advance_ms + ?1 RETURNING advance_ms",
  ).bind(ms).first()).advance_ms;
}
