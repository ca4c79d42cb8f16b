// What a deployment configures, read from its environment in one place (once per isolate), and
// the fixed limits of the API and the gate.
import { fromBase64url } from "./http.js";

const WEBHOOK_BATCH = 50;
const WEBHOOK_TIMEOUT_MS = 10_000;

/** Fixed limits of the API and the gate. */
export const LIMITS = Object.freeze({
  bodyBytes: 16 * 1024,
  pageMax: 100,
  sessionMs: 8 * 3600_000,
  signinFailures: 5,
  // Failed sign-ins per client address per minute, whatever the names: each costs a PBKDF2 and
  // an audit entry, and names are unlimited.
  signinFailuresPerAddressPerMinute: 20,
  signinWindowMs: 15 * 60_000,
  // Failed sign-ins for one name from browsers it never signed in from, whatever their
  // addresses, per window: past it only a browser where the user signed in before may try.
  signinFailuresPerName: 100,
  // A browser where a user signed in is remembered this long (its device cookie), at most this
  // many per user (the oldest forgotten first).
  deviceMs: 180 * 86_400_000,
  devicesPerUser: 10,
  // Live sessions per user; a new one ends the oldest past this (audited).
  sessionsPerUser: 20,
  // Quotas of a signed-in user: live tokens, and changes (every state-changing request and
  // sign-in) per minute; each change may write an audit entry, so this bounds their growth.
  liveTokensPerUser: 1000,
  changesPerUserPerMinute: 60,
  // Failed sign-ins are remembered per user name; the table never holds more rows than this.
  signinRowsMax: 10_000,
  lastUsedEveryMs: 5 * 60_000,
  expiryNoticeMs: 7 * 86_400_000,
  // GitHub's default for a token; failures per client address before lookups stop for a minute.
  tokenRequestsPerHour: 5000,
  // Device approval (requests.js): a tool's request lives 15 minutes and is polled every 5 s at
  // most (5 s more after each slow_down); an address may have 5 pending; a signed-in session or
  // an address may name 10 codes a minute that match nothing; an approved token lasts 30 days
  // unless the tool or the approver asks otherwise (never past the policy's maximum).
  requestLifetimeMs: 15 * 60_000,
  requestIntervalMs: 5_000,
  pendingRequestsPerAddress: 5,
  codeGuessesPerWindow: 10,
  requestDefaultDays: 30,
  failedVerificationsPerMinute: 100,
  // A token that proved live within this long still gets its lookup from an address over that
  // limit (its holder may share the address with whoever floods it).
  recentlyLiveMs: 86_400_000,
  // The expiry scan takes tokens this many at a time, at most this many chunks per run (an
  // hourly run then covers 100,000 tokens entering the window in about 20 s of D1 time).
  expiryChunk: 500,
  expiryChunksPerRun: 400,
  webhookBatch: WEBHOOK_BATCH,
  // A notice claimed for delivery is retried by a later run if its claimant never reports back.
  // A run posts its batch one at a time, each post given up after the timeout: the claim outlasts
  // the slowest run (50 × 10 s), or a second run would post the same notices again.
  webhookLeaseMs: WEBHOOK_BATCH * WEBHOOK_TIMEOUT_MS + 60_000,
  webhookTimeoutMs: WEBHOOK_TIMEOUT_MS,
  // A notice its receiver refused is posted again no sooner than this (the hourly run, or a
  // later request's run): a failing receiver costs one post per notice per interval.
  webhookRetryMs: 5 * 60_000,
  passwordIterations: 100_000,
  // Leak reports: credentials per request, public reports per client address and window,
  // and the size of GitHub's signed report bodies.
  reportCredentials: 1000,
  reportsPerWindow: 10,
  reportWindowMs: 60_000,
  leakBodyBytes: 512 * 1024,
  // The audit log keeps entries this many days (Azure DevOps keeps its audit log 90 days); the
  // hourly run removes older ones this many at a time, at most this many chunks per run.
  auditRetentionDays: 90,
  auditRetentionDaysMax: 3650,
  auditPruneChunk: 5000,
  auditPruneChunksPerRun: 20,
});

/** A whole number from 1 to `max` in `text`, else `fallback` (an unset or malformed setting). */
function wholeIn(text, max, fallback) {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

/** The shortest pepper the worker takes, in bytes (scripts/run.sh makes 32 random ones). */
export const PEPPER_MIN_BYTES = 32;

/** A deployment whose configuration the worker cannot run with: every request is a 503 naming it. */
export class ConfigurationError extends Error {}

/**
 * `PATGATE_PEPPER`: base64url of at least 32 bytes. Without one the store would keep digests
 * anyone holding a database copy could match against tokens; the worker refuses to run instead.
 */
function pepperOf(text) {
  const bytes = typeof text === "string" && /^[A-Za-z0-9_-]+$/.test(text) ? fromBase64url(text) : null;
  if (!bytes || bytes.length < PEPPER_MIN_BYTES) {
    throw new ConfigurationError(`PATGATE_PEPPER must be set to at least ${PEPPER_MIN_BYTES} random bytes in base64url (wrangler secret put PATGATE_PEPPER; scripts/run.sh makes one)`);
  }
  return bytes;
}

/** A count setting: a whole number from 1 up, else the default (never 0, negative or a fraction). */
const count = (text, fallback) => wholeIn(text, Number.MAX_SAFE_INTEGER, fallback);

/**
 * The deployment's settings. `PATGATE_PEPPER` is base64url (its length is the core's rule,
 * checked when the gate is built); `PATGATE_TEST_CLOCK=true` lets tests move the clock and must
 * never be set on a real deployment.
 */
export function settings(env) {
  let read = parsed.get(env);
  if (read === undefined) {
    read = readSettings(env);
    parsed.set(env, read);
  }
  return read;
}

/** Settings read once per environment object (one per isolate on workerd). */
const parsed = new WeakMap();

function readSettings(env) {
  return {
    pepper: pepperOf(env.PATGATE_PEPPER),
    webhookUrl: env.PATGATE_WEBHOOK_URL || null,
    demoPassword: env.PATGATE_DEMO_PASSWORD || null,
    testClock: env.PATGATE_TEST_CLOCK === "true",
    // The key of scripts/run.sh's hourly loop (wrangler dev runs no cron); unset on Cloudflare.
    localSchedulerKey: env.PATGATE_LOCAL_SCHEDULER_KEY || null,
    // GitHub's secret-scanning keys as its meta/public_keys/secret_scanning endpoint publishes them.
    githubScanningKeys: env.PATGATE_GITHUB_SCANNING_KEYS || null,
    // Rate limits at the gate: requests per token per hour, failed verifications per client
    // address per minute (the tests raise them out of the way, except where they test them).
    tokenRate: { limit: count(env.PATGATE_RATE_LIMIT_PER_HOUR, LIMITS.tokenRequestsPerHour), windowMs: 3_600_000 },
    failedRate: { limit: count(env.PATGATE_FAILED_PER_MINUTE, LIMITS.failedVerificationsPerMinute), windowMs: 60_000 },
    failedSigninRate: { limit: count(env.PATGATE_FAILED_SIGNINS_PER_MINUTE, LIMITS.signinFailuresPerAddressPerMinute), windowMs: 60_000 },
    signinFailuresPerName: count(env.PATGATE_FAILED_SIGNINS_PER_NAME, LIMITS.signinFailuresPerName),
    // A signed-in user's quotas (the tests raise the change rate out of the way but where they test it).
    changeRate: { limit: count(env.PATGATE_CHANGES_PER_MINUTE, LIMITS.changesPerUserPerMinute), windowMs: 60_000 },
    liveTokensPerUser: count(env.PATGATE_LIVE_TOKENS_PER_USER, LIMITS.liveTokensPerUser),
    // The least seconds between a tool's polls (RFC 8628's interval; a slow_down adds 5 s).
    requestIntervalMs: count(env.PATGATE_REQUEST_INTERVAL_SECONDS, LIMITS.requestIntervalMs / 1000) * 1000,
    sessionsPerUser: count(env.PATGATE_SESSIONS_PER_USER, LIMITS.sessionsPerUser),
    // Names whose failed sign-ins are counted at once (tests make it small to fill it).
    signinRows: count(env.PATGATE_SIGNIN_ROWS_MAX, LIMITS.signinRowsMax),
    // The expiry scan's chunk size and chunks per run (tests make them small to see the chunking).
    expiryScan: {
      chunk: count(env.PATGATE_EXPIRY_CHUNK, LIMITS.expiryChunk),
      chunks: count(env.PATGATE_EXPIRY_CHUNKS_PER_RUN, LIMITS.expiryChunksPerRun),
    },
    // How long the audit log keeps an entry (1 to 3,650 days), and the pruning's chunks.
    auditRetention: {
      days: wholeIn(env.PATGATE_AUDIT_RETENTION_DAYS, LIMITS.auditRetentionDaysMax, LIMITS.auditRetentionDays),
      chunk: wholeIn(env.PATGATE_AUDIT_PRUNE_CHUNK, LIMITS.auditPruneChunk, LIMITS.auditPruneChunk),
      chunks: wholeIn(env.PATGATE_AUDIT_PRUNE_CHUNKS_PER_RUN, LIMITS.auditPruneChunksPerRun, LIMITS.auditPruneChunksPerRun),
    },
  };
}

