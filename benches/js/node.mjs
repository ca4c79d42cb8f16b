// Verify and generate in Node: patgate's wasm against JavaScript with node:crypto,
// @noble/hashes, hash-wasm and WebCrypto; and module load times in fresh processes.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { createSHA256 } from "hash-wasm";
import * as pg from "../../pkg/node.mjs";
import { compare, table } from "./harness.js";
import { verifyCases, generateCases, hashWasmSha256, workerPathCases } from "./cases.js";

const hasher = await createSHA256();
const hashes = {
  "node:crypto createHash": (bytes) => createHash("sha256").update(bytes).digest(),
  "@noble/hashes sha256": (bytes) => nobleSha256(bytes),
  "hash-wasm (reused hasher)": hashWasmSha256(hasher),
};

const verify = await compare(verifyCases(pg, hashes));
console.log("verify (Node " + process.version + "):\n" + table(verify, "patgate wasm (Gate.verify)"));
const workerPath = await compare(workerPathCases(pg));
console.log("the worker's request path (Node):\n" + table(workerPath, "Gate.verify"));
const generate = await compare(generateCases(pg, (t) => createHash("sha256").update(t).digest("base64url")));
console.log("generate (Node):\n" + table(generate, "patgate wasm (generateToken, with digest)"));

/** Median of fresh-process import times, in ms. */
function loadMs(specifier, after = "") {
  const code = `const t=performance.now(); const m=await import(${JSON.stringify(specifier)}); ${after}; console.log(performance.now()-t)`;
  const xs = [];
  for (let i = 0; i < 15; i++) xs.push(Number(execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: new URL(".", import.meta.url).pathname, encoding: "utf8" })));
  xs.sort((a, b) => a - b);
  return { median: xs[7], min: xs[0], max: xs[14] };
}
const pkg = new URL("../../pkg/node.mjs", import.meta.url).href;
const load = {
  "patgate (import, wasm compiled and instantiated)": loadMs(pkg),
  "@noble/hashes/sha2.js (import)": loadMs("@noble/hashes/sha2.js"),
  "hash-wasm (import + createSHA256)": loadMs("hash-wasm", "await m.createSHA256()"),
  "node:crypto (import)": loadMs("node:crypto"),
};
console.log("load in Node, median of 15 fresh processes (ms):");
for (const [k, v] of Object.entries(load)) console.log(`  ${k.padEnd(50)} ${v.median.toFixed(2)}  [${v.min.toFixed(2)}–${v.max.toFixed(2)}]`);
console.log(JSON.stringify({ node: { version: process.version, verify, workerPath, generate, load } }));
