// The PAT lifecycle API (Azure DevOps' shapes, with patgate's difference: create and regenerate
// receive the token's digest and hint, never the token) and the token administration API.
import { checkValidTo, pepperDigest, validateScopes } from "../../pkg/workerd.js";
import { HttpError, displayName, iso, parseTime, fromBase64url } from "./http.js";
import { createdMessage, noticeStatement } from "./notify.js";

const DIGEST = /^[A-Za-z0-9_-]{43}$/;
const HINT = /^[0-9A-Za-z]{4}$/;
const PAGE_MAX = 100;
const GRACE_MAX_MINUTES = 24 * 60;

/** An error in Azure DevOps' `patTokenError` shape. */
export function patError(status, patTokenError, message, field) {
  return new HttpError(status, patTokenError, message, { field, body: { patToken: null, patTokenError, message, ...(field ? { field } : {}) } });
}

export function pepperOf(env) {
  if (!env.PATGATE_PEPPER) return undefined;
  const bytes = fromBase64url(env.PATGATE_PEPPER);
  if (bytes.length < 16) throw new Error("PATGATE_PEPPER must be at least 16 bytes, base64url");
  return bytes;
}

/** What the store keeps for a received digest: peppered when the deployment has a pepper. */
function storedDigest(env, digest) {
  const pepper = pepperOf(env);
  return pepper ? pepperDigest(digest, pepper) : digest;
}

export async function getPolicy(env) {
  const { results } = await env.DB.prepare("SELECT key, value FROM policies").all();
  const map = Object.fromEntries(results.map((r) => [r.key, r.value]));
  return { maxLifespanDays: Number(map.maxLifespanDays ?? 365), restrictFullAccess: map.restrictFullAccess === "true" };
}

export function statusOf(row, now) {
  if (row.revoked_at !== null && row.revoked_at <= now) return "revoked";
  if (row.valid_to <= now) return "expired";
  return "active";
}

/** Azure DevOps' PatToken, plus patgate's owner, hint, status and times. Never the digest. */
export function patToken(row, now) {
  return {
    authorizationId: row.id,
    displayName: row.display_name,
    scope: row.scope,
    targetAccounts: row.organization === null ? null : [row.organization],
    allOrgs: row.organization === null,
    organization: row.organization,
    owner: row.owner,
    validFrom: iso(row.valid_from),
    validTo: iso(row.valid_to),
    createdAt: iso(row.created_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
    graceUntil: row.previous_until !== null && row.previous_until > now ? iso(row.previous_until) : null,
    hint: row.hint,
    status: statusOf(row, now),
    token: null,
  };
}

const COLUMNS = "id, owner, display_name, organization, scope, valid_from, valid_to, created_at, revoked_at, last_used_at, hint, previous_until";

function audit(env, { now, actor, action, subject, tokenId, detail = {} }) {
  return env.DB.prepare("INSERT INTO audit (at, actor, action, subject, token_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
    .bind(now, actor, action, subject ?? null, tokenId ?? null, JSON.stringify(detail));
}

function checkScopes(scope, policy) {
  if (typeof scope !== "string") throw patError(400, "invalidScope", "scope is required (space-separated scope names)", "scope");
  const v = validateScopes(scope);
  if (!v.ok) throw patError(400, "invalidScope", v.scope ? `unknown scope "${v.scope.slice(0, 64)}"` : v.message, "scope");
  if (v.fullAccess && policy.restrictFullAccess) {
    throw patError(400, "fullScopePatPolicyViolation", "full-access tokens are restricted by policy; choose scopes", "scope");
  }
  return v.scopes;
}

function checkLifespan(validTo, from, now, policy) {
  let to;
  try {
    to = parseTime(validTo, "validTo");
  } catch (e) {
    throw patError(400, "invalidValidTo", e.message, "validTo");
  }
  if (to <= now) throw patError(400, "invalidValidTo", "validTo must be in the future", "validTo");
  const c = checkValidTo(from, to, policy.maxLifespanDays);
  if (!c.ok) {
    throw patError(400, "patLifespanPolicyViolation", `validTo may be at most ${policy.maxLifespanDays} days after the token's start (${iso(c.latestValidTo)})`, "validTo");
  }
  return to;
}

function checkOrganization(body, user) {
  if (body.allOrgs !== undefined && typeof body.allOrgs !== "boolean") throw patError(400, "invalidTargetAccounts", "allOrgs must be true or false", "allOrgs");
  if (body.allOrgs === true) {
    if (body.organization !== undefined && body.organization !== null) throw patError(400, "invalidTargetAccounts", "give organization or allOrgs, not both", "organization");
    return null;
  }
  const org = body.organization;
  if (typeof org !== "string" || !user.organizations.includes(org)) {
    throw patError(400, "invalidTargetAccounts", "organization must be one of your organizations (or set allOrgs)", "organization");
  }
  return org;
}

function checkDigest(body) {
  if (typeof body.digest !== "string" || !DIGEST.test(body.digest)) {
    throw patError(400, "invalidToken", "digest must be the token's SHA-256 as 43 base64url characters (patgate never accepts the token itself)", "digest");
  }
  if (typeof body.hint !== "string" || !HINT.test(body.hint)) throw patError(400, "invalidToken", "hint must be the token's last 4 characters", "hint");
}

async function digestTaken(env, stored) {
  return (await env.DB.prepare("SELECT 1 FROM tokens WHERE digest = ?1 OR previous_digest = ?1").bind(stored).first()) !== null;
}

async function ownToken(env, user, id) {
  if (typeof id !== "string" || id.length > 64) throw patError(400, "invalidAuthorizationId", "authorizationId is required", "authorizationId");
  const row = await env.DB.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?1 AND owner = ?2`).bind(id, user.id).first();
  // Another user's token looks exactly like a missing one.
  if (!row) throw patError(404, "authorizationNotFound", "no such token", "authorizationId");
  return row;
}

const CREATE_FIELDS = ["displayName", "scope", "validTo", "allOrgs", "organization", "digest", "hint"];

export async function createPat(env, ctx, session, body, now) {
  const user = session.user;
  if ("token" in body) throw patError(400, "invalidToken", "patgate never receives tokens: send its digest and hint", "token");
  for (const key of Object.keys(body)) if (!CREATE_FIELDS.includes(key)) throw patError(400, "invalidRequest", `unknown field "${key.slice(0, 40)}"`, key.slice(0, 40));
  let name;
  try {
    name = displayName(body.displayName);
  } catch (e) {
    const missing = typeof body.displayName !== "string" || body.displayName.trim() === "";
    throw patError(400, missing ? "displayNameRequired" : "invalidDisplayName", e.message, "displayName");
  }
  const policy = await getPolicy(env);
  const scope = checkScopes(body.scope, policy);
  const validTo = checkLifespan(body.validTo, now, now, policy);
  const organization = checkOrganization(body, user);
  checkDigest(body);
  const stored = storedDigest(env, body.digest);
  if (await digestTaken(env, stored)) throw patError(409, "duplicateHash", "a token with this digest already exists", "digest");
  const id = crypto.randomUUID();
  try {
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO tokens (id, owner, display_name, organization, scope, valid_from, valid_to, created_at, updated_at, digest, hint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?6, ?8, ?9)`,
      ).bind(id, user.id, name, organization, scope, now, validTo, stored, body.hint),
      noticeStatement(env, { userId: user.id, tokenId: id, kind: "created", cycle: now, message: createdMessage(name, validTo), now }),
      audit(env, { now, actor: user.id, action: "token.create", subject: user.id, tokenId: id, detail: { displayName: name, scope, organization, validTo: iso(validTo) } }),
    ]);
  } catch (e) {
    if (/UNIQUE/.test(String(e))) throw patError(409, "duplicateHash", "a token with this digest already exists", "digest");
    throw e;
  }
  const row = await env.DB.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?1`).bind(id).first();
  return { patToken: patToken(row, now), patTokenError: "none" };
}

export async function updatePat(env, session, body, now) {
  const user = session.user;
  const row = await ownToken(env, user, body.authorizationId);
  if (statusOf(row, now) === "revoked") throw patError(409, "invalidAuthorizationId", "a revoked token cannot be changed", "authorizationId");
  const policy = await getPolicy(env);
  const name = body.displayName === undefined ? row.display_name : displayName(body.displayName);
  const scope = body.scope === undefined ? row.scope : checkScopes(body.scope, policy);
  const validTo = body.validTo === undefined ? row.valid_to : checkLifespan(body.validTo, row.valid_from, now, policy);
  const organization = body.allOrgs === undefined && body.organization === undefined ? row.organization : checkOrganization(body, user);
  await env.DB.batch([
    env.DB.prepare("UPDATE tokens SET display_name = ?1, scope = ?2, valid_to = ?3, organization = ?4, updated_at = ?5 WHERE id = ?6 AND revoked_at IS NULL")
      .bind(name, scope, validTo, organization, now, row.id),
    audit(env, { now, actor: user.id, action: "token.update", subject: user.id, tokenId: row.id, detail: { displayName: name, scope, organization, validTo: iso(validTo) } }),
  ]);
  const updated = await env.DB.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?1`).bind(row.id).first();
  return { patToken: patToken(updated, now), patTokenError: "none" };
}

export async function regeneratePat(env, session, id, body, now) {
  const user = session.user;
  const row = await ownToken(env, user, id);
  if (statusOf(row, now) === "revoked") throw patError(409, "invalidAuthorizationId", "a revoked token cannot be regenerated", "authorizationId");
  checkDigest(body);
  const grace = body.graceMinutes ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > GRACE_MAX_MINUTES) {
    throw patError(400, "invalidRequest", "graceMinutes must be a whole number from 0 to 1440 (24 hours)", "graceMinutes");
  }
  const policy = await getPolicy(env);
  const keep = row.valid_to - row.valid_from;
  const validTo = body.validTo === undefined ? Math.min(now + keep, now + policy.maxLifespanDays * 86_400_000) : checkLifespan(body.validTo, now, now, policy);
  const stored = storedDigest(env, body.digest);
  if (await digestTaken(env, stored)) throw patError(409, "duplicateHash", "a token with this digest already exists", "digest");
  const until = grace > 0 ? now + grace * 60_000 : null;
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE tokens SET previous_digest = CASE WHEN ?1 IS NULL THEN NULL ELSE digest END, previous_until = ?1,
              digest = ?2, hint = ?3, valid_from = ?4, valid_to = ?5, updated_at = ?4, last_used_at = NULL
        WHERE id = ?6 AND revoked_at IS NULL`,
    ).bind(until, stored, body.hint, now, validTo, row.id),
    noticeStatement(env, { userId: user.id, tokenId: row.id, kind: "created", cycle: now, message: createdMessage(row.display_name, validTo), now }),
    audit(env, { now, actor: user.id, action: "token.regenerate", subject: user.id, tokenId: row.id, detail: { graceMinutes: grace, validTo: iso(validTo) } }),
  ]);
  const updated = await env.DB.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?1`).bind(row.id).first();
  return { patToken: patToken(updated, now), patTokenError: "none" };
}

/** Revokes tokens matching `where` (a WHERE clause on tokens with ?1 = now): at once, grace ended. */
function revokeStatement(env, where, ...args) {
  return env.DB.prepare(
    `UPDATE tokens SET revoked_at = ?1, previous_until = NULL, updated_at = ?1
      WHERE (revoked_at IS NULL OR revoked_at > ?1) AND ${where}`,
  ).bind(...args);
}

export async function revokePat(env, session, id, now) {
  const row = await ownToken(env, session.user, id);
  await env.DB.batch([
    revokeStatement(env, "id = ?2", now, row.id),
    audit(env, { now, actor: session.user.id, action: "token.revoke", subject: session.user.id, tokenId: row.id }),
  ]);
}

export async function revokeAllMine(env, session, now) {
  const [r] = await env.DB.batch([
    revokeStatement(env, "owner = ?2", now, session.user.id),
    audit(env, { now, actor: session.user.id, action: "token.revokeAll", subject: session.user.id }),
  ]);
  return r.meta.changes;
}

const FILTERS = {
  active: "(revoked_at IS NULL OR revoked_at > ?1) AND valid_to > ?1",
  revoked: "revoked_at IS NOT NULL AND revoked_at <= ?1",
  expired: "(revoked_at IS NULL OR revoked_at > ?1) AND valid_to <= ?1",
  all: "1 = 1",
};
const SORTS = { displayName: "display_name COLLATE NOCASE", displayDate: "created_at", validTo: "valid_to" };

/** Lists tokens with Azure DevOps' query options; the continuation token is an opaque offset. */
export async function listTokens(env, url, now, { owner, organization } = {}) {
  const q = url.searchParams;
  const filter = q.get("displayFilterOption") ?? "active";
  if (!(filter in FILTERS)) throw new HttpError(400, "invalid_field", "displayFilterOption must be active, revoked, expired or all", { field: "displayFilterOption" });
  const sort = q.get("sortByOption") ?? "displayDate";
  if (!(sort in SORTS)) throw new HttpError(400, "invalid_field", "sortByOption must be displayName, displayDate or validTo", { field: "sortByOption" });
  const ascending = (q.get("isSortAscending") ?? "false") === "true";
  const top = q.has("$top") ? Number(q.get("$top")) : PAGE_MAX;
  if (!Number.isInteger(top) || top < 1 || top > PAGE_MAX) throw new HttpError(400, "invalid_field", "$top must be 1 to 100", { field: "$top" });
  let offset = 0;
  if (q.get("continuationToken")) {
    offset = Number.parseInt(q.get("continuationToken"), 36);
    if (!/^[0-9a-z]{1,6}$/.test(q.get("continuationToken")) || !Number.isInteger(offset)) {
      throw new HttpError(400, "invalid_field", "continuationToken is not one this API returned", { field: "continuationToken" });
    }
  }
  const where = [FILTERS[filter]];
  const args = [now];
  if (owner) {
    args.push(owner);
    where.push(`owner = ?${args.length}`);
  }
  if (organization) {
    args.push(organization);
    where.push(`(organization = ?${args.length} OR (organization IS NULL AND owner IN (SELECT user_id FROM memberships WHERE organization = ?${args.length})))`);
  }
  args.push(top + 1, offset);
  const { results } = await env.DB.prepare(
    `SELECT ${COLUMNS} FROM tokens WHERE ${where.join(" AND ")}
      ORDER BY ${SORTS[sort]} ${ascending ? "ASC" : "DESC"}, id LIMIT ?${args.length - 1} OFFSET ?${args.length}`,
  ).bind(...args).all();
  const more = results.length > top;
  return { patTokens: results.slice(0, top).map((r) => patToken(r, now)), continuationToken: more ? (offset + top).toString(36) : null };
}

export async function getPat(env, session, id, now) {
  return { patToken: patToken(await ownToken(env, session.user, id), now), patTokenError: "none" };
}

// ---- administration ------------------------------------------------------------------

export async function adminRevoke(env, session, body, now) {
  if (!Array.isArray(body) || body.length === 0 || body.length > 100) {
    throw new HttpError(400, "invalid_json", "the body must be an array of 1 to 100 { authorizationId } objects");
  }
  const ids = body.map((item, i) => {
    if (!item || typeof item.authorizationId !== "string" || Object.keys(item).length !== 1) {
      throw new HttpError(400, "invalid_field", `item ${i} must be { "authorizationId": "…" }`, { field: `[${i}].authorizationId` });
    }
    return item.authorizationId;
  });
  const statements = ids.flatMap((id) => [
    revokeStatement(env, "id = ?2", now, id),
    audit(env, { now, actor: session.user.id, action: "admin.token.revoke", tokenId: id }),
  ]);
  const results = await env.DB.batch(statements);
  return results.filter((_, i) => i % 2 === 0).reduce((n, r) => n + r.meta.changes, 0);
}

export async function adminRevokeUser(env, session, body, now) {
  const user = body.user;
  if (typeof user !== "string" || !(await env.DB.prepare("SELECT 1 FROM users WHERE id = ?1").bind(user).first())) {
    throw new HttpError(400, "invalid_field", "user must be an existing user's id", { field: "user" });
  }
  const [r] = await env.DB.batch([
    revokeStatement(env, "owner = ?2", now, user),
    audit(env, { now, actor: session.user.id, action: "admin.token.revokeAll", subject: user }),
  ]);
  return r.meta.changes;
}

export async function setPolicy(env, session, body, now) {
  const current = await getPolicy(env);
  const next = { ...current };
  if (body.maxLifespanDays !== undefined) {
    if (!Number.isInteger(body.maxLifespanDays) || body.maxLifespanDays < 1 || body.maxLifespanDays > 365) {
      throw new HttpError(400, "invalid_field", "maxLifespanDays must be a whole number from 1 to 365", { field: "maxLifespanDays" });
    }
    next.maxLifespanDays = body.maxLifespanDays;
  }
  if (body.restrictFullAccess !== undefined) {
    if (typeof body.restrictFullAccess !== "boolean") throw new HttpError(400, "invalid_field", "restrictFullAccess must be true or false", { field: "restrictFullAccess" });
    next.restrictFullAccess = body.restrictFullAccess;
  }
  await env.DB.batch([
    env.DB.prepare("UPDATE policies SET value = ?1 WHERE key = 'maxLifespanDays'").bind(String(next.maxLifespanDays)),
    env.DB.prepare("UPDATE policies SET value = ?1 WHERE key = 'restrictFullAccess'").bind(String(next.restrictFullAccess)),
    audit(env, { now, actor: session.user.id, action: "admin.policy", detail: next }),
  ]);
  return next;
}
