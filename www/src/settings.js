// What a deployment configures, read from its environment in one place, and the worker's clock.
import { fromBase64url } from "./http.js";

/** Fixed limits of the API and the gate. */
export const LIMITS = Object.freeze({
  bodyBytes: 16 * 1024,
  pageMax: 100,
  sessionMs: 8 * 3600_000,
  signinFailures: 5,
  signinWindowMs: 15 * 60_000,
  // Failed sign-ins are remembered per user name; the table never holds more rows than this.
  signinRowsMax: 10_000,
  lastUsedEveryMs: 5 * 60_000,
  expiryNoticeMs: 7 * 86_400_000,
  webhookBatch: 50,
  // A notice claimed for delivery is retried by a later run if its claimant never reports back.
  webhookLeaseMs: 5 * 60_000,
  webhookTimeoutMs: 10_000,
  passwordIterations: 100_000,
  // Leak reports: credentials per request, public reports per client address and window,
  // and the size of GitHub's signed report bodies.
  reportCredentials: 1000,
  reportsPerWindow: 10,
  reportWindowMs: 60_000,
  leakBodyBytes: 512 * 1024,
});

/**
 * The deployment's settings. `PATGATE_PEPPER` is base64url (its length is the core's rule,
 * checked when the gate is built); `PATGATE_TEST_CLOCK=true` lets tests move the clock and must
 * never be set on a real deployment.
 */
export function settings(env) {
  return {
    pepper: env.PATGATE_PEPPER ? fromBase64url(env.PATGATE_PEPPER) : undefined,
    webhookUrl: env.PATGATE_WEBHOOK_URL || null,
    demoPassword: env.PATGATE_DEMO_PASSWORD || null,
    testClock: env.PATGATE_TEST_CLOCK === "true",
    // GitHub's secret-scanning keys as its meta/public_keys/secret_scanning endpoint publishes them.
    githubScanningKeys: env.PATGATE_GITHUB_SCANNING_KEYS || null,
  };
}

