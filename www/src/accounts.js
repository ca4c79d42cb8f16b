// Accounts: password hashes, sessions, CSRF, the sign-in limit, and the demo seed.
import { HttpError, base64url, fromBase64url, randomId, sha256 } from "./http.js";

// workerd caps PBKDF2 at 100,000 iterations; with a 16-byte salt per user this is the
// slowest hash WebCrypto offers there.
const ITERATIONS = 100_000;
const SESSION_MS = 8 * 3600_000;
const COOKIE = "patgate_session";
export const SIGNIN_LIMIT = { failures: 5, windowMs: 15 * 60_000 };

async function pbkdf2(password, salt, iterations) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256));
}

export async function hashPassword(password) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { hash: base64url(await pbkdf2(password, salt, ITERATIONS)), salt: base64url(salt), iterations: ITERATIONS };
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  return crypto.subtle.timingSafeEqual ? crypto.subtle.timingSafeEqual(a, b) : a.every((x, i) => x === b[i]);
}

/** Dummy salt so that an unknown user costs the same as a wrong password. */
const DUMMY = { password_salt: "AAAAAAAAAAAAAAAAAAAAAA", password_hash: "", password_iterations: ITERATIONS };

export async function checkPassword(user, password) {
  const row = user ?? DUMMY;
  const derived = await pbkdf2(password, fromBase64url(row.password_salt), row.password_iterations);
  return user !== null && equalBytes(derived, fromBase64url(row.password_hash));
}

function cookieValue(request) {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [k, v] = part.trim().split("=");
    if (k === COOKIE && v) return v;
  }
  return null;
}

/** The signed-in user for a request, or null. */
export async function currentSession(request, env, now) {
  const value = cookieValue(request);
  if (!value || value.length > 64) return null;
  const row = await env.DB.prepare(
    `SELECT s.id_digest, s.csrf, u.id, u.display_name, u.email, u.is_admin,
            (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = u.id) AS orgs
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_digest = ?1 AND s.expires_at > ?2`,
  ).bind(await sha256(value), now).first();
  if (!row) return null;
  return {
    sessionDigest: row.id_digest,
    csrf: row.csrf,
    user: { id: row.id, displayName: row.display_name, email: row.email, isAdmin: row.is_admin === 1, organizations: row.orgs ? row.orgs.split(" ").sort() : [] },
  };
}

export function requireSession(session) {
  if (!session) throw new HttpError(401, "not_signed_in", "sign in first");
  return session;
}

export function requireAdmin(session) {
  requireSession(session);
  if (!session.user.isAdmin) throw new HttpError(403, "forbidden", "administrators only");
  return session;
}

/**
 * CSRF defence for every state-changing route: the request must be same-origin by the browser's
 * own account (Origin / Sec-Fetch-Site, when sent) and, once signed in, carry the session's CSRF
 * token in X-CSRF-Token. JSON bodies already force a CORS preflight cross-origin.
 */
export function checkCsrf(request, session) {
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if ((origin && origin !== new URL(request.url).origin) || (site && site !== "same-origin" && site !== "none")) {
    throw new HttpError(403, "csrf", "cross-site requests are refused");
  }
  if (session && request.headers.get("x-csrf-token") !== session.csrf) {
    throw new HttpError(403, "csrf", "missing or wrong X-CSRF-Token header");
  }
}

export async function startSession(env, request, userId, now) {
  const value = randomId(32);
  const csrf = randomId(24);
  await env.DB.prepare("INSERT INTO sessions (id_digest, user_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(await sha256(value), userId, csrf, now, now + SESSION_MS).run();
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return { csrf, cookie: `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MS / 1000}${secure}` };
}

export function endSessionCookie(request) {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}`;
}

/** Throws 429 while a user name is over the failed sign-in limit. */
export async function checkSigninLimit(env, userName, now) {
  const row = await env.DB.prepare("SELECT failures, window_start FROM signin_failures WHERE user_name = ?1").bind(userName).first();
  if (row && row.window_start > now - SIGNIN_LIMIT.windowMs && row.failures >= SIGNIN_LIMIT.failures) {
    const retry = Math.ceil((row.window_start + SIGNIN_LIMIT.windowMs - now) / 1000);
    throw new HttpError(429, "too_many_attempts", "too many failed sign-ins; try again later", { headers: { "Retry-After": String(retry) } });
  }
}

export function recordSigninFailure(env, userName, now) {
  return env.DB.prepare(
    `INSERT INTO signin_failures (user_name, failures, window_start) VALUES (?1, 1, ?2)
     ON CONFLICT (user_name) DO UPDATE SET
       failures = CASE WHEN window_start > ?2 - ?3 THEN failures + 1 ELSE 1 END,
       window_start = CASE WHEN window_start > ?2 - ?3 THEN window_start ELSE ?2 END`,
  ).bind(userName, now, SIGNIN_LIMIT.windowMs).run();
}

/**
 * Seeds the demo organizations, users, project and repository into an empty store.
 * Idempotent: every insert is OR IGNORE, so concurrent first requests are harmless.
 */
export async function seedDemo(env, now) {
  const password = env.PATGATE_DEMO_PASSWORD;
  if (!password) throw new Error("the store is empty and PATGATE_DEMO_PASSWORD is not set");
  const users = [
    ["admin", "Administrator", 1, ["fabrikam", "contoso"]],
    ["alice", "Alice Smith", 0, ["fabrikam", "contoso"]],
    ["bob", "Bob Jones", 0, ["contoso"]],
  ];
  const statements = [
    env.DB.prepare("INSERT OR IGNORE INTO organizations (name) VALUES ('fabrikam'), ('contoso')"),
    env.DB.prepare("INSERT OR IGNORE INTO projects (organization, name, id, description) VALUES ('fabrikam', 'demo', ?1, 'The demo project')").bind(crypto.randomUUID()),
    env.DB.prepare("INSERT OR IGNORE INTO repositories (organization, project, name) VALUES ('fabrikam', 'demo', 'demo')"),
  ];
  for (const [id, name, admin, orgs] of users) {
    const h = await hashPassword(password);
    statements.push(
      env.DB.prepare(
        "INSERT OR IGNORE INTO users (id, display_name, email, is_admin, password_hash, password_salt, password_iterations, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      ).bind(id, name, `${id}@example.com`, admin, h.hash, h.salt, h.iterations, now),
      ...orgs.map((org) => env.DB.prepare("INSERT OR IGNORE INTO memberships (user_id, organization) VALUES (?1, ?2)").bind(id, org)),
    );
  }
  statements.push(env.DB.prepare("INSERT INTO audit (at, actor, action, detail) VALUES (?1, NULL, 'seed', '{\"users\":3}')").bind(now));
  await env.DB.batch(statements);
}
