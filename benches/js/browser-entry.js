// The same verify and generate comparison in a browser page (bundled by esbuild).
import * as pg from "../../pkg/browser.js";
import wasmUrl from "../../pkg/patgate_bg.wasm";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { createSHA256 } from "hash-wasm";
import { compare } from "./harness.js";
import { verifyCases, generateCases, hashWasmSha256 } from "./cases.js";

try {
  await pg.init(wasmUrl);
  const hasher = await createSHA256();
  const hashes = {
    "@noble/hashes sha256": (bytes) => nobleSha256(bytes),
    "hash-wasm (reused hasher)": hashWasmSha256(hasher),
  };
  const verify = await compare(verifyCases(pg, hashes));
  const generate = await compare(generateCases(pg, (t) => hasher.init().update(t).digest("hex")));
  window.__bench = { userAgent: navigator.userAgent, verify, generate };
} catch (e) {
  window.__bench = { error: String(e) };
}
