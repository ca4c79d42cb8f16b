// The gate: every protected request is decided by the core, around one store lookup.
import { gateFor, isToken } from "./core.js";
import { fieldValue, json, wrapped } from "./http.js";
import { LIMITS } from "./settings.js";
import * as store from "./store.js";

/**
 * The record the core decides on, from the stored row. `digest` is the stored value that
 * matched (current, or regenerated-away within its grace), which the core compares with the
 * presented one in constant time; a regenerated-away secret ends at its grace end. An
 * all-organizations token acts in the owner's current organizations; a one-organization token
 * only while the owner belongs to it.
 */
function recordOf(row, presented) {
  const previous = row.digest !== presented;
  const ownerOrgs = row.owner_orgs ? row.owner_orgs.split(" ") : [];
  let revokedAt = row.revoked_at;
  if (previous) revokedAt = Math.min(revokedAt ?? Infinity, row.previous_until ?? 0);
  return {
    id: row.id,
    owner: row.owner,
    organizations: row.organization === null ? ownerOrgs : ownerOrgs.filter((o) => o === row.organization),
    scope: row.scope,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    revokedAt,
    digest: previous ? row.previous_digest : row.digest,
  };
}

/** Names of query parameters that carry credentials on other services. */
const CREDENTIAL_PARAMETERS = /^(access_token|token|pat|password|private_token|api_key|apikey|key|secret|auth|authorization)$/i;

/**
 * Secrets do not belong in URLs (logs, histories and referrers keep them): a request whose
 * query has a credential-named parameter, or any value that is a well-formed token of this
 * deployment, is refused before anything else happens.
 */
export function credentialInQuery(url) {
  if (!url.search) return null;
  for (const [name, value] of url.searchParams) {
    if (CREDENTIAL_PARAMETERS.test(name) || isToken(value)) {
      const message = "credentials are accepted only in the Authorization header";
      return json({ ...wrapped(400, message), error: "invalid_request", message }, 400);
    }
  }
  return null;
}

/**
 * Decides a request for a resource of `organization` that needs `requiredScope`: returns
 * `{ grant }` or `{ response }` (the refusal). `lastUsedAt` is written at most once per token
 * per five minutes, after the response.
 */
export async function guard(request, env, ctx, now, organization, requiredScope) {
  const gate = gateFor(env);
  const presented = gate.authenticate(fieldValue(request.headers, "authorization"));
  if (!presented.ok) return { response: refusal(presented) };
  const row = await store.tokenByDigest(env, presented.digest);
  const verdict = gate.decide(presented.digest, row ? recordOf(row, presented.digest) : null, { now, organization, requiredScope });
  if (!verdict.ok) return { response: refusal(verdict) };
  if (row.last_used_at === null || row.last_used_at < now - LIMITS.lastUsedEveryMs) ctx.waitUntil(store.touchToken(env, row.id, now));
  return { grant: verdict.grant };
}

function refusal(verdict) {
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  for (const challenge of verdict.wwwAuthenticate) headers.append("WWW-Authenticate", challenge);
  const body = { ...wrapped(verdict.status, verdict.message), error: verdict.error ?? "unauthorized" };
  return new Response(JSON.stringify(body), { status: verdict.status, headers });
}
