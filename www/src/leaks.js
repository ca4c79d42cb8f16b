// Leak reports. GitHub's secret-scanning partner endpoint takes signed reports of tokens found in
// public code and answers in GitHub's feedback format; public revocation lets anyone report a
// credential (a token or its digest) and never says whether it was live. A live token reported
// either way is revoked at once (or flagged, by the administrator's policy) and its owner told.
import { graceUntil, reportedDigest, tokenHash, tokenStatus } from "./core.js";
import { rawSignature } from "./ecdsa.js";
import { HttpError, clientAddress, fieldValue, fromBase64, json, parseJson, readBody, readJson } from "./http.js";
import { deliver, leakedMessage, previousLeakedMessage } from "./notify.js";
import { LIMITS, settings } from "./settings.js";
import * as store from "./stores/index.js";

/** Whether the secret of a stored row that was reported (`digest`) works now: the core decides, a replaced one's grace too. */
function live(row, digest, now) {
  if (row.digest === digest) return tokenStatus(row.validFrom, row.validTo, row.revokedAt, now) === "active";
  return row.previousDigest === digest && graceUntil(row.validFrom, row.validTo, row.revokedAt, row.previousUntil, now) !== null;
}

/**
 * Acts on reports `[{ digest, url }]` (stored digests): every live token among them is flagged,
 * revoked unless the policy says otherwise, its owner told and the report audited; a reported
 * secret that a regeneration replaced, still in its grace, has its grace ended instead (the
 * token's current secret was not reported). Returns the digests that were live.
 */
async function act(env, now, reports, source) {
  const { autoRevokeLeaked } = await store.policy(env);
  const hits = new Set();
  const urls = new Map(reports.map((r) => [r.digest, r.url]));
  const digests = [...urls.keys()];
  for (let i = 0; i < digests.length; i += 50) {
    for (const row of await store.tokensByDigests(env, digests.slice(i, i + 50))) {
      const digest = urls.has(row.digest) ? row.digest : row.previousDigest;
      if (!live(row, digest, now)) continue;
      hits.add(digest);
      const url = urls.get(digest);
      if (digest === row.digest) {
        await store.recordLeak(env, now, row, { source, url, revoke: autoRevokeLeaked, notice: leakedMessage(row.displayName, url, autoRevokeLeaked) });
      } else {
        // The secret a regeneration replaced, still in its grace: only that secret is at stake.
        await store.recordPreviousLeak(env, now, row, { source, url, revoke: autoRevokeLeaked, notice: previousLeakedMessage(row.displayName, url, row.previousUntil, autoRevokeLeaked) });
      }
    }
  }
  return hits;
}

// ---- GitHub's secret-scanning partner endpoint --------------------------------------------------

let keysText = null;
let keys = new Map();

/** The verifying keys, `{ public_keys: [{ key_identifier, key (PEM) }] }`, imported once per isolate. */
async function githubKeys(env) {
  const text = settings(env).githubScanningKeys;
  if (text === keysText) return keys;
  const next = new Map();
  for (const k of text ? JSON.parse(text).public_keys ?? [] : []) {
    const der = fromBase64(k.key.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, ""));
    next.set(k.key_identifier, await crypto.subtle.importKey("spki", der, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]));
  }
  keysText = text;
  keys = next;
  return keys;
}

const unsigned = () => new HttpError(401, "invalid_signature", "the report must be signed with a GitHub secret-scanning key this deployment knows");

/** Verifies the report's signature over the raw body; 401 for anything but a valid one. */
async function verified(request, env, body) {
  const id = fieldValue(request.headers, "github-public-key-identifier");
  const signature = fieldValue(request.headers, "github-public-key-signature");
  if (!id || !signature || id.length > 256 || signature.length > 256) throw unsigned();
  const key = (await githubKeys(env)).get(id);
  if (!key) throw unsigned();
  let raw = null;
  try {
    raw = rawSignature(fromBase64(signature));
  } catch {
    // Not base64: refused below.
  }
  if (!raw || !(await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, raw, body))) throw unsigned();
}

/** `POST /_apis/tokens/leaks/github`: a signed JSON array of `{ token, type, url, source }`. */
export async function githubReport({ request, env, ctx, now }) {
  const body = await readBody(request, LIMITS.leakBodyBytes);
  await verified(request, env, body);
  const matches = parseJson(body);
  const wellFormed = Array.isArray(matches) && matches.length <= LIMITS.reportCredentials &&
    matches.every((m) => m !== null && typeof m === "object" && typeof m.token === "string" && m.token.length <= 1024 && typeof m.type === "string" && m.type.length <= 256);
  if (!wellFormed) throw new HttpError(400, "invalid_report", `the body must be an array of at most ${LIMITS.reportCredentials} { token, type, url, source } objects`);
  // Where it was found: a web address only (the portal links to it), at most 2 KiB.
  const reports = matches.map((m) => ({ ...m, digest: reportedDigest(env, m.token), url: typeof m.url === "string" && /^https:\/\//i.test(m.url) ? m.url.slice(0, 2048) : null }));
  const hits = await act(env, now, reports.filter((r) => r.digest !== null), "github");
  // A delivery run only when this report recorded a notice: a report of nothing starts no job.
  if (hits.size > 0) ctx.waitUntil(deliver(env, now));
  return json(reports.map((r) => ({ token_hash: tokenHash(r.token), token_type: r.type, label: hits.has(r.digest) ? "true_positive" : "false_positive" })));
}

// ---- public revocation ---------------------------------------------------------------------------

const ACCEPTED = { message: "Accepted. Every credential that is a live token of this deployment will be revoked." };

/**
 * `POST /_apis/tokens/revocations/public` with `{ credentials: [...] }`: tokens or digests, no
 * account. Always 202 with the same body, answered before the store is read, so neither the
 * answer nor its timing tells whether a credential was live. Limited per client address.
 */
export async function publicReport({ request, env, ctx, now }) {
  const client = clientAddress(request, env);
  const { reports, windowEnds } = await store.countReport(env, client, now);
  if (reports > LIMITS.reportsPerWindow) {
    throw new HttpError(429, "too_many_reports", "too many reports from this address; try again later", { headers: { "Retry-After": String(Math.ceil((windowEnds - now) / 1000)) } });
  }
  const { credentials } = await readJson(request, ["credentials"], 128 * 1024);
  if (!Array.isArray(credentials) || credentials.length === 0 || credentials.length > LIMITS.reportCredentials) {
    throw new HttpError(400, "invalid_field", `credentials must be a list of 1 to ${LIMITS.reportCredentials} tokens or digests`, { field: "credentials" });
  }
  const digests = credentials.map((c) => reportedDigest(env, c)).filter((d) => d !== null);
  ctx.waitUntil(act(env, now, digests.map((digest) => ({ digest, url: null })), "public").then((hits) => (hits.size > 0 ? deliver(env, now) : 0)));
  return json(ACCEPTED, 202);
}
