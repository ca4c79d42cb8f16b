// The worker's one door to the Rust core (the npm package's edge module, `patgate/edge`), and the one place
// where a core refusal becomes an HTTP error. Rules live in the core; this file only translates.
import { Gate, Policy, checkToken, containsToken, digestHex, globalTokensFor, graceUntil, isDigest, isHint, pepperDigest, scopesGrantAny, scopesWithin, tokenDigest, tokenStatus, validateScopes } from "../../pkg/workerd.js";
import { HttpError, patError, iso } from "./http.js";
import { settings } from "./settings.js";

export { containsToken, graceUntil, tokenStatus };

/** The deployment's realm: in the gate's challenges and the portal's sign-in challenge alike. */
export const REALM = "patgate";

let gate = null;
let gatePepper = null;

/** The gate for this deployment, built once per isolate (and again if the pepper changes). */
export function gateFor(env) {
  const { pepper } = settings(env);
  const key = env.PATGATE_PEPPER ?? "";
  if (!gate || gatePepper !== key) {
    gate = new Gate({ realm: REALM, pepper });
    gatePepper = key;
  }
  return gate;
}

/** Whether `value` is a well-formed token of this deployment (offline check: format and checksum). */
export function isToken(value) {
  return value.length <= 64 && checkToken(value).valid;
}

/** The store's form of a digest a client sent: refused with a 400 unless the core can decode it. */
export function storedDigest(env, digest) {
  if (digest === undefined) {
    throw patError(400, "invalidToken", "patgate never makes or receives tokens on the server: generate the token where it will be shown (the patgate package's generateToken) and send its digest and hint with the Azure DevOps fields", "digest");
  }
  if (typeof digest !== "string" || !isDigest(digest)) {
    throw patError(400, "invalidToken", "digest must be the token's SHA-256 in unpadded base64url, as the patgate package's generateToken gives it (patgate never accepts the token itself)", "digest");
  }
  return peppered(env, digest);
}

/** A digest as the store keeps it: with the deployment's pepper (settings refuse to run without one). */
function peppered(env, digest) {
  return pepperDigest(digest, settings(env).pepper);
}

/**
 * What the store keeps to know its pepper: the peppered form of a fixed digest. A worker whose
 * pepper makes another value would match no stored token, and refuses to run (see worker.js).
 */
export const pepperCheck = (env) => peppered(env, tokenDigest("patgate: the store's pepper"));

/**
 * The store's form of a reported credential: a token of this deployment (hashed here and
 * forgotten) or a digest the reporter computed; null for anything else.
 */
export function reportedDigest(env, credential) {
  if (typeof credential !== "string" || credential.length > 64) return null;
  if (isDigest(credential)) return peppered(env, credential);
  return isToken(credential) ? peppered(env, tokenDigest(credential)) : null;
}

/** A revocation rule's scope list in its canonical form, as the core reads it, or a 400. */
export function ruleScopes(text) {
  const v = typeof text === "string" && text.length <= 2048 ? validateScopes(text) : { ok: false, message: "scopes must be a space-separated list of scope names" };
  if (!v.ok) throw new HttpError(400, "InvalidArgumentValueException", `scopes: ${v.message}`, { field: "scopes" });
  return v.scope;
}

/** Whether a stored scope list grants any scope of a rule's (full access only to a full-access token). */
export const grantsAny = (stored, rule) => scopesGrantAny(stored, rule);

/** A scope list a client sent, in its canonical form, or the PAT-shaped 400 that names what is wrong. */
export function requestedScopes(text) {
  const v = typeof text === "string" && text.length <= 2048 ? validateScopes(text) : { ok: false, message: "scope is required (space-separated scope names)" };
  if (!v.ok) throw patError(400, "invalidScope", v.unknown ? "a scope of the list is not in the Azure DevOps catalog" : v.message, "scope");
  return v.scope;
}

/** Whether the scopes of `list` are all granted by the stored list `other` (a narrowing or the same). */
export const scopesNarrow = (list, other) => scopesWithin(list, other);

/** A SHA-256 digest of text as 43 base64url characters (a device code's stored form). */
export const textDigest = (text) => tokenDigest(text);

/** GitHub's `token_hash` for a reported string: its SHA-256 in hex. */
export const tokenHash = (text) => digestHex(tokenDigest(text));

/** The body's display hint, refused with a 400 unless the core says a token could end with it. */
export function storedHint(hint) {
  if (typeof hint !== "string" || !isHint(hint)) throw patError(400, "invalidToken", "hint must be the token's last 4 characters", "hint");
  return hint;
}

/**
 * The organizations' creation policies that concern `user` (those of the organizations they
 * belong to), each with whether they are on its allowlist: what the core's Policy takes.
 */
export function organizationPolicies(stored, user) {
  if (!user) return [];
  return (stored.organizations ?? [])
    .filter((o) => o.restrictCreation && user.organizations.includes(o.organization))
    .map((o) => ({ name: o.organization, restrictCreation: true, allowPackaging: o.allowPackaging, exempt: o.allowlist.includes(user.id) }));
}

/**
 * The administrator's policy as the core applies it: to `user` (`{ id, organizations }`; lifted
 * where they are on a policy's allowlist, their organizations' creation policies added), or as
 * the deployment has it when no user is named.
 */
export function policyOf(stored, user = null) {
  const on = (name) => user !== null && (stored.allowlists?.[name] ?? []).includes(user.id);
  const exempt = { fullAccess: on("fullAccess"), lifespan: on("lifespan"), globalTokens: on("globalTokens") };
  return new Policy(stored.maxLifespanDays, stored.restrictFullAccess, { globalTokens: stored.globalTokens ?? "allowed", exempt, organizations: organizationPolicies(stored, user) });
}

/** The policy on global tokens as it applies to a token's owner (on its allowlist or not). */
export const globalTokensOf = (state, exempt) => globalTokensFor(state ?? "allowed", exempt === 1 || exempt === true);

/**
 * What a signed-in user's portal knows of the policy: as it applies to them, never who else is
 * on an allowlist (their organizations' creation policies say only whether they are).
 */
export function policyFor(stored, user) {
  const p = policyOf(stored, user);
  return { maxLifespanDays: p.maxLifespanDays, restrictFullAccess: p.restrictFullAccess, globalTokens: p.globalTokens, autoRevokeLeaked: stored.autoRevokeLeaked, organizations: organizationPolicies(stored, user) };
}

/** A core policy outcome: its values when accepted, else the PAT-shaped 4xx it names. */
export function accepted(outcome) {
  if (outcome.ok) return outcome;
  const limit = outcome.latestValidTo === null ? "" : ` (at the latest ${iso(outcome.latestValidTo)})`;
  throw patError(outcome.status, outcome.error, outcome.message + limit, outcome.field);
}
