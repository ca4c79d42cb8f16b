// Merges the benchmark lines into one results file and checks the targets, as ratios.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem, release } from "node:os";
import { ratio } from "./harness.js";

const [lines, out] = process.argv.slice(2);
const r = {};
for (const line of readFileSync(lines, "utf8").trim().split("\n")) {
  for (const [k, v] of Object.entries(JSON.parse(line))) r[k] = k === "native" ? { ...r[k], ...v } : v;
}
r.machine = { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), kernel: release(), node: process.version, date: new Date().toISOString() };

const PG = "patgate wasm (Gate.verify)";
const NATIVE = "native Rust core, software SHA-256 (same slices)";
const fastestJs = (v) => Object.entries(v).filter(([k]) => k !== PG && k !== NATIVE).sort((a, b) => a[1].nsPerOp - b[1].nsPerOp)[0];
const targets = [];
const GEN = "patgate wasm (generateToken, with digest)";
for (const where of ["node", "chromium"]) {
  const [name, best] = fastestJs(r[where].verify);
  const speedup = ratio(best, r[where].verify[PG]);
  targets.push({ target: `verify ≥ 1.5× faster than the fastest JS in ${where}`, measured: `${speedup.toFixed(2)}× (vs ${name})`, met: speedup >= 1.5 });
  const g = r[where].generate;
  const gen = ratio(g["JS generator + SHA-256 digest"], g[GEN]);
  const pooled = g["JS pooled generator + SHA-256 digest"];
  targets.push({
    target: `generate ≥ 2× faster than the JS generator with its digest in ${where}`,
    measured: `${gen.toFixed(2)}×` + (pooled ? `; against a pooled JS generator with its digest ${ratio(pooled, g[GEN]).toFixed(2)}×` : ""),
    met: gen >= 2,
  });
}
if (r.node.workerPath) {
  // In Node, and inside workerd (where the gate runs) when measured there: met only if both are.
  const PATH = "worker path (authenticate + decide)";
  const at = (w) => {
    const x = ratio(w[PATH], w["Gate.verify"]);
    return { x, text: `${x.toFixed(2)}× (${w[PATH].nsPerOp.toFixed(0)} vs ${w["Gate.verify"].nsPerOp.toFixed(0)} ns)` };
  };
  const inNode = at(r.node.workerPath);
  const inWorkerd = r.workerdPath ? at(r.workerdPath) : null;
  // The worker's third call, the URL check, said beside (the target counts the two the gate makes).
  const URL_CHECK = "URL check (containsToken)";
  const url = (w) => (w[URL_CHECK] ? `, + ${ratio(w[URL_CHECK], w["Gate.verify"]).toFixed(2)}× for the URL check` : "");
  targets.push({
    // The plain boundary's target (the scratch design's 1.25× is retired with it).
    target: "the worker's request path ≤ 2× one Gate.verify",
    measured: `${inNode.text}${url(r.node.workerPath)} in Node` + (inWorkerd ? `; ${inWorkerd.text}${url(r.workerdPath)} in workerd` : ""),
    met: inNode.x <= 2 && (inWorkerd === null || inWorkerd.x <= 2),
  });
}
// Against the native core timed in the same slices when there (else criterion's separate run).
const interleaved = r.node.verify[NATIVE];
const nativeSoft = interleaved?.nsPerOp ?? r.native.soft.verifyNs;
const wasmNode = r.node.verify[PG].nsPerOp;
const native = interleaved ? ratio(r.node.verify[PG], interleaved) : wasmNode / nativeSoft;
targets.push({ target: "verify within 1.5× of native Rust with software SHA-256", measured: `${native.toFixed(2)}× native soft (${wasmNode.toFixed(0)} vs ${nativeSoft.toFixed(0)} ns${interleaved ? ", interleaved in the same slices" : ", criterion"})`, met: native <= 1.5 });
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
targets.push({ target: "the edge module no larger than 68,127 B", measured: `${r.sizes.edgeWasmBytes.toLocaleString("en")} B`, met: r.sizes.edgeWasmBytes <= 68_127 });
targets.push({ target: "the module a worker imports ≤ 40 KB raw", measured: `${kb(r.sizes.edgeWasmBytes)} (the full module: ${kb(r.sizes.wasmBytes)})`, met: r.sizes.edgeWasmBytes <= 40_000 });
targets.push({ target: "the module a worker imports ≤ 16 KB gzipped", measured: `${kb(r.sizes.edgeWasmGzipBytes)} (the full module: ${kb(r.sizes.wasmGzipBytes)})`, met: r.sizes.edgeWasmGzipBytes <= 16_000 });
const load = r.node.load["patgate (import)"].median;
const crypto = r.node.load["node:crypto (import)"].median;
const firstCall = r.node.load["patgate (import + first call, which compiles and instantiates the wasm)"]?.median;
const compiled = firstCall === undefined ? "" : `; the first call then compiles and instantiates the module: import + first call ${firstCall.toFixed(1)} ms`;
targets.push({ target: "import in Node ≤ node:crypto's + 2 ms", measured: `${load.toFixed(1)} ms against ${crypto.toFixed(1)} ms${compiled}`, met: load <= crypto + 2 });
if (r.constantTime) {
  targets.push({ target: "digest comparison time independent of where digests differ (|t| < 4.5)", measured: `|t| = ${r.constantTime.ctEqT.toFixed(2)} (naive early-exit ==: ${r.constantTime.naiveT.toFixed(0)})`, met: r.constantTime.ctEqT < 4.5 });
}
// Why a target is missed, when it is, and what would close it.
const WHY = {
  "verify ≥ 1.5×": "Both sides spend most of their time in one SHA-256 block computed in wasm (hash-wasm is wasm too); what is left to patgate is the crossing (the digest and header copied into wasm memory, a status back).",
  "generate ≥ 2×": "Met against the per-call JavaScript generator; a JavaScript generator that pools getRandomValues as patgate does has node:crypto's native SHA-256, and both are then bound by the string work.",
  "the worker's request path": "authenticate costs one verify plus the digest the store lookup needs, turned into a string (a TextDecoder call: 0.1 µs in Node, 0.2 µs in workerd); decide costs what is left: the stored digest copied in and decoded, the 12-scalar call, the checks and the grant object. A store keeping digests as 32-byte blobs would save the digest's string and its decode (a schema change).",
  "verify within 1.5×": "Native Rust has 64-bit arithmetic and no crossing; on this VM the ratio moves between runs and within one (single rounds from 0.6× to 4.4×), since the native loop runs in its own process beside Node's.",
  "the module a worker imports ≤ 40 KB raw": "The edge module holds the gate alone (no portal views, nothing that makes or hands out a token), built without std and with SIMD. Of its 70.6 KB (twiggy): wasm-bindgen's export shims with the export bodies inlined into them 17.3 KB (the Policy API's among them), data 16.2 KB (messages, the scope table, panic locations), base64 built for speed 6.6 KB, the core's own functions 13.2 KB, talc and alloc 4.7 KB, SHA-256 3.3 KB. 40 KB would need the Policy API in a second module, fewer fallback exports, and base64 built for size.",
  "the module a worker imports ≤ 16 KB": "As for the raw size.",
  "import in Node": "Importing is reading and evaluating one 40 KB JavaScript file (the glue and the Gate wrapper); the module compiles on first use. The 2 ms margin is within this VM's noise between processes.",
};
for (const t of targets) if (!t.met) t.why = Object.entries(WHY).find(([k]) => t.target.startsWith(k))?.[1];
r.targets = targets;
writeFileSync(out, JSON.stringify(r, null, 2) + "\n");
for (const t of targets) console.log(`${t.met ? "met   " : "MISSED"}  ${t.target}: ${t.measured}`);
console.log(`results: ${out}`);
