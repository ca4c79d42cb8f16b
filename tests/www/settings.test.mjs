// The deployment's settings as the worker reads them from its environment (no worker needed):
// a malformed or out-of-range value falls back to the default rather than to something unbounded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LIMITS, settings } from "../../www/src/settings.js";

test("the audit log's retention: 1 to 3,650 whole days, 90 by default, anything else the default", () => {
  const days = (value) => settings({ PATGATE_AUDIT_RETENTION_DAYS: value }).auditRetention.days;
  assert.equal(LIMITS.auditRetentionDays, 90);
  assert.equal(days(undefined), 90);
  for (const [value, expected] of [["1", 1], ["30", 30], ["3650", 3650], ["0", 90], ["3651", 90], ["-5", 90], ["1.5", 90], ["abc", 90], ["", 90], ["1e3", 1000]]) {
    assert.equal(days(value), expected, JSON.stringify(value));
  }
  const prune = settings({ PATGATE_AUDIT_PRUNE_CHUNK: "2", PATGATE_AUDIT_PRUNE_CHUNKS_PER_RUN: "3" }).auditRetention;
  assert.deepEqual([prune.chunk, prune.chunks], [2, 3]);
  const capped = settings({ PATGATE_AUDIT_PRUNE_CHUNK: "5001", PATGATE_AUDIT_PRUNE_CHUNKS_PER_RUN: "0" }).auditRetention;
  assert.deepEqual([capped.chunk, capped.chunks], [5000, 20]);
});
