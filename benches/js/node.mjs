// Verify and generate in Node: patgate's wasm against JavaScript with node:crypto,
// @noble/hashes, hash-wasm and WebCrypto; and module load times in fresh processes.
import { createHash } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
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

// The native core with software SHA-256, in its own process, timed in the same slices and rounds.
const nativeLoop = new URL("../../target/soft-sha/release/examples/verify_loop", import.meta.url).pathname;
const native = existsSync(nativeLoop) ? nativeVerifier(nativeLoop) : null;
const verify = await compare([...verifyCases(pg, hashes), ...(native ? [native.case] : [])]);
native?.close();
console.log("verify (Node " + process.version + "):\n" + table(verify, "patgate wasm (Gate.verify)"));
const workerPath = await compare(workerPathCases(pg));
console.log("the worker's request path (Node):\n" + table(workerPath, "Gate.verify"));
const generate = await compare(generateCases(pg, (t) => createHash("sha256").update(t).digest("base64url")));
console.log("generate (Node):\n" + table(generate, "patgate wasm (generateToken, with digest)"));

/** The native loop (examples/verify_loop.rs) as a benchmark case: one line out per slice asked. */
function nativeVerifier(path) {
  const child = spawn(path, [], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const measure = async (ms) => {
    child.stdin.write(`${Math.round(ms)}\n`);
    return Number((await lines.next()).value);
  };
  return { case: { name: "native Rust core, software SHA-256 (same slices)", measure }, close: () => child.stdin.end() };
}

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
  "patgate (import)": loadMs(pkg),
  "patgate (import + first call, which compiles and instantiates the wasm)": loadMs(pkg, "m.checkToken('')"),
  "@noble/hashes/sha2.js (import)": loadMs("@noble/hashes/sha2.js"),
  "hash-wasm (import + createSHA256)": loadMs("hash-wasm", "await m.createSHA256()"),
  "node:crypto (import)": loadMs("node:crypto"),
};
console.log("load in Node, median of 15 fresh processes (ms):");
for (const [k, v] of Object.entries(load)) console.log(`  ${k.padEnd(50)} ${v.median.toFixed(2)}  [${v.min.toFixed(2)}–${v.max.toFixed(2)}]`);
console.log(JSON.stringify({ node: { version: process.version, verify, workerPath, generate, load } }));
