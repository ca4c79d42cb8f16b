// The benchmark cases, shared by Node and the browser: one token and header for all.
import { verifierWith, plainVerifierWith, verifyWebCrypto, generateJs, generateJsPooled } from "./alternatives.js";

/** SHA-256 with one reused hash-wasm hasher, as its documentation recommends for speed. */
export function hashWasmSha256(hasher) {
  return (bytes) => {
    hasher.init();
    hasher.update(bytes);
    return hasher.digest("binary");
  };
}

/** `pg` is the patgate module; `hashes` maps a name to a synchronous SHA-256 of bytes. */
export function verifyCases(pg, hashes) {
  const { token, digest } = pg.generateToken();
  const header = pg.formatBasic(token, "anything");
  const gate = new pg.Gate();
  const cases = [{ name: "patgate wasm (Gate.verify)", batch: 200, fn: () => gate.verify(header, digest) === 200 }];
  for (const [name, sha256] of Object.entries(hashes)) {
    const verify = verifierWith(sha256);
    cases.push({ name: `JS + ${name}`, batch: 200, fn: () => verify(header, digest) });
  }
  if (hashes["hash-wasm (reused hasher)"]) {
    const plain = plainVerifierWith(hashes["hash-wasm (reused hasher)"]);
    cases.push({ name: "plain JS + hash-wasm (no strict checks)", batch: 200, fn: () => plain(header, digest) });
  }
  cases.push({ name: "JS + WebCrypto subtle.digest", batch: 50, async: true, fn: () => verifyWebCrypto(header, digest) });
  for (const c of cases) if (!c.async && c.fn() !== true) throw new Error(`${c.name} does not verify the token`);
  return cases;
}

export function generateCases(pg, digestJs) {
  return [
    { name: "patgate wasm (generateToken, with digest)", batch: 100, fn: () => pg.generateToken().token.length === 40 },
    { name: "JS generator (getRandomValues+base62+CRC-32)", batch: 100, fn: () => generateJs().length === 40 },
    { name: "JS generator + SHA-256 digest", batch: 100, fn: () => digestJs(generateJs()).length > 0 },
    { name: "JS pooled generator + SHA-256 digest", batch: 100, fn: () => digestJs(generateJsPooled()).length > 0 },
  ];
}

/**
 * The worker's request path as www/src/gate.js runs it (authenticate, then decide on the
 * record its store lookup returns), beside one `Gate.verify` of the same header.
 */
/** A protected request's URL as the worker hands it to `containsToken` (www/src/protected.js). */
export const URL_TEXT = ["", "fabrikam", "_apis", "build", "builds", "api-version", "7.1"].join("\n");

export function workerPathCases(pg) {
  const { token, digest } = pg.generateToken();
  const header = pg.formatBasic(token, "anything");
  const gate = new pg.Gate();
  const now = Date.now();
  const record = {
    id: "6f1c1f9e-3c1a-4b7e-9d1e-2b4f0a1c9e77", owner: "alice", organizations: ["fabrikam"], scope: "vso.code_write vso.project",
    validFrom: now - 86_400_000, validTo: now + 30 * 86_400_000, revokedAt: null, digest,
  };
  const request = { now, organization: "fabrikam", requiredScope: "vso.project" };
  const path = () => {
    const presented = gate.authenticate(header);
    return presented.ok && gate.decide(presented.digest, record, request).ok;
  };
  const cases = [
    { name: "Gate.verify", batch: 200, fn: () => gate.verify(header, digest) === 200 },
    { name: "worker path (authenticate + decide)", batch: 200, fn: path },
    { name: "authenticate", batch: 200, fn: () => gate.authenticate(header).ok },
    // The worker's third call: the URL (its path's segments and query, a line each) has no token.
    { name: "URL check (containsToken)", batch: 200, fn: () => !pg.containsToken(URL_TEXT) },
  ];
  for (const c of cases) if (c.fn() !== true) throw new Error(`${c.name} does not grant the request`);
  return cases;
}
