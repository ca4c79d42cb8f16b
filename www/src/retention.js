// The audit log's retention: the hourly run removes entries older than the deployment's period
// (PATGATE_AUDIT_RETENTION_DAYS, 90 days by default), so that the log, which anyone can add to
// with a failed sign-in, stays bounded. Removal is audited: the log says what went and when.
import { LIMITS } from "./settings.js";
import * as store from "./stores/index.js";

const DAY_MS = 86_400_000;

/**
 * Removes entries older than `days` before `now`, a chunk at a time (each one statement) until
 * none is left or this run's budget of chunks is spent; the next run goes on. An entry exactly
 * `days` old stays. Returns how many were removed.
 */
export async function expireAudit(env, now, { days = LIMITS.auditRetentionDays, chunk = LIMITS.auditPruneChunk, chunks = LIMITS.auditPruneChunksPerRun } = {}) {
  const before = now - days * DAY_MS;
  let removed = 0;
  for (let i = 0; i < chunks; i++) {
    const n = await store.pruneAudit(env, before, chunk);
    removed += n;
    if (n < chunk) break;
  }
  if (removed > 0) await store.audit(env, now, { action: "audit.expired", detail: { removed, before: new Date(before).toISOString(), retentionDays: days } }).run();
  return removed;
}
