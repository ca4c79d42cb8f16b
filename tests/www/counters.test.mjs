// The worker's in-isolate counters (www/src/limits.js) on their own: fixed windows exact at their
// boundaries, and a full map that keeps the keys over their limit when a flood of new keys comes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RecentKeys, RateLimiter, rateHeaders } from "../../www/src/limits.js";

test("a window counts `limit` events, refuses the next, and opens again exactly `windowMs` after its first", () => {
  const w = new RateLimiter(3, 60_000);
  const t0 = 1_000_000;
  assert.deepEqual([1, 2, 3, 4].map(() => w.hit("a", t0).allowed), [true, true, true, false]);
  assert.equal(w.hit("a", t0 + 59_999).allowed, false, "1 ms before the window ends");
  const next = w.hit("a", t0 + 60_000);
  assert.deepEqual([next.allowed, next.remaining, next.reset], [true, 2, t0 + 120_000]);
  w.refund("a", t0 + 60_001);
  assert.equal(w.hit("a", t0 + 60_002).remaining, 2, "a refund takes one back");
});

test("a full map drops a key under its limit, never one over it, so a flood of new keys frees no blocked key", () => {
  const w = new RateLimiter(2, 60_000, 4);
  const t0 = 0;
  for (let i = 0; i < 3; i++) w.hit("blocked", t0);
  assert.equal(w.hit("blocked", t0).allowed, false);
  for (let i = 0; i < 1000; i++) w.hit(`flood-${i}`, t0 + 1);
  assert.equal(w.counts.size, 4);
  assert.equal(w.hit("blocked", t0 + 2).allowed, false, "still blocked after 1,000 new keys");
  // A window that ended is dropped first, even over its limit.
  assert.equal(w.hit("blocked", t0 + 60_000).allowed, true);
});

test("when every key it looks at is over its limit, the oldest goes", () => {
  const w = new RateLimiter(1, 60_000, 3);
  for (const k of ["a", "b", "c"]) { w.hit(k, 0); w.hit(k, 0); }
  w.hit("d", 1);
  assert.deepEqual([...w.counts.keys()], ["b", "c", "d"]);
});

test("recent keys: seen within their time to live, then not; the least recently seen go first", () => {
  const r = new RecentKeys(1000, 2);
  r.add("a", 0);
  assert.equal(r.has("a", 999), true);
  assert.equal(r.has("a", 1000), false);
  r.add("b", 10);
  r.add("a", 20); // seen again: now the most recent
  r.add("c", 30);
  assert.deepEqual([r.has("a", 31), r.has("b", 31), r.has("c", 31)], [true, false, true]);
});

test("GitHub's rate-limit headers, with Retry-After in whole seconds only when refused", () => {
  const h = rateHeaders({ allowed: false, limit: 10, remaining: 0, reset: 61_500 }, 1_000, "core");
  assert.deepEqual(h, { "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "62", "X-RateLimit-Used": "10", "X-RateLimit-Resource": "core", "Retry-After": "61" });
  assert.equal("Retry-After" in rateHeaders({ allowed: true, limit: 10, remaining: 9, reset: 61_500 }, 1_000, "core"), false);
});
