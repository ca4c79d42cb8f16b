// The gate: every protected request is decided by the core, around one store lookup.
import { containsToken, gateFor, globalTokensOf } from "./core.js";
import { clientAddress, fieldValue, isGit, json, wrapped } from "./http.js";
import { RecentKeys, RateLimiter, rateHeaders } from "./limits.js";
import { LIMITS, settings } from "./settings.js";
import * as store from "./stores/index.js";

/**
 * The record the core decides on, from the stored row: both its secrets' digests (the core
 * compares each with the presented one in constant time, and decides a replaced one's grace).
 * An all-organizations token acts in the owner's current organizations; a one-organization
 * token only while the owner belongs to it.
 */
function recordOf(row) {
  const ownerOrgs = row.ownerOrgs ? row.ownerOrgs.split(" ") : [];
  return {
    id: row.id,
    owner: row.owner,
    organizations: row.organization === null ? ownerOrgs : ownerOrgs.filter((o) => o === row.organization),
    scope: row.scope,
    validFrom: row.validFrom,
    validTo: row.validTo,
    revokedAt: row.revokedAt,
    digest: row.digest,
    previous: row.previousDigest === null || row.previousUntil === null ? null : { digest: row.previousDigest, until: row.previousUntil },
    // A global token: the policy on them as it applies to its owner (retired: refused).
    globalTokens: row.organization === null ? globalTokensOf(row.globalTokens, row.globalExempt) : undefined,
  };
}

/** Names of query parameters that carry credentials on other services. */
const CREDENTIAL_PARAMETERS = /^(access_token|token|pat|password|private_token|api_key|apikey|key|secret|auth|authorization)$/i;

/** A path segment as the routes read it (`%5F` is `_`); as sent when it does not decode. */
function decoded(segment) {
  if (segment.length > 3 * 64 || !segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Secrets do not belong in URLs (logs, histories and referrers keep them): a request whose
 * query has a credential-named parameter, or whose path segments, query names or values hold a
 * well-formed token of this deployment, is refused before anything else happens.
 */
export function credentialInUrl(url) {
  // The path's segments as the routes read them, and the query's names and values, a line each:
  // the core looks for a token in all of it in one call.
  const parts = url.pathname.split("/").map(decoded);
  let named = false;
  for (const [name, value] of url.search ? url.searchParams : []) {
    named ||= CREDENTIAL_PARAMETERS.test(name);
    parts.push(name, value);
  }
  if (!named && !containsToken(parts.join("\n"))) return null;
  const message = "credentials are accepted only in the Authorization header";
  return json({ ...wrapped(400, message), error: "invalid_request", message }, 400);
}

let perToken = null;
let perClient = null;
// Digests that proved a live token lately, in this isolate: an address over its limit (a flood
// of bad tokens from an office's shared address, say) still gets their lookups, so their
// holders are served, and a revocation still holds at their next request.
const recentlyLive = new RecentKeys(LIMITS.recentlyLiveMs);

/** This isolate's counters for the deployment's limits (made again if the limits change). */
function counters(env) {
  const { tokenRate, failedRate } = settings(env);
  if (perToken?.limit !== tokenRate.limit) perToken = new RateLimiter(tokenRate.limit, tokenRate.windowMs);
  if (perClient?.limit !== failedRate.limit) perClient = new RateLimiter(failedRate.limit, failedRate.windowMs);
  return { perToken, perClient };
}

function limited(state, now, resource, message) {
  const body = { ...wrapped(429, message, "RequestBlockedException"), error: "rate_limited" };
  return new Response(JSON.stringify(body), { status: 429, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...rateHeaders(state, now, resource) } });
}

/**
 * Decides a request for a resource of `organization` that needs `requiredScope`: returns
 * `{ grant, headers }` (the rate-limit headers for the response) or `{ response }` (the
 * refusal). A client address over its failed-verification limit is refused before the lookup,
 * unless the token presented proved live in the last day; a token over its request limit after it. `lastUsedAt` is written at most once per token per
 * five minutes, after the response.
 */
export async function guard(request, url, env, ctx, now, organization, requiredScope) {
  const gate = gateFor(env);
  const presented = gate.authenticate(fieldValue(request.headers, "authorization"));
  // git shows its user a refusal's text/plain body ("remote: …"), and nothing of JSON.
  const plain = isGit(url.pathname);
  if (!presented.ok) return { response: refusal(presented, plain) };
  const { perToken, perClient } = counters(env);
  const client = clientAddress(request, env);
  // Each lookup counts against its address until it proves a live token (then it is taken
  // back): concurrent requests cannot slip past the limit while their lookups are in flight.
  const attempt = perClient.hit(client, now);
  if (!attempt.allowed && !recentlyLive.has(presented.digest, now)) return { response: limited(attempt, now, "failed_verifications", "too many failed verifications from this address; try again later") };
  const row = await store.tokenByDigest(env, presented.digest);
  const verdict = gate.decide(presented.digest, row ? recordOf(row) : null, { now, organization, requiredScope });
  if (verdict.status !== 401) perClient.refund(client, now);
  if (!verdict.ok) return { response: refusal(verdict, plain) };
  recentlyLive.add(presented.digest, now);
  const used = perToken.hit(verdict.grant.id, now);
  if (!used.allowed) return { response: limited(used, now, "core", "this token's request limit is spent for this hour; try again later") };
  if (row.lastUsedAt === null || row.lastUsedAt < now - LIMITS.lastUsedEveryMs) ctx.waitUntil(store.touchToken(env, row.id, now));
  return { grant: verdict.grant, headers: rateHeaders(used, now, "core") };
}

/** The core's refusal as a response: JSON for the API's clients, its message as text for git's. */
function refusal(verdict, plain = false) {
  const headers = new Headers({ "Content-Type": plain ? "text/plain; charset=utf-8" : "application/json; charset=utf-8", "Cache-Control": "no-store" });
  for (const challenge of verdict.wwwAuthenticate) headers.append("WWW-Authenticate", challenge);
  const body = plain ? `${verdict.message}\n` : JSON.stringify({ ...wrapped(verdict.status, verdict.message), error: verdict.error ?? "unauthorized" });
  return new Response(body, { status: verdict.status, headers });
}
