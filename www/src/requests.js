// Device approval: a tool (patgate's git credential helper, `patgate token`) gets a token without
// copy and paste. RFC 8628's shape, adapted so that the server never holds a secret: the tool
// makes the token itself and asks with its digest; its user approves the request in the portal
// (`/device`, a code typed or followed); the tool polls with its device code and receives the
// token's record, never a secret. The approval makes the token as a create does (the policy in
// force, the live-token quota, a digest never issued before), with the seed's notice.
import { policyOf, requestedScopes, scopesNarrow, storedDigest, storedHint, textDigest } from "./core.js";
import { HttpError, base64url, clientAddress, displayName, iso, json, onlyFields, parseTime, patError, readJson } from "./http.js";
import { deliver, quoted } from "./notify.js";
import { LIMITS, settings } from "./settings.js";
import * as store from "./stores/index.js";
import { freshDigest, patToken, plannedToken, storingSecret } from "./tokens.js";

/** RFC 8628 §6.1's alphabet: 20 consonants, no vowels (no words) and no look-alikes (no 0/O, 1/I). */
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
const USER_CODE_LENGTH = 8;

/** Errors of the token endpoint, as RFC 8628 §3.5 (and RFC 6749 §5.2) name them: 400 with `error`. */
const grantError = (error, description) => json({ error, error_description: description }, 400, { "Cache-Control": "no-store" });

/** `n` characters of `alphabet`, each uniform (rejection sampling over random bytes). */
function randomText(alphabet, n) {
  const limit = 256 - (256 % alphabet.length);
  let text = "";
  while (text.length < n) {
    for (const b of crypto.getRandomValues(new Uint8Array(2 * n))) {
      if (b < limit && text.length < n) text += alphabet[b % alphabet.length];
    }
  }
  return text;
}

/** A user code as typed: case, spaces and dashes do not matter; null unless it could be one. */
export function userCode(text) {
  if (typeof text !== "string" || text.length > 32) return null;
  const code = text.toUpperCase().replace(/[\s-]/g, "");
  return code.length === USER_CODE_LENGTH && [...code].every((c) => USER_CODE_ALPHABET.includes(c)) ? code : null;
}

const shown = (code) => `${code.slice(0, 4)}-${code.slice(4)}`;

export const REQUEST_FIELDS = ["digest", "hint", "displayName", "scope", "organization", "validTo"];

/** `POST /_apis/tokens/requests` (no session): a tool asks for a token whose digest it sends. */
export async function requestToken({ request, env, now, url }) {
  const address = clientAddress(request, env);
  const body = await readJson(request, null, 8 * 1024);
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "invalid_json", "the body must be a JSON object");
  if (Object.hasOwn(body, "token")) throw patError(400, "invalidToken", "patgate never receives tokens: send its digest and hint", "token");
  onlyFields(body, REQUEST_FIELDS);
  let name;
  try {
    name = displayName(body.displayName);
  } catch (e) {
    throw patError(400, "invalidDisplayName", e.message, "displayName");
  }
  const scope = requestedScopes(body.scope);
  const organization = body.organization ?? null;
  if (organization !== null && (typeof organization !== "string" || organization.length === 0 || organization.length > 64)) {
    throw patError(400, "invalidTargetAccounts", "organization must be an organization's name (or absent: chosen at approval)", "organization");
  }
  let validTo = null;
  if (body.validTo !== undefined && body.validTo !== null) {
    try {
      validTo = parseTime(body.validTo, "validTo");
    } catch (e) {
      throw patError(400, "invalidValidTo", e.message, "validTo");
    }
  }
  const digest = await freshDigest(env, storedDigest(env, body.digest));
  const hint = storedHint(body.hint);
  // Pending requests are capped per address: a flood of requests cannot fill anyone's /device page.
  if ((await store.pendingRequests(env, address, now)) >= LIMITS.pendingRequestsPerAddress) {
    throw new HttpError(429, "too_many_requests", `an address may have ${LIMITS.pendingRequestsPerAddress} pending token requests: approve, deny or let some expire first`, { headers: { "Retry-After": String(LIMITS.requestLifetimeMs / 1000) } });
  }
  // The device code is a bearer secret of 256 bits; the store keeps its digest only.
  const deviceCode = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const agent = (request.headers.get("user-agent") ?? "").slice(0, 200);
  let code;
  for (let attempt = 0; ; attempt++) {
    code = randomText(USER_CODE_ALPHABET, USER_CODE_LENGTH);
    try {
      await store.insertRequest(env, now, {
        id: crypto.randomUUID(), deviceCode: textDigest(deviceCode), userCode: code, digest, hint, displayName: name, scope, organization, validTo,
        address, agent, expiresAt: now + LIMITS.requestLifetimeMs, intervalMs: settings(env).requestIntervalMs,
      });
      break;
    } catch (e) {
      const text = String(e);
      // Another request with this digest (two polls of one tool racing, or a copy): refused.
      if (/UNIQUE/.test(text) && /token_requests\.digest/.test(text)) throw patError(409, "duplicateHash", "a request with this digest exists: generate a new token", "digest");
      // A user code still held by another request (1 in 25 billion a pair): another one.
      if (!/UNIQUE/.test(text) || attempt >= 3) throw e;
    }
  }
  const verification = `${url.origin}/device`;
  return json({
    device_code: deviceCode,
    user_code: shown(code),
    verification_uri: verification,
    verification_uri_complete: `${verification}?code=${shown(code)}`,
    expires_in: LIMITS.requestLifetimeMs / 1000,
    interval: settings(env).requestIntervalMs / 1000,
  }, 200, { "Cache-Control": "no-store" });
}

/**
 * `POST /_apis/tokens/requests/token` with `{ device_code }`: RFC 8628's polling. Pending:
 * `authorization_pending` (or `slow_down`, and 5 s more between polls, when polled sooner than
 * the interval); denied: `access_denied`; past its 15 minutes: `expired_token`; approved: the
 * token's record, once; a code unknown or used: `invalid_grant`.
 */
export async function pollRequest({ request, env, now }) {
  const body = await readJson(request, ["device_code", "grant_type"], 4 * 1024);
  if (typeof body.device_code !== "string" || body.device_code.length > 128) return grantError("invalid_request", "device_code is required");
  const row = await store.requestByDeviceCode(env, textDigest(body.device_code));
  if (!row) return grantError("invalid_grant", "the device code is unknown or was used");
  if (row.state === "pending" && now >= row.expiresAt) {
    await store.expireRequest(env, now, row);
    return grantError("expired_token", "the request expired before it was approved: start again");
  }
  switch (row.state) {
    case "pending": {
      const soon = row.polledAt !== null && now - row.polledAt < row.intervalMs;
      await store.polledRequest(env, now, row.id, soon ? row.intervalMs + LIMITS.requestIntervalMs : row.intervalMs);
      return soon ? grantError("slow_down", `poll at most every ${(row.intervalMs + LIMITS.requestIntervalMs) / 1000} seconds`) : grantError("authorization_pending", "the request waits for its approval");
    }
    case "denied":
      return grantError("access_denied", "the request was denied");
    case "expired":
      return grantError("expired_token", "the request expired before it was approved: start again");
    case "approved": {
      if (!(await store.collectRequest(env, now, row.id))) return grantError("invalid_grant", "the device code is unknown or was used");
      return json(patToken(await store.tokenById(env, row.tokenId), now), 200, { "Cache-Control": "no-store" });
    }
    default:
      return grantError("invalid_grant", "the device code is unknown or was used");
  }
}

/**
 * The request a signed-in user names by its code, or a 404. A code that matches nothing counts
 * against the session and the address (10 a minute each): guessing codes is bounded.
 */
async function requestOf(env, request, now, session, text) {
  const code = userCode(text);
  const row = code === null ? null : await store.requestByUserCode(env, code);
  if (!row) {
    const address = clientAddress(request, env);
    const counts = await Promise.all([store.countReport(env, `code:session:${session.id}`, now), store.countReport(env, `code:address:${address}`, now)]);
    if (counts.some((c) => c.reports > LIMITS.codeGuessesPerWindow)) {
      throw new HttpError(429, "too_many_codes", "too many codes that match no request; try again in a minute", { headers: { "Retry-After": "60" } });
    }
    throw new HttpError(404, "not_found", "no request has this code: check it and try again");
  }
  return row;
}

function requestBody(row, request, env, now) {
  const yours = clientAddress(request, env);
  return {
    userCode: shown(row.userCode),
    displayName: row.displayName,
    scope: row.scope,
    organization: row.organization,
    validTo: iso(row.validTo),
    requestedAt: iso(row.createdAt),
    expiresAt: iso(row.expiresAt),
    requestedFrom: row.address,
    requestedBy: row.agent,
    yourAddress: yours,
    sameAddress: yours === row.address,
    state: row.state === "pending" && now >= row.expiresAt ? "expired" : row.state === "collected" ? "approved" : row.state,
  };
}

/** `GET /_apis/tokens/requests/{code}`: what the device asked for, from where, and when. */
export async function showRequest({ request, env, now, session, params }) {
  return json(requestBody(await requestOf(env, request, now, session, params.code), request, env, now));
}

function stillPending(row, now) {
  if (row.state !== "pending" || now >= row.expiresAt) {
    throw new HttpError(409, "not_pending", `this request is no longer waiting: it was ${row.state === "pending" ? "expired" : row.state === "collected" ? "approved" : row.state}`);
  }
}

export const APPROVE_FIELDS = ["scope", "organization", "allOrgs", "validTo"];

/**
 * `POST /_apis/tokens/requests/{code}/approve`: makes the token, as a create would, from what the
 * device asked for, narrowed by the approver (fewer scopes, one organization, an earlier end).
 */
export async function approveRequest({ request, env, ctx, now, session, params }) {
  const row = await requestOf(env, request, now, session, params.code);
  const body = await readJson(request, APPROVE_FIELDS, 8 * 1024);
  stillPending(row, now);
  const user = session.user;
  const scope = body.scope === undefined ? row.scope : requestedScopes(body.scope);
  if (!scopesNarrow(scope, row.scope)) throw patError(400, "invalidScope", "an approval may narrow the scopes asked for, never widen them", "scope");
  let place = {};
  if (row.organization !== null) {
    if ((body.organization !== undefined && body.organization !== row.organization) || body.allOrgs === true) {
      throw patError(400, "invalidTargetAccounts", `the request is for ${quoted(row.organization)}: an approval may not change it`, "organization");
    }
    place = { organization: row.organization };
  } else {
    if (body.organization === undefined && body.allOrgs === undefined) {
      throw patError(400, "invalidTargetAccounts", "the request names no organization: choose one of yours (or allOrgs)", "organization");
    }
    place = { organization: body.organization, allOrgs: body.allOrgs };
  }
  // The end: as asked, or sooner; by default 30 days, cut to the policy's maximum.
  const stored = await store.policy(env);
  let validTo;
  if (body.validTo !== undefined) {
    validTo = body.validTo;
    if (row.validTo !== null && parseTime(validTo, "validTo") > row.validTo) throw patError(400, "invalidValidTo", "an approval may end the token sooner than asked, never later", "validTo");
  } else if (row.validTo !== null) {
    validTo = new Date(row.validTo).toISOString();
  } else {
    const latest = policyOf(stored, user).latestValidTo(now);
    validTo = new Date(Math.min(now + LIMITS.requestDefaultDays * 86_400_000, latest)).toISOString();
  }
  const t = await plannedToken(env, now, user, { displayName: row.displayName, scope, validTo, ...place }, async () => ({ digest: await freshDigest(env, row.digest), hint: row.hint }), stored);
  const notice = `Personal access token ${quoted(t.displayName)} was created by a tool you approved (it asked from ${row.address}); it expires ${new Date(t.validTo).toISOString().slice(0, 16).replace("T", " ")} UTC.`;
  const approved = await storingSecret(() => store.approveRequest(env, now, row, t, notice));
  if (!approved) throw new HttpError(409, "not_pending", "this request is no longer waiting: it was decided or expired meanwhile");
  ctx.waitUntil(deliver(env, now));
  return json({ patToken: patToken(await store.tokenById(env, t.id), now), patTokenError: "none" });
}

/** `POST /_apis/tokens/requests/{code}/deny`. */
export async function denyRequest({ request, env, now, session, params }) {
  const row = await requestOf(env, request, now, session, params.code);
  stillPending(row, now);
  if (!(await store.denyRequest(env, now, row, session.user.id))) throw new HttpError(409, "not_pending", "this request is no longer waiting: it was decided or expired meanwhile");
  return json(null, 204);
}
