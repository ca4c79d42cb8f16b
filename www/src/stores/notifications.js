// The owners' notices (created, expiring, leaked, revoked, retired): recorded once each, read in
// the portal, delivered to the webhook by claims that overlapping runs respect.
import { LIMITS } from "../settings.js";
import { all, changed, run, statement } from "./db.js";
import { tokensOf } from "./tokens.js"; // (tokens.js imports this file too: both only call at run time)

export const NOTICE_HOT = Object.freeze({
  // Live tokens ending within the notice window that have no notice for that end yet, in order
  // of their end: the expiry scan takes them a chunk at a time.
  expiringChunk: `SELECT t.id, t.owner, t.display_name, t.valid_to FROM tokens t
      WHERE t.revoked_at IS NULL AND t.valid_to > :now AND t.valid_to <= :now + :window
        AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.token_id = t.id AND n.kind = 'expiring' AND n.cycle = t.valid_to)
      ORDER BY t.valid_to LIMIT :limit`,
  notificationsOf: "SELECT id, token_id, kind, message, created_at, read_at FROM notifications WHERE user_id = :userId ORDER BY id DESC LIMIT 100",
  claimUndelivered: `UPDATE notifications SET claimed_until = :until
      WHERE id IN (SELECT id FROM notifications
                    WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= :now)
                    ORDER BY id LIMIT :limit)
      RETURNING id, user_id, token_id, kind, message, created_at`,
});

/**
 * The statement that records a notice once (a UNIQUE key); its `changes` tell whether it was
 * new. With `after` ({ table, id, change }: see db.js), only if that row was written by that
 * change in the same batch.
 */
export function noticeStatement(env, now, { userId, tokenId, kind, cycle, message }, { after = null } = {}) {
  const params = { userId, tokenId, kind, cycle, message, now };
  if (!after) return statement(env, "INSERT OR IGNORE INTO notifications (user_id, token_id, kind, cycle, message, created_at) VALUES (:userId, :tokenId, :kind, :cycle, :message, :now)", params);
  return statement(
    env,
    `INSERT OR IGNORE INTO notifications (user_id, token_id, kind, cycle, message, created_at) SELECT :userId, :tokenId, :kind, :cycle, :message, :now WHERE ${changed(after.table)}`,
    { ...params, changedId: after.id, change: after.change },
  );
}

export const notificationsOf = (env, userId) => all(env, NOTICE_HOT.notificationsOf, { userId });

/** Marks `ids` of the user's notices read (all of them for `null`); returns how many changed. */
export const markRead = (env, now, userId, ids) =>
  run(env, "UPDATE notifications SET read_at = :now WHERE user_id = :userId AND read_at IS NULL AND (:everything OR id IN (SELECT value FROM json_each(:ids)))", {
    now, userId, everything: ids === null ? 1 : 0, ids: JSON.stringify(ids ?? []),
  });

/** Up to `limit` live tokens in the notice window still without their expiring notice. */
export const expiringChunk = (env, now, limit) => all(env, NOTICE_HOT.expiringChunk, { now, window: LIMITS.expiryNoticeMs, limit });

/** Records notices (each once); returns how many were new. */
export async function recordNotices(env, now, notices) {
  if (notices.length === 0) return 0;
  const outcomes = await env.DB.batch(notices.map((n) => noticeStatement(env, now, n)));
  return outcomes.reduce((sum, r) => sum + r.meta.changes, 0);
}

/**
 * Claims undelivered notices for one delivery run, atomically: a notice claimed here is not
 * claimed again by an overlapping run until its lease ends (if this run dies first). Each comes
 * with its token's name and leak address, for the webhook's structured fields.
 */
export async function claimUndelivered(env, now) {
  const claimed = await all(env, NOTICE_HOT.claimUndelivered, { until: now + LIMITS.webhookLeaseMs, now, limit: LIMITS.webhookBatch });
  if (claimed.length === 0) return [];
  const tokens = await tokensOf(env, [...new Set(claimed.map((n) => n.tokenId).filter((id) => id !== null))]);
  return claimed.sort((a, b) => a.id - b.id).map((n) => ({ ...n, displayName: tokens.get(n.tokenId)?.displayName, leakUrl: tokens.get(n.tokenId)?.leakUrl }));
}

export const markDelivered = (env, now, id) => run(env, "UPDATE notifications SET delivered_at = :now, claimed_until = NULL WHERE id = :id AND delivered_at IS NULL", { now, id });

/**
 * A notice the receiver did not accept stays claimed until `retryAt`: runs that requests start
 * in the meantime do not post it again, however many there are; a later run retries it.
 */
export const holdClaim = (env, id, retryAt) => run(env, "UPDATE notifications SET claimed_until = :retryAt WHERE id = :id AND delivered_at IS NULL", { retryAt, id });

/**
 * Tells the owner of each live global token, once (its notice's key is the token and kind), that
 * the policy retired it; `tokens` are the ones the core found live and not exempt.
 */
export async function noticeRetired(env, now, tokens, message) {
  if (tokens.length === 0) return 0;
  await env.DB.batch(tokens.map((t) => noticeStatement(env, now, { userId: t.owner, tokenId: t.id, kind: "retired", cycle: 0, message: message(t.displayName) })));
  return tokens.length;
}
