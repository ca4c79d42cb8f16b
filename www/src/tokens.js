// The PAT lifecycle API (Azure DevOps' shapes, with patgate's difference: create and regenerate
// receive the token's digest and hint, never the token) and the token administration API.
// Every rule (digest, scopes, lifespan, status, policy) is the core's, asked through core.js.
import { accepted, graceUntil, grantsAny, policyOf, ruleScopes, storedDigest, storedHint, tokenStatus } from "./core.js";
import { HttpError, displayName, iso, onlyFields, parseTime, patError } from "./http.js";
import { createdMessage, regeneratedMessage, retiredMessage, revokedByAdminMessage, revokedByAdminParts } from "./notify.js";
import { GUID } from "./query.js";
import { settings } from "./settings.js";
import * as store from "./stores/index.js";

/** Azure DevOps' PatToken, plus patgate's owner, hint, status and times. Never the digest. */
export function patToken(row, now) {
  return {
    authorizationId: row.id,
    displayName: row.displayName,
    scope: row.scope,
    // Azure DevOps names the organization by its GUID here; patgate's `organization` is its name.
    targetAccounts: row.organization === null ? null : [row.organizationId],
    allOrgs: row.organization === null,
    organization: row.organization,
    owner: row.owner,
    validFrom: iso(row.validFrom),
    validTo: iso(row.validTo),
    createdAt: iso(row.createdAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
    graceUntil: iso(graceUntil(row.validFrom, row.validTo, row.revokedAt, row.previousUntil, now)),
    hint: row.hint,
    status: tokenStatus(row.validFrom, row.validTo, row.revokedAt, now),
    // Reported as leaked: when, by whom (github or public) and where it was found.
    leak: row.leakedAt == null ? null : { reportedAt: iso(row.leakedAt), source: row.leakSource, url: row.leakUrl },
    token: null,
  };
}

const NIL = "00000000-0000-0000-0000-000000000000";

/** Azure DevOps' SessionToken for a PatToken: what its token administration lists for a PAT. */
export function sessionToken(pat) {
  return { ...pat, clientId: NIL, accessId: NIL, hostAuthorizationId: NIL, isValid: pat.status === "active", isPublic: false };
}

const stored = (row) => ({ validFrom: row.validFrom, validTo: row.validTo, revokedAt: row.revokedAt, scope: row.scope, organization: row.organization });

function nameOf(value) {
  try {
    return displayName(value);
  } catch (e) {
    const missing = typeof value !== "string" || value.trim() === "";
    throw patError(400, missing ? "displayNameRequired" : "invalidDisplayName", e.message, "displayName");
  }
}

function scopeText(value) {
  if (typeof value !== "string") throw patError(400, "invalidScope", "scope is required (space-separated scope names)", "scope");
  return value;
}

function timeOf(value) {
  try {
    return parseTime(value, "validTo");
  } catch (e) {
    throw patError(400, "invalidValidTo", e.message, "validTo");
  }
}

function organizationOf(body, user) {
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

/** The stored form of the body's digest and its hint; 409 if it was ever issued, to anyone. */
const duplicateHash = () => patError(409, "duplicateHash", "this digest was issued before: generate a new token", "digest");

async function newSecret(env, body) {
  const digest = storedDigest(env, body.digest);
  const hint = storedHint(body.hint);
  return { digest: await freshDigest(env, digest), hint };
}

/**
 * Runs `write`, which stores a new secret: two requests with one digest can both pass
 * `newSecret`'s check, and the store's unique index then refuses the second, a 409 as well.
 */
export async function storingSecret(write) {
  try {
    return await write();
  } catch (e) {
    if (/UNIQUE/.test(String(e))) throw duplicateHash();
    throw e;
  }
}

async function ownToken(env, user, id) {
  if (typeof id !== "string" || id.length > 64) throw patError(400, "invalidAuthorizationId", "authorizationId is required", "authorizationId");
  const row = await store.ownedToken(env, id, user.id);
  // Another user's token looks exactly like a missing one.
  if (!row) throw patError(404, "authorizationNotFound", "no such token", "authorizationId");
  return row;
}

const answer = async (env, id, now) => ({ patToken: patToken(await store.tokenById(env, id), now), patTokenError: "none" });
const changedMeanwhile = () => patError(409, "invalidAuthorizationId", "the token changed meanwhile (revoked, expired, regenerated or edited): read it again", "authorizationId");

export const CREATE_FIELDS = ["displayName", "scope", "validTo", "allOrgs", "organization", "digest", "hint"];

export async function createPat(env, now, user, body) {
  if (Object.hasOwn(body, "token")) throw patError(400, "invalidToken", "patgate never receives tokens: send its digest and hint", "token");
  onlyFields(body, CREATE_FIELDS);
  const t = await plannedToken(env, now, user, body, () => newSecret(env, body));
  await storingSecret(() => store.insertToken(env, now, t, createdMessage(t.displayName, t.validTo)));
  return answer(env, t.id, now);
}

/**
 * The token a create for `user` would store, after every check a create makes (name, policy,
 * organization, the secret from `secret()`, the live-token quota), or the 4xx of the first that
 * fails, under the `stored` policy when the caller has read it already. Device approvals
 * (requests.js) make theirs here too.
 */
export async function plannedToken(env, now, user, body, secret, stored = null) {
  const name = nameOf(body.displayName);
  const policy = policyOf(stored ?? (await store.policy(env)), user);
  const organization = organizationOf(body, user);
  const plan = accepted(policy.create(now, scopeText(body.scope), timeOf(body.validTo), organization));
  const { digest, hint } = await secret();
  // Checked before the write: concurrent creates may pass it together, as many as the change
  // quota lets one user send at once.
  const quota = settings(env).liveTokensPerUser;
  if ((await store.liveTokenCount(env, user.id, now, quota)) >= quota) {
    throw patError(409, "failedToIssueAccessToken", `you have ${quota} live tokens, the most one user may have: revoke some you no longer use first`);
  }
  return { id: crypto.randomUUID(), owner: user.id, displayName: name, organization, scope: plan.scope, validTo: plan.validTo, digest, hint };
}

/** A digest that was ever issued, to anyone, is refused (409). */
export async function freshDigest(env, stored) {
  if (await store.digestTaken(env, stored)) throw duplicateHash();
  return stored;
}

export const UPDATE_FIELDS = ["authorizationId", "displayName", "scope", "validTo", "allOrgs", "organization"];

/** An edit: what it changes and what it keeps must satisfy the policy in force. */
export async function updatePat(env, now, user, body) {
  const row = await ownToken(env, user, body.authorizationId);
  const name = body.displayName === undefined ? row.displayName : nameOf(body.displayName);
  const policy = policyOf(await store.policy(env), user);
  const scope = body.scope === undefined ? undefined : scopeText(body.scope);
  const validTo = body.validTo === undefined ? undefined : timeOf(body.validTo);
  const organization = body.allOrgs === undefined && body.organization === undefined ? row.organization : organizationOf(body, user);
  // An organization it could not act in widens the token as a wider scope does (the core decides).
  const plan = accepted(policy.edit(now, stored(row), scope, validTo, organization));
  const applied = await store.updateToken(env, now, user.id, { id: row.id, displayName: name, scope: plan.scope, validTo: plan.validTo, organization }, row);
  if (!applied) throw changedMeanwhile();
  return answer(env, row.id, now);
}

export const REGENERATE_FIELDS = ["digest", "hint", "graceMinutes", "validTo"];

/** A new secret: the policy in force applies; a grace period only shortens a live secret's life. */
export async function regeneratePat(env, now, user, id, body) {
  const row = await ownToken(env, user, id);
  // What is not a number is no number of minutes to the core, which refuses it with its own words.
  const grace = body.graceMinutes === undefined || typeof body.graceMinutes === "number" ? body.graceMinutes : NaN;
  const policy = policyOf(await store.policy(env), user);
  const validTo = body.validTo === undefined ? undefined : timeOf(body.validTo);
  const plan = accepted(policy.regenerate(now, stored(row), validTo, grace));
  const secret = await newSecret(env, body);
  const applied = await storingSecret(() => store.regenerateToken(
    env, now, user.id,
    { id: row.id, owner: row.owner, validFrom: plan.validFrom, validTo: plan.validTo, graceUntil: plan.graceUntil, ...secret },
    regeneratedMessage(row.displayName, plan.validTo),
  ));
  if (!applied) throw changedMeanwhile();
  return answer(env, row.id, now);
}

export async function revokePat(env, now, user, id) {
  const row = await ownToken(env, user, id);
  await store.revokeTokens(env, now, [row.id], { actor: user.id, action: "token.revoke", subject: user.id });
}

export const revokeAllMine = (env, now, user) => store.revokeOwnerTokens(env, now, user.id, { actor: user.id, action: "token.revokeAll", tokenAction: "token.revoke" });

export async function getPat(env, now, user, id) {
  return { patToken: patToken(await ownToken(env, user, id), now), patTokenError: "none" };
}

/** A page of tokens and where the next one starts (its last token's id; null on the last page). */
export async function listPats(env, now, query, { owner, organization } = {}) {
  const rows = await store.listTokens(env, now, { ...query, owner, organization });
  const page = rows.slice(0, query.top);
  return { patTokens: page.map((r) => patToken(r, now)), next: rows.length > query.top ? page[page.length - 1].id : null };
}

// ---- administration ------------------------------------------------------------------------

/**
 * Revokes the listed tokens (within `organization` on the organization's route); with
 * `isPublic` (Azure DevOps' public, compact tokens, of which patgate has none) it checks the
 * list and revokes nothing. Returns how many changed.
 */
export async function adminRevoke(env, now, admin, body, organization = null, { isPublic = false } = {}) {
  if (!Array.isArray(body) || body.length === 0 || body.length > 100) {
    throw new HttpError(400, "invalid_json", "the body must be an array of 1 to 100 { authorizationId } objects");
  }
  // Each id a token id (a GUID, any case): anything else is a mistake to report, never a
  // revocation that silently matched nothing.
  const ids = body.map((item, i) => {
    const id = item?.authorizationId;
    if (!item || typeof item !== "object" || Object.keys(item).length !== 1 || typeof id !== "string" || !GUID.test(id)) {
      throw new HttpError(400, "invalid_field", `item ${i} must be { "authorizationId": "<a token's id, a GUID>" }`, { field: `[${i}].authorizationId` });
    }
    return id.toLowerCase();
  });
  if (isPublic) return 0;
  return store.revokeTokens(env, now, ids, { actor: admin.id, action: "admin.token.revoke" }, { organization, tellOwners: (name) => revokedByAdminMessage(name, admin.id) });
}

/**
 * Azure DevOps' revocation rule `{ scopes, createdBefore? }`: revokes, at once, every live token
 * acting in `organization` that grants any of `scopes` and was created before `createdBefore`
 * (default now). Returns how many.
 */
export async function revocationRule(env, now, admin, organization, body) {
  const scopes = ruleScopes(body.scopes);
  const before = body.createdBefore === undefined || body.createdBefore === null ? now + 1 : parseTime(body.createdBefore, "createdBefore");
  const ids = (await store.liveTokensOf(env, now, organization, before)).filter((t) => grantsAny(t.scope, scopes)).map((t) => t.id);
  if (ids.length === 0) return 0;
  return store.revokeTokens(env, now, ids, { actor: admin.id, action: "admin.token.revocationRule", detail: { organization, scopes } }, { tellOwners: (name) => revokedByAdminMessage(name, admin.id) });
}

export async function adminRevokeUser(env, now, admin, body) {
  const user = body.user;
  if (typeof user !== "string" || user.length > 64 || !(await store.userExists(env, user))) {
    throw new HttpError(400, "invalid_field", "user must be an existing user's id", { field: "user" });
  }
  return store.revokeOwnerTokens(env, now, user, { actor: admin.id, action: "admin.token.revokeAll", tokenAction: "admin.token.revoke" }, { tellOwner: revokedByAdminParts(admin.id) });
}

/**
 * A new policy: its limits are the core's (1..365 days; global tokens allowed, restricted or
 * retired), checked by building it; each allowlist names users who exist (at most 100).
 */
export async function setPolicy(env, now, admin, body) {
  const { organizations, ...before } = await store.policy(env); // each organization's is its own
  const next = { ...before, allowlists: { ...before.allowlists } };
  // Anything but a number is no number of days to the core (refused below).
  if (body.maxLifespanDays !== undefined) next.maxLifespanDays = typeof body.maxLifespanDays === "number" ? body.maxLifespanDays : NaN;
  for (const key of ["restrictFullAccess", "autoRevokeLeaked"]) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== "boolean") throw new HttpError(400, "invalid_field", `${key} must be true or false`, { field: key });
    next[key] = body[key];
  }
  if (body.globalTokens !== undefined) next.globalTokens = body.globalTokens;
  if (body.allowlists !== undefined) {
    if (body.allowlists === null || typeof body.allowlists !== "object" || Array.isArray(body.allowlists)) {
      throw new HttpError(400, "invalid_field", "allowlists must be an object of fullAccess, lifespan and globalTokens, each a list of user names", { field: "allowlists" });
    }
    onlyFields(body.allowlists, store.ALLOWLISTS);
    for (const [name, users] of Object.entries(body.allowlists)) next.allowlists[name] = await allowlistOf(env, users, `allowlists.${name}`, "allowlists");
  }
  try {
    // The core's Policy decides; what is stored is the maximum it applies (a store that never
    // set one has the core's own).
    next.maxLifespanDays = policyOf({ ...next, globalTokens: typeof next.globalTokens === "string" ? next.globalTokens : "" }).maxLifespanDays;
  } catch (e) {
    const field = /globalTokens/.test(e.message) ? "globalTokens" : "maxLifespanDays";
    throw new HttpError(400, "invalid_field", `${field}: ${e.message}`, { field });
  }
  await store.setPolicy(env, now, admin.id, before, next);
  // Retired: the owners of live global tokens the policy now refuses are told, once.
  if (before.globalTokens !== "retired" && next.globalTokens === "retired") {
    const refused = (await store.globalTokens(env, now)).filter((t) => tokenStatus(t.validFrom, t.validTo, t.revokedAt, now) === "active" && !next.allowlists.globalTokens.includes(t.owner));
    await store.noticeRetired(env, now, refused, retiredMessage);
  }
  return next;
}

/** An allowlist a client sent: at most 100 names of existing users, sorted, each once. */
async function allowlistOf(env, users, name, field = name) {
  if (!Array.isArray(users) || users.length > 100 || !users.every((u) => typeof u === "string" && u.length <= 64)) {
    throw new HttpError(400, "invalid_field", `${name} must be a list of at most 100 user names`, { field });
  }
  const unique = [...new Set(users)].sort();
  for (const u of unique) {
    if (!(await store.userExists(env, u))) throw new HttpError(400, "invalid_field", `${name}: no user is named ${JSON.stringify(u)}`, { field });
  }
  return unique;
}

/**
 * An organization's creation policy (Azure DevOps' "Restrict personal access token creation"):
 * `restrictCreation`, `allowPackaging` (everyone may still make packaging-only tokens) and the
 * `allowlist` of users it does not apply to; what is not sent is kept. Never retroactive: the
 * tokens made before keep working. Audited with before and after.
 */
export async function setOrganizationPolicy(env, now, admin, organization, body) {
  if (!(await store.organizationExists(env, organization))) throw new HttpError(404, "not_found", "no such organization");
  const stored = (await store.policy(env)).organizations.find((o) => o.organization === organization);
  const before = stored ?? { organization, restrictCreation: false, allowPackaging: false, allowlist: [] };
  const next = { ...before };
  for (const key of ["restrictCreation", "allowPackaging"]) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== "boolean") throw new HttpError(400, "invalid_field", `${key} must be true or false`, { field: key });
    next[key] = body[key];
  }
  if (body.allowlist !== undefined) next.allowlist = await allowlistOf(env, body.allowlist, "allowlist");
  await store.setOrganizationPolicy(env, now, admin.id, before, next);
  return next;
}
