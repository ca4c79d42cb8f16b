// Users, sessions, remembered devices and the sign-in limit; the store's pepper check.
import { LIMITS } from "../settings.js";
import { audit } from "./audit.js";
import { all, first, run, statement } from "./db.js";

export const ACCOUNT_HOT = Object.freeze({
  session: `SELECT s.id_digest, s.csrf, u.id, u.display_name, u.email, u.is_admin,
            (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = u.id) AS orgs
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_digest = :idDigest AND s.expires_at > :now`,
});

/** The store's pepper check: the one kept at its first start (`check` when there was none). */
export async function keepPepperCheck(env, check) {
  await run(env, "INSERT OR IGNORE INTO deployment (key, value) VALUES ('pepper_check', :check)", { check });
  return (await first(env, "SELECT value FROM deployment WHERE key = 'pepper_check'"))?.value ?? null;
}

export const userCount = async (env) => (await first(env, "SELECT count(*) AS n FROM users")).n;

export const userWithPassword = (env, id) => first(env, "SELECT id, password_hash, password_salt, password_iterations FROM users WHERE id = :id", { id });

export const userExists = async (env, id) => (await first(env, "SELECT 1 FROM users WHERE id = :id", { id })) !== null;

export const listUsers = (env) =>
  all(env, "SELECT u.id, u.display_name, u.is_admin, (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = u.id) AS orgs FROM users u ORDER BY u.id");

/** The session whose cookie digests to `idDigest`, with its user, if it has not expired. */
export const sessionFor = (env, idDigest, now) => first(env, ACCOUNT_HOT.session, { idDigest, now });

/**
 * Starts a session: the sign-in's lock counter (`lockDigest`) is cleared, the attempt counted
 * against the name from untrusted browsers (`nameDigest`, when it was) taken back, and past
 * `sessionsMax` live sessions the user's oldest are ended, audited with their count.
 */
export async function startSession(env, now, { idDigest, userId, lockDigest, nameDigest, csrf, sessionsMax }) {
  // A browser with the user's device cookie was never counted against the name.
  const takeBack = nameDigest === null ? [] : [
    statement(env, "UPDATE signin_failures SET failures = failures - 1 WHERE name_digest = :nameDigest", { nameDigest }),
    statement(env, "DELETE FROM signin_failures WHERE name_digest = :nameDigest AND failures <= 0", { nameDigest }),
  ];
  await env.DB.batch([
    statement(env, "DELETE FROM signin_failures WHERE name_digest = :lockDigest", { lockDigest }),
    ...takeBack,
    statement(env, "DELETE FROM sessions WHERE expires_at <= :now", { now }),
    statement(env, "INSERT INTO sessions (id_digest, user_id, csrf, created_at, expires_at) VALUES (:idDigest, :userId, :csrf, :now, :expiresAt)", {
      idDigest, userId, csrf, now, expiresAt: now + LIMITS.sessionMs,
    }),
    audit(env, now, { actor: userId, action: "signin", subject: userId }),
  ]);
  const ended = await run(env, `DELETE FROM sessions WHERE id_digest IN
       (SELECT id_digest FROM sessions WHERE user_id = :userId ORDER BY created_at DESC LIMIT -1 OFFSET :sessionsMax)`, { userId, sessionsMax });
  if (ended > 0) await audit(env, now, { actor: userId, action: "session.limit", subject: userId, detail: { ended, sessionsMax } }).run();
}

/** The user a device cookie (its digest) was given to, if it is still remembered. */
export const deviceUser = async (env, digest, now) =>
  (await first(env, "SELECT user_id FROM trusted_devices WHERE digest = :digest AND expires_at > :now", { digest, now }))?.userId ?? null;

/** Remembers a browser where `userId` signed in; past `devicesMax` the user's oldest are forgotten. */
export async function rememberDevice(env, now, { digest, userId, devicesMax }) {
  await env.DB.batch([
    statement(env, "INSERT INTO trusted_devices (digest, user_id, created_at, expires_at) VALUES (:digest, :userId, :now, :expiresAt)", { digest, userId, now, expiresAt: now + LIMITS.deviceMs }),
    statement(env, `DELETE FROM trusted_devices WHERE digest IN
         (SELECT digest FROM trusted_devices WHERE user_id = :userId ORDER BY created_at DESC LIMIT -1 OFFSET :devicesMax)`, { userId, devicesMax }),
  ]);
}

export async function endSession(env, now, session) {
  await env.DB.batch([
    statement(env, "DELETE FROM sessions WHERE id_digest = :idDigest", { idDigest: session.sessionDigest }),
    audit(env, now, { actor: session.user.id, action: "signout", subject: session.user.id }),
  ]);
}

/**
 * Counts a sign-in attempt for a name (`nameDigest`: the SHA-256 of the name typed, never the
 * name: people type passwords there) before its password is checked, in one atomic statement:
 * concurrent attempts each get their own count, so no burst gets past the limit. Returns the
 * attempts in the current window (including this one) and when the window ends. Expired windows
 * are dropped, and the table is capped at `rowsMax` rows. A full table makes room by dropping
 * the names with the fewest attempts, oldest first: were the oldest dropped whatever their
 * count, a flood of made-up names would erase a locked name's count and give its guesser five
 * more tries; this way erasing a count of n takes `rowsMax` names with n attempts.
 */
export async function countSigninAttempt(env, nameDigest, now, rowsMax) {
  const windowMs = LIMITS.signinWindowMs;
  const [, , counted] = await env.DB.batch([
    statement(env, "DELETE FROM signin_failures WHERE window_start <= :expired", { expired: now - windowMs }),
    statement(env, `DELETE FROM signin_failures WHERE name_digest IN
         (SELECT name_digest FROM signin_failures ORDER BY failures DESC, window_start DESC LIMIT -1 OFFSET :keep)`, { keep: rowsMax - 1 }),
    statement(env, `INSERT INTO signin_failures (name_digest, failures, window_start) VALUES (:nameDigest, 1, :now)
       ON CONFLICT (name_digest) DO UPDATE SET failures = failures + 1
       RETURNING failures, window_start`, { nameDigest, now }),
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
