// The deployment's settings as the worker reads them from its environment (no worker needed):
// a malformed or out-of-range value falls back to the default rather than to something unbounded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfigurationError, LIMITS, settings as read } from "../../www/src/settings.js";

// Every deployment has a pepper (the worker refuses to run without one: its own test below).
const PEPPER = Buffer.alloc(32, 7).toString("base64url");
const settings = (env) => read({ PATGATE_PEPPER: PEPPER, ...env });

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

test("every count setting: a whole number from 1 up, else its default (never 0, negative, a fraction or text)", () => {
  // Setting name → where settings() puts it and its default, by hand from SECURITY.md and README.
  const table = [
    ["PATGATE_RATE_LIMIT_PER_HOUR", (s) => s.tokenRate.limit, 5000],
    ["PATGATE_FAILED_PER_MINUTE", (s) => s.failedRate.limit, 100],
    ["PATGATE_FAILED_SIGNINS_PER_MINUTE", (s) => s.failedSigninRate.limit, 20],
    ["PATGATE_FAILED_SIGNINS_PER_NAME", (s) => s.signinFailuresPerName, 100],
    ["PATGATE_CHANGES_PER_MINUTE", (s) => s.changeRate.limit, 60],
    ["PATGATE_LIVE_TOKENS_PER_USER", (s) => s.liveTokensPerUser, 1000],
    ["PATGATE_SESSIONS_PER_USER", (s) => s.sessionsPerUser, 20],
    ["PATGATE_SIGNIN_ROWS_MAX", (s) => s.signinRows, 10_000],
    ["PATGATE_EXPIRY_CHUNK", (s) => s.expiryScan.chunk, 500],
    ["PATGATE_EXPIRY_CHUNKS_PER_RUN", (s) => s.expiryScan.chunks, 400],
  ];
  for (const [name, read, fallback] of table) {
    assert.equal(read(settings({})), fallback, `${name} unset`);
    for (const bad of ["0", "-5", "1.5", "abc", "", "Infinity", "NaN", "1e400"]) assert.equal(read(settings({ [name]: bad })), fallback, `${name}=${bad}`);
    for (const [good, value] of [["1", 1], ["7", 7], ["1000000000", 1e9]]) assert.equal(read(settings({ [name]: good })), value, `${name}=${good}`);
  }
  // The windows the limits count in.
  assert.deepEqual([settings({}).tokenRate.windowMs, settings({}).failedRate.windowMs, settings({}).failedSigninRate.windowMs, settings({}).changeRate.windowMs], [3_600_000, 60_000, 60_000, 60_000]);
});

test("the pepper: base64url of at least 32 bytes, else the worker refuses to run (a ConfigurationError naming the setting)", () => {
  assert.deepEqual([...settings({}).pepper], [...Buffer.alloc(32, 7)]);
  for (const bad of [undefined, "", Buffer.alloc(31, 7).toString("base64url"), "not base64url!", "a-30-character-secret-string.."]) {
    assert.throws(() => read({ PATGATE_PEPPER: bad }), (e) => e instanceof ConfigurationError && /PATGATE_PEPPER must be set to at least 32 random bytes/.test(e.message), String(bad));
  }
});
