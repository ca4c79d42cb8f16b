// Accounts: password hashes, sessions and their cookie, CSRF, the sign-in limit, the demo seed.
import { REALM } from "./core.js";
import { HttpError, base64url, fromBase64url, randomId, sha256 } from "./http.js";
import { RateLimiter } from "./limits.js";
import { LIMITS, settings } from "./settings.js";
import * as store from "./stores/index.js";

async function pbkdf2(password, salt, iterations) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256));
}

// workerd caps PBKDF2 at 100,000 iterations; with a 16-byte salt per user this is the slowest
// hash WebCrypto offers there.
export async function hashPassword(password) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iterations = LIMITS.passwordIterations;
  return { hash: base64url(await pbkdf2(password, salt, iterations)), salt: base64url(salt), iterations };
}

function equalBytes(a, b) {
  return a.length === b.length && crypto.subtle.timingSafeEqual(a, b);
}

/**
 * Whether a request carries the local scheduler's key (`PATGATE_LOCAL_SCHEDULER_KEY`, made by
 * scripts/run.sh for its hourly loop; never set on Cloudflare, whose cron runs the job). The
 * two are compared as SHA-256 digests in constant time.
 */
export async function isLocalScheduler(request, env) {
  const key = settings(env).localSchedulerKey;
  const sent = request.headers.get("x-patgate-scheduler-key");
  if (!key || sent === null || sent.length > 256) return false;
  const enc = new TextEncoder();
  return equalBytes(enc.encode(await sha256(sent)), enc.encode(await sha256(key)));
}

/** Dummy salt so that an unknown user costs the same as a wrong password. */
const DUMMY = { passwordSalt: "AAAAAAAAAAAAAAAAAAAAAA", passwordHash: "", passwordIterations: LIMITS.passwordIterations };

async function checkPassword(user, password) {
  const row = user ?? DUMMY;
  const derived = await pbkdf2(password, fromBase64url(row.passwordSalt), row.passwordIterations);
  return user !== null && equalBytes(derived, fromBase64url(row.passwordHash));
}

// Over HTTPS the cookie carries the __Host- prefix: the browser then refuses it unless it is
// Secure, host-only and for Path=/, so no subdomain or plain-HTTP page can plant or shadow it.
const cookieName = (url) => (url.protocol === "https:" ? "__Host-patgate_session" : "patgate_session");

/**
 * The challenge of a 401 on the session routes (RFC 9110 wants one): the cookie scheme of
 * draft-broyer-http-cookie-auth, which names where to sign in and the cookie it sets. Browsers
 * know no such scheme, so no password dialog opens, as it would for Basic.
 */
export function sessionChallenge(url) {
  return `Cookie realm="${REALM}", form-action="/_apis/session", cookie-name="${cookieName(url)}"`;
}

function cookieValue(request, name) {
  const header = request.headers.get("cookie");
  if (!header || header.length > 8192) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

function cookie(url, value, maxAgeSeconds, name = cookieName(url)) {
  const secure = url.protocol === "https:" ? "; Secure" : "";
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

/**
 * A cookie the portal's script can read, saying only that this browser signed in (its value is
 * "1", never anything of the session's): a page without it shows the sign-in form at once,
 * instead of asking the server and logging a 401 in the console.
 */
export const PRESENCE_COOKIE = "patgate_present";
function presence(url, maxAgeSeconds) {
  const secure = url.protocol === "https:" ? "; Secure" : "";
  return `${PRESENCE_COOKIE}=${maxAgeSeconds > 0 ? "1" : ""}; Path=/; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

/** The signed-in user for a request, or null. */
export async function currentSession(request, env, url, now) {
  const value = cookieValue(request, cookieName(url));
  if (!value || value.length > 64) return null;
  const row = await store.sessionFor(env, await sha256(value), now);
  if (!row) return null;
  return {
    sessionDigest: row.idDigest,
    csrf: row.csrf,
    user: { id: row.id, displayName: row.displayName, email: row.email, isAdmin: row.isAdmin === 1, organizations: row.orgs ? row.orgs.split(" ").sort() : [] },
  };
}

/**
 * CSRF defence for every state-changing route: the request must be same-origin by the browser's
 * own account (Origin / Sec-Fetch-Site, when sent) and, once signed in, carry the session's CSRF
 * token in X-CSRF-Token. JSON bodies already force a CORS preflight cross-origin.
 */
export function checkCsrf(request, url, session) {
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if ((origin && origin !== url.origin) || (site && site !== "same-origin" && site !== "none")) {
    throw new HttpError(403, "csrf", "cross-site requests are refused");
  }
  if (session && request.headers.get("x-csrf-token") !== session.csrf) {
    throw new HttpError(403, "csrf", "missing or wrong X-CSRF-Token header");
  }
}

/** This isolate's counters (made again if a limit changes): failed sign-ins per client address, changes per user. */
let perAddress = null;
let perUser = null;
function failedSignins(env) {
  const { limit, windowMs } = settings(env).failedSigninRate;
  if (perAddress?.limit !== limit) perAddress = new RateLimiter(limit, windowMs);
  return perAddress;
}
function changesPerUser(env) {
  const { limit, windowMs } = settings(env).changeRate;
  if (perUser?.limit !== limit) perUser = new RateLimiter(limit, windowMs);
  return perUser;
}

const tooMany = (now, reset, message) =>
  new HttpError(429, "too_many_attempts", message, { headers: { "Retry-After": String(Math.max(1, Math.ceil((reset - now) / 1000))) } });

/**
 * Counts a change by a signed-in user (a state-changing request, a sign-in): past the user's
 * quota per minute a 429, before anything is written.
 */
export function countChange(env, userId, now) {
  const used = changesPerUser(env).hit(userId, now);
  if (!used.allowed) throw tooMany(now, used.reset, `too many changes from your account (${used.limit} a minute); try again shortly`);
}

// The device cookie (OWASP's "device cookies"): given at every sign-in to the browser that
// signed in, it lets that browser's attempts be counted on their own.
const deviceCookieName = (url) => (url.protocol === "https:" ? "__Host-patgate_device" : "patgate_device");

/** The digest of the request's device cookie when it was given to `userName` and is remembered; else null. */
async function trustedDevice(env, request, url, userName, now) {
  const value = cookieValue(request, deviceCookieName(url));
  if (!value || value.length > 64) return null;
  const digest = await sha256(value);
  return (await store.deviceUser(env, digest, now)) === userName ? digest : null;
}

/**
 * Signs a user in. Who can lock whom out (SECURITY.md, "Sign-in limits"): failed attempts are
 * counted, before the password is checked (one atomic step each, so no burst gets past):
 * - from a browser where this user signed in before (its device cookie): on that browser alone,
 *   5 per 15 minutes; no one else's failures count there, so no one can lock it;
 * - from any other browser: per name and client address (5 per 15 minutes), so failures from
 *   one address lock that address out of that name only; and per name from all such browsers
 *   (100 per 15 minutes), which bounds guessing from many addresses; past it only a browser the
 *   user signed in from before may try;
 * - and per client address, whatever the names (20 a minute), before any password is hashed.
 * Returns the CSRF token and the cookies to set: the session's first, then a new device cookie.
 */
export async function signIn(env, url, now, userName, password, client, request) {
  const config = settings(env);
  const device = await trustedDevice(env, request, url, userName, now);
  if (!device) {
    const fromAddress = failedSignins(env).hit(client, now);
    if (!fromAddress.allowed) throw tooMany(now, fromAddress.reset, "too many failed sign-ins from this address; try again later");
  }
  const nameDigest = await sha256(userName);
  const lockDigest = await sha256(device ? `device\n${device}` : `${userName}\n${client}`);
  const lock = await store.countSigninAttempt(env, lockDigest, now, config.signinRows);
  if (lock.attempts > LIMITS.signinFailures) {
    // The first refusal of a window is audited once, for a user's name (made-up names are not).
    if (lock.attempts === LIMITS.signinFailures + 1) await auditLock(env, now, userName, lock.windowEnds, device ? "browser" : "address");
    throw tooMany(now, lock.windowEnds, device ? "too many failed sign-ins from this browser; try again later" : "too many failed sign-ins for this name from this address; try again later");
  }
  if (!device) {
    const all = await store.countSigninAttempt(env, nameDigest, now, config.signinRows);
    if (all.attempts > config.signinFailuresPerName) {
      if (all.attempts === config.signinFailuresPerName + 1) await auditLock(env, now, userName, all.windowEnds, "name");
      throw tooMany(now, all.windowEnds, "too many failed sign-ins for this name from many addresses: sign in from a browser you signed in from before, or try again later");
    }
  }
  const user = await store.userWithPassword(env, userName);
  if (!(await checkPassword(user, password))) {
    await store.recordSigninFailure(env, user ? user.id : null, now);
    throw new HttpError(401, "bad_credentials", "wrong user name or password", { headers: { "WWW-Authenticate": sessionChallenge(url) } });
  }
  if (!device) failedSignins(env).refund(client, now); // a success is no failure
  countChange(env, userName, now);
  const value = randomId(32);
  const csrf = randomId(24);
  await store.startSession(env, now, { idDigest: await sha256(value), userId: userName, lockDigest, nameDigest: device ? null : nameDigest, csrf, sessionsMax: config.sessionsPerUser });
  const cookies = [cookie(url, value, LIMITS.sessionMs / 1000)];
  if (!device) {
    const deviceValue = randomId(32);
    await store.rememberDevice(env, now, { digest: await sha256(deviceValue), userId: userName, devicesMax: LIMITS.devicesPerUser });
    cookies.push(cookie(url, deviceValue, LIMITS.deviceMs / 1000, deviceCookieName(url)));
  }
  cookies.push(presence(url, LIMITS.sessionMs / 1000));
  return { csrf, value, cookies };
}

/** Audits a sign-in lock of a user's name (what it locked: one address, one browser, or the name). */
async function auditLock(env, now, userName, until, by) {
  if (await store.userExists(env, userName)) {
    await store.audit(env, now, { action: "signin.locked", subject: userName, detail: { until: new Date(until).toISOString(), by } }).run();
  }
}

/** Ends the session; the cookies that forget it (the session's, and the portal's presence). */
export async function signOut(env, url, now, session) {
  if (session) await store.endSession(env, now, session);
  return [cookie(url, "", 0), presence(url, 0)];
}

/** Seeds the demo organizations, users, project and repository into an empty store. */
export async function seedDemo(env, now) {
  const password = settings(env).demoPassword;
  if (!password) throw new Error("the store is empty and PATGATE_DEMO_PASSWORD is not set");
  const people = [
    { id: "admin", displayName: "Administrator", isAdmin: true, organizations: ["fabrikam", "contoso"] },
    { id: "alice", displayName: "Alice Smith", isAdmin: false, organizations: ["fabrikam", "contoso"] },
    { id: "bob", displayName: "Bob Jones", isAdmin: false, organizations: ["contoso"] },
  ];
  const users = [];
  for (const p of people) users.push({ ...p, ...(await hashPassword(password)) });
  await store.seedDemo(env, now, users, crypto.randomUUID(), crypto.randomUUID());
}
