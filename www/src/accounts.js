// Accounts: password hashes, sessions and their cookie, CSRF, the sign-in limit, the demo seed.
import { HttpError, base64url, fromBase64url, randomId, sha256 } from "./http.js";
import { Windows } from "./limits.js";
import { LIMITS, settings } from "./settings.js";
import * as store from "./store.js";

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
const DUMMY = { password_salt: "AAAAAAAAAAAAAAAAAAAAAA", password_hash: "", password_iterations: LIMITS.passwordIterations };

async function checkPassword(user, password) {
  const row = user ?? DUMMY;
  const derived = await pbkdf2(password, fromBase64url(row.password_salt), row.password_iterations);
  return user !== null && equalBytes(derived, fromBase64url(row.password_hash));
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
  return `Cookie realm="patgate", form-action="/_apis/session", cookie-name="${cookieName(url)}"`;
}

function cookieValue(request, url) {
  const name = cookieName(url);
  const header = request.headers.get("cookie");
  if (!header || header.length > 8192) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

function cookie(url, value, maxAgeSeconds) {
  const secure = url.protocol === "https:" ? "; Secure" : "";
  return `${cookieName(url)}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

/** The signed-in user for a request, or null. */
export async function currentSession(request, env, url, now) {
  const value = cookieValue(request, url);
  if (!value || value.length > 64) return null;
  const row = await store.sessionFor(env, await sha256(value), now);
  if (!row) return null;
  return {
    sessionDigest: row.id_digest,
    csrf: row.csrf,
    user: { id: row.id, displayName: row.display_name, email: row.email, isAdmin: row.is_admin === 1, organizations: row.orgs ? row.orgs.split(" ").sort() : [] },
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

/** This isolate's count of failed sign-ins per client address (made again if the limit changes). */
let perAddress = null;
function failedSignins(env) {
  const { limit, windowMs } = settings(env).failedSigninRate;
  if (perAddress?.limit !== limit) perAddress = new Windows(limit, windowMs);
  return perAddress;
}

/**
 * Signs a user in: the attempt is counted before the password is checked (one atomic step), so
 * the sixth attempt within the window is refused with 429 however many arrive at once. Failed
 * attempts are also counted per client address (`client`), whatever the names, in this isolate
 * as the gate's limits are: past the limit an address gets 429 before any password is hashed or
 * audit entry written. Returns the new session's cookie and CSRF token.
 */
export async function signIn(env, url, now, userName, password, client) {
  const fromAddress = failedSignins(env).hit(client, now);
  if (!fromAddress.allowed) {
    const retry = Math.max(1, Math.ceil((fromAddress.reset - now) / 1000));
    throw new HttpError(429, "too_many_attempts", "too many failed sign-ins from this address; try again later", { headers: { "Retry-After": String(retry) } });
  }
  const nameDigest = await sha256(userName);
  const { attempts, windowEnds } = await store.countSigninAttempt(env, nameDigest, now, settings(env).signinRows);
  if (attempts > LIMITS.signinFailures) {
    // The first refusal of a window locks a user's name: audited once (made-up names are not).
    if (attempts === LIMITS.signinFailures + 1 && (await store.userExists(env, userName))) {
      await store.audit(env, now, { action: "signin.locked", subject: userName, detail: { until: new Date(windowEnds).toISOString() } }).run();
    }
    const retry = Math.max(1, Math.ceil((windowEnds - now) / 1000));
    throw new HttpError(429, "too_many_attempts", "too many failed sign-ins; try again later", { headers: { "Retry-After": String(retry) } });
  }
  const user = await store.userWithPassword(env, userName);
  if (!(await checkPassword(user, password))) {
    await store.recordSigninFailure(env, user ? user.id : null, now);
    throw new HttpError(401, "bad_credentials", "wrong user name or password", { headers: { "WWW-Authenticate": sessionChallenge(url) } });
  }
  failedSignins(env).refund(client, now); // a success is no failure
  const value = randomId(32);
  const csrf = randomId(24);
  await store.startSession(env, now, { idDigest: await sha256(value), userId: userName, nameDigest, csrf });
  return { csrf, value, cookie: cookie(url, value, LIMITS.sessionMs / 1000) };
}

export async function signOut(env, url, now, session) {
  if (session) await store.endSession(env, now, session);
  return cookie(url, "", 0);
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
