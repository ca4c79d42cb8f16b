// Rate limits at the gate, as users of API-key platforms expect them: requests per token per
// hour (answered with GitHub's X-RateLimit-* headers, and 429 with Retry-After beyond), and
// failed verifications per client address per minute, checked before the store lookup, so a
// flood of well-formed unknown tokens costs no lookups once its address is over the limit.
//
// Counted in fixed windows on the worker's clock, in this isolate, in maps of bounded size
// (the oldest keys go first). Locally that is exact; on Cloudflare each isolate counts its own
// requests, so a limit holds per location (docs/SCALE.md says why this and not Cloudflare's rate
// limiting binding, which reports no remaining count and is also per location).

/** How many of the oldest windows a full map looks at for one to drop (a bounded scan). */
const EVICTION_LOOKS = 64;

/** Fixed-window counters for up to `maxKeys` keys. */
export class RateLimiter {
  constructor(limit, windowMs, maxKeys = 100_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
    this.counts = new Map(); // key → { start, count }
  }

  /** The key's window at `now` (a fresh one when the last has ended). */
  window(key, now) {
    let w = this.counts.get(key);
    if (!w || now >= w.start + this.windowMs) {
      if (w) this.counts.delete(key);
      else if (this.counts.size >= this.maxKeys) this.evict(now);
      w = { start: now, count: 0 };
      this.counts.set(key, w);
    }
    return w;
  }

  /**
   * Makes room for a key: the oldest of the first few windows that is not over its limit goes
   * (an ended one first), so that a flood of new keys (an IPv6 client has 2^64 addresses, and
   * counts as its /64s) does not free the keys it is blocked under. Only when all of them are
   * over their limit does the oldest go.
   */
  evict(now) {
    let victim = null;
    let looked = 0;
    for (const [key, w] of this.counts) {
      if (now >= w.start + this.windowMs || w.count <= this.limit) {
        victim = key;
        break;
      }
      if (++looked === EVICTION_LOOKS) break;
    }
    this.counts.delete(victim ?? this.counts.keys().next().value);
  }

  /** Counts one event for `key`; whether it was within the limit, and the window's state. */
  hit(key, now) {
    const w = this.window(key, now);
    w.count++;
    return this.state(w, w.count <= this.limit);
  }

  /** Takes back one event counted by `hit` in the current window (it turned out not to count). */
  refund(key, now) {
    const w = this.counts.get(key);
    if (w !== undefined && now < w.start + this.windowMs && w.count > 0) w.count--;
  }

  state(w, allowed) {
    return { allowed, limit: this.limit, remaining: Math.max(0, this.limit - w.count), reset: w.start + this.windowMs };
  }
}

/**
 * Keys seen lately, each for `ttlMs` after it was last seen, up to `maxKeys` (the least
 * recently seen go first).
 */
export class RecentKeys {
  constructor(ttlMs, maxKeys = 100_000) {
    this.ttlMs = ttlMs;
    this.maxKeys = maxKeys;
    this.seen = new Map(); // key → last seen, least recent first
  }

  add(key, now) {
    this.seen.delete(key);
    if (this.seen.size >= this.maxKeys) this.seen.delete(this.seen.keys().next().value);
    this.seen.set(key, now);
  }

  has(key, now) {
    const at = this.seen.get(key);
    return at !== undefined && now < at + this.ttlMs;
  }
}

/** GitHub's rate-limit headers for a window's state (`reset` in epoch seconds). */
export function rateHeaders(s, now, resource) {
  const headers = {
    "X-RateLimit-Limit": String(s.limit),
    "X-RateLimit-Remaining": String(s.remaining),
    "X-RateLimit-Reset": String(Math.ceil(s.reset / 1000)),
    "X-RateLimit-Used": String(s.limit - s.remaining),
    "X-RateLimit-Resource": resource,
  };
  if (!s.allowed) headers["Retry-After"] = String(Math.max(1, Math.ceil((s.reset - now) / 1000)));
  return headers;
}
