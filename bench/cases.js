// The benchmark cases, shared by Node and the browser: one token and header for all.
import { verifierWith, verifyWebCrypto, generateJs } from "./alternatives.js";

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
  cases.push({ name: "JS + WebCrypto subtle.digest", batch: 50, async: true, fn: () => verifyWebCrypto(header, digest) });
  for (const c of cases) if (!c.async && c.fn() !== true) throw new Error(`${c.name} does not verify the token`);
  return cases;
}

export function generateCases(pg, digestJs) {
  return [
    { name: "patgate wasm (generateToken, with digest)", batch: 100, fn: () => pg.generateToken().token.length === 40 },
    { name: "JS generator (getRandomValues+base62+CRC-32)", batch: 100, fn: () => generateJs().length === 40 },
    { name: "JS generator + SHA-256 digest", batch: 100, fn: () => digestJs(generateJs()).length > 0 },
  ];
}
