// Notifications: one when a token is created (or regenerated), one 7 days before it expires;
// each exactly once (a UNIQUE key), kept in the store, optionally POSTed to a webhook.
import { iso } from "./http.js";

export const EXPIRY_NOTICE_MS = 7 * 86_400_000;

/** The statement that records a notice once; `changes` tells whether it was new. */
export function noticeStatement(env, { userId, tokenId, kind, cycle, message, now }) {
  return env.DB.prepare(
    "INSERT OR IGNORE INTO notifications (user_id, token_id, kind, cycle, message, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  ).bind(userId, tokenId, kind, cycle, message, now);
}

export const createdMessage = (name, validTo) => `Personal access token "${name}" was created; it expires ${iso(validTo).slice(0, 10)}.`;
export const expiringMessage = (name, validTo) => `Personal access token "${name}" expires ${iso(validTo).slice(0, 10)}.`;

/** POSTs undelivered notices to the webhook, if one is configured, and marks them delivered. */
export async function deliver(env) {
  const url = env.PATGATE_WEBHOOK_URL;
  if (!url) return 0;
  const { results } = await env.DB.prepare(
    "SELECT id, user_id, token_id, kind, message, created_at FROM notifications WHERE delivered_at IS NULL ORDER BY id LIMIT 50",
  ).all();
  let sent = 0;
  for (const n of results) {
    const body = { id: n.id, kind: n.kind, user: n.user_id, authorizationId: n.token_id, message: n.message, createdAt: iso(n.created_at) };
    try {
      const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      if (!r.ok) continue;
      await env.DB.prepare("UPDATE notifications SET delivered_at = ?1 WHERE id = ?2 AND delivered_at IS NULL").bind(Date.now(), n.id).run();
      sent++;
    } catch {
      // Left undelivered; the next scan retries.
    }
  }
  return sent;
}

/** The scheduled scan: an expiring notice for every live token within 7 days of its end. */
export async function scanExpiring(env, now) {
  const { results } = await env.DB.prepare(
    `SELECT id, owner, display_name, valid_to FROM tokens
      WHERE revoked_at IS NULL AND valid_to > ?1 AND valid_to <= ?1 + ?2`,
  ).bind(now, EXPIRY_NOTICE_MS).all();
  if (results.length === 0) return 0;
  const outcomes = await env.DB.batch(
    results.map((t) =>
      noticeStatement(env, { userId: t.owner, tokenId: t.id, kind: "expiring", cycle: t.valid_to, message: expiringMessage(t.display_name, t.valid_to), now }),
    ),
  );
  return outcomes.reduce((n, r) => n + r.meta.changes, 0);
}
