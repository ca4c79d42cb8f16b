// Notifications: one when a token is created (or regenerated), one 7 days before it expires,
// one when it is reported as leaked or an administrator revokes it;
// each recorded exactly once (a UNIQUE key) and, when a webhook is configured, POSTed to it:
// at most once per delivery run (claimed first), and until the receiver accepts it.
import { iso } from "./http.js";
import { LIMITS, settings } from "./settings.js";
import * as store from "./stores/index.js";

/** An instant as its owner may read it anywhere: date and minute in UTC, said to be UTC. */
const when = (ms) => `${iso(ms).slice(0, 16).replace("T", " ")} UTC`;
/**
 * A user's text (a token's name, a reported address) in a message: as a JSON string, so that a
 * quote or a newline in it is escaped and nothing it holds reads as the message's own words.
 */
export const quoted = (text) => JSON.stringify(text);
export const createdMessage = (name, validTo) => `Personal access token ${quoted(name)} was created; it expires ${when(validTo)}.`;
export const regeneratedMessage = (name, validTo) => `Personal access token ${quoted(name)} was regenerated; the new token expires ${when(validTo)}.`;
export const expiringMessage = (name, validTo) => `Personal access token ${quoted(name)} expires ${when(validTo)}.`;
export const retiredMessage = (name) =>
  `Personal access token ${quoted(name)} acts in all your organizations, and this deployment's policy has retired such tokens: it is refused from now on. Make a token for one organization instead.`;
/** What goes before and after a token's name (quoted by the store, as `quoted` does) in the notice of an administrator's revocation. */
export const revokedByAdminParts = (admin) => ["Personal access token ", ` was revoked by an administrator (${admin}); tools using it are refused from now on.`];
export const revokedByAdminMessage = (name, admin) => revokedByAdminParts(admin).join(quoted(name));
const foundAt = (url) => (url ? ` (found at ${quoted(url)})` : "");
export const leakedMessage = (name, url, revoked) =>
  `Personal access token ${quoted(name)} was reported as leaked${foundAt(url)}; ` +
  (revoked ? "it has been revoked. Create a new one." : "revoke it now: your administrator's policy leaves that to you.");
export const previousLeakedMessage = (name, url, graceUntil, ended) =>
  `The previous secret of personal access token ${quoted(name)}, accepted until ${when(graceUntil)}, was reported as leaked${foundAt(url)}; ` +
  (ended ? "it no longer works. The current secret is unaffected." : "end its grace now (revoke the token or regenerate it without grace): your administrator's policy leaves that to you.");

/**
 * The webhook's body for a notice. `message` is patgate's sentence, with the user's text in it
 * as JSON strings; `displayName` (the token's name now) and `foundAt` (where a leak was found)
 * are that text on its own, for a receiver that formats its own message. Those two fields and
 * the quoted parts of `message` come from users; every other field is patgate's.
 */
export function webhookBody(n) {
  return { id: n.id, kind: n.kind, user: n.userId, authorizationId: n.tokenId, displayName: n.displayName ?? null, foundAt: n.kind === "leaked" ? n.leakUrl ?? null : null, message: n.message, createdAt: iso(n.createdAt) };
}

/** POSTs the undelivered notices this run claims at `now`; returns how many the webhook accepted. */
export async function deliver(env, now) {
  const url = settings(env).webhookUrl;
  if (!url) return 0;
  const claimed = await store.claimUndelivered(env, now);
  let sent = 0;
  for (const n of claimed) {
    const body = webhookBody(n);
    let accepted = false;
    try {
      // A receiver that never answers must not hold the claim forever: the post is abandoned
      // (and retried by a later run) after LIMITS.webhookTimeoutMs.
      const signal = AbortSignal.timeout(LIMITS.webhookTimeoutMs);
      const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal });
      accepted = r.ok;
    } catch {
      // Left undelivered; a later run retries.
    }
    if (accepted) {
      await store.markDelivered(env, now, n.id);
      sent++;
    } else {
      await store.holdClaim(env, n.id, now + LIMITS.webhookRetryMs);
    }
  }
  return sent;
}

/**
 * The scheduled scan: an expiring notice for every live token within 7 days of its end, a chunk
 * at a time (each chunk one query and one batch, well within D1's limits) until none is left or
 * this run's budget of chunks is spent. A run cut short loses nothing: the next one takes the
 * tokens still without their notice, and each notice is recorded once (its unique key).
 * Returns how many notices this run recorded.
 */
export async function scanExpiring(env, now, { chunk = LIMITS.expiryChunk, chunks = LIMITS.expiryChunksPerRun } = {}) {
  let recorded = 0;
  for (let i = 0; i < chunks; i++) {
    const tokens = await store.expiringChunk(env, now, chunk);
    if (tokens.length === 0) break;
    recorded += await store.recordNotices(
      env, now,
      tokens.map((t) => ({ userId: t.owner, tokenId: t.id, kind: "expiring", cycle: t.validTo, message: expiringMessage(t.displayName, t.validTo) })),
    );
    if (tokens.length < chunk) break;
  }
  return recorded;
}
