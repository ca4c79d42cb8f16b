// Device approval's requests: a tool's request, its polls, a user's approval (which makes the
// token, all or nothing) or denial, and their expiry.
import { audit } from "./audit.js";
import { all, changed, first, newChange, run, statement } from "./db.js";
import { noticeStatement } from "./notifications.js";
import { tokenParams } from "./tokens.js";

/** How many of `address`'s requests are pending at `now`. */
export const pendingRequests = async (env, address, now) =>
  (await first(env, "SELECT count(*) AS n FROM token_requests WHERE state = 'pending' AND address = :address AND expires_at > :now", { address, now })).n;

/** Records a tool's request and its audit entry, together. */
export async function insertRequest(env, now, r) {
  await env.DB.batch([
    statement(
      env,
      `INSERT INTO token_requests (id, device_code, user_code, digest, hint, display_name, scope, organization, valid_to, address, agent, created_at, expires_at, interval_ms)
       VALUES (:id, :deviceCode, :userCode, :digest, :hint, :displayName, :scope, :organization, :validTo, :address, :agent, :now, :expiresAt, :intervalMs)`,
      { ...r, now },
    ),
    audit(env, now, { action: "token.request", detail: { displayName: r.displayName, scope: r.scope, organization: r.organization, address: r.address, userCode: r.userCode } }),
  ]);
}

export const requestByDeviceCode = (env, deviceCode) => first(env, "SELECT * FROM token_requests WHERE device_code = :deviceCode", { deviceCode });

export const requestByUserCode = (env, userCode) => first(env, "SELECT * FROM token_requests WHERE user_code = :userCode", { userCode });

/** Notes a poll, and the least time before the next one. */
export const polledRequest = (env, now, id, intervalMs) => run(env, "UPDATE token_requests SET polled_at = :now, interval_ms = :intervalMs WHERE id = :id", { now, intervalMs, id });

/** Marks a pending request past its end expired, audited once. */
export async function expireRequest(env, now, row) {
  const change = newChange();
  await env.DB.batch([
    statement(env, "UPDATE token_requests SET state = 'expired', change_id = :change WHERE id = :id AND state = 'pending' AND expires_at <= :now", { change, id: row.id, now }),
    audit(env, now, { action: "token.request.expire", detail: { displayName: row.displayName, userCode: row.userCode, address: row.address } }, { after: { table: "token_requests", id: row.id, change } }),
  ]);
}

/** Every pending request past its end, expired and audited (the hourly run); rows a day past their end removed. */
export async function expireRequests(env, now) {
  const expired = await all(env, "SELECT * FROM token_requests WHERE state = 'pending' AND expires_at <= :now LIMIT 500", { now });
  for (const row of expired) await expireRequest(env, now, row);
  await run(env, "DELETE FROM token_requests WHERE expires_at <= :before", { before: now - 86_400_000 });
  return expired.length;
}

/** The device takes its approved token's record, once: whether this poll is the one. */
export const collectRequest = async (env, now, id) =>
  (await run(env, "UPDATE token_requests SET state = 'collected', polled_at = :now WHERE id = :id AND state = 'approved'", { now, id })) === 1;

/**
 * Approves a pending request and makes its token, all or nothing: the request's state moves
 * only if it is still pending and unexpired; the token is made only if that change happened, and
 * its notice, audit entries and issued digest only if the token was made. Returns whether the
 * approval was applied.
 */
export async function approveRequest(env, now, row, t, notice) {
  const change = newChange();
  const made = { table: "tokens", id: t.id, change };
  const [r] = await env.DB.batch([
    statement(
      env,
      "UPDATE token_requests SET state = 'approved', decided_by = :owner, decided_at = :now, token_id = :tokenId, change_id = :change WHERE id = :id AND state = 'pending' AND expires_at > :now",
      { owner: t.owner, now, tokenId: t.id, change, id: row.id },
    ),
    statement(
      env,
      `INSERT INTO tokens (id, owner, display_name, organization, scope, valid_from, valid_to, created_at, updated_at, digest, hint, change_id)
       SELECT :id, :owner, :displayName, :organization, :scope, :now, :validTo, :now, :now, :digest, :hint, :change WHERE ${changed("token_requests")}`,
      { ...tokenParams(now, t, change), changedId: row.id },
    ),
    noticeStatement(env, now, { userId: t.owner, tokenId: t.id, kind: "created", cycle: now, message: notice }, { after: made }),
    audit(env, now, { actor: t.owner, action: "token.request.approve", subject: t.owner, tokenId: t.id, detail: { userCode: row.userCode, address: row.address } }, { after: made }),
    audit(env, now, { actor: t.owner, action: "token.create", subject: t.owner, tokenId: t.id, detail: { displayName: t.displayName, scope: t.scope, organization: t.organization, validTo: new Date(t.validTo).toISOString(), via: "device" } }, { after: made }),
    statement(env, `INSERT INTO issued_digests (digest) SELECT :digest WHERE ${changed("tokens")}`, { digest: t.digest, changedId: t.id, change }),
  ]);
  return r.meta.changes === 1;
}

/** Denies a pending request, audited; whether it was still pending. */
export async function denyRequest(env, now, row, userId) {
  const change = newChange();
  const [r] = await env.DB.batch([
    statement(env, "UPDATE token_requests SET state = 'denied', decided_by = :userId, decided_at = :now, change_id = :change WHERE id = :id AND state = 'pending' AND expires_at > :now", { userId, now, change, id: row.id }),
    audit(env, now, { actor: userId, action: "token.request.deny", subject: userId, detail: { displayName: row.displayName, userCode: row.userCode, address: row.address } }, { after: { table: "token_requests", id: row.id, change } }),
  ]);
  return r.meta.changes === 1;
}
