// Merges the benchmark lines into one results file and checks the targets, as ratios.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem, release } from "node:os";

const [lines, out] = process.argv.slice(2);
const r = {};
for (const line of readFileSync(lines, "utf8").trim().split("\n")) {
  for (const [k, v] of Object.entries(JSON.parse(line))) r[k] = k === "native" ? { ...r[k], ...v } : v;
}
r.machine = { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), kernel: release(), node: process.version, date: new Date().toISOString() };

const PG = "patgate wasm (Gate.verify)";
const fastestJs = (v) => Object.entries(v).filter(([k]) => k !== PG).sort((a, b) => a[1].nsPerOp - b[1].nsPerOp)[0];
const targets = [];
const GEN = "patgate wasm (generateToken, with digest)";
for (const where of ["node", "chromium"]) {
  const [name, best] = fastestJs(r[where].verify);
  const speedup = best.nsPerOp / r[where].verify[PG].nsPerOp;
  targets.push({ target: `verify ≥ 1.5× faster than the fastest JS in ${where}`, measured: `${speedup.toFixed(2)}× (vs ${name})`, met: speedup >= 1.5 });
  const g = r[where].generate;
  const gen = g["JS generator + SHA-256 digest"].nsPerOp / g[GEN].nsPerOp;
  const pooled = g["JS pooled generator + SHA-256 digest"];
  targets.push({
    target: `generate ≥ 2× faster than the JS generator with its digest in ${where}`,
    measured: `${gen.toFixed(2)}×` + (pooled ? `; against a pooled JS generator with its digest ${(pooled.nsPerOp / g[GEN].nsPerOp).toFixed(2)}×` : ""),
    met: gen >= 2,
  });
}
if (r.node.workerPath) {
  const w = r.node.workerPath;
  const ratio = w["worker path (authenticate + decide)"].nsPerOp / w["Gate.verify"].nsPerOp;
  targets.push({ target: "the worker's request path ≤ 1.25× one Gate.verify", measured: `${ratio.toFixed(2)}× (${w["worker path (authenticate + decide)"].nsPerOp.toFixed(0)} vs ${w["Gate.verify"].nsPerOp.toFixed(0)} ns)`, met: ratio <= 1.25 });
}
const nativeSoft = r.native.soft.verifyNs;
const wasmNode = r.node.verify[PG].nsPerOp;
targets.push({ target: "verify within 1.5× of native Rust with software SHA-256", measured: `${(wasmNode / nativeSoft).toFixed(2)}× native soft (${wasmNode.toFixed(0)} vs ${nativeSoft.toFixed(0)} ns)`, met: wasmNode <= 1.5 * nativeSoft });
targets.push({ target: "shipped .wasm ≤ 40 KB raw", measured: `${(r.sizes.wasmBytes / 1000).toFixed(1)} KB`, met: r.sizes.wasmBytes <= 40_000 });
targets.push({ target: "shipped .wasm ≤ 16 KB gzipped", measured: `${(r.sizes.wasmGzipBytes / 1000).toFixed(1)} KB`, met: r.sizes.wasmGzipBytes <= 16_000 });
const load = r.node.load["patgate (import, wasm compiled and instantiated)"].median;
const crypto = r.node.load["node:crypto (import)"].median;
targets.push({ target: "import in Node ≤ node:crypto's + 2 ms", measured: `${load.toFixed(1)} ms against ${crypto.toFixed(1)} ms`, met: load <= crypto + 2 });
if (r.constantTime) {
  targets.push({ target: "digest comparison time independent of where digests differ (|t| < 4.5)", measured: `|t| = ${r.constantTime.ctEqT.toFixed(2)} (naive early-exit ==: ${r.constantTime.naiveT.toFixed(0)})`, met: r.constantTime.ctEqT < 4.5 });
}
// Why a target is missed, when it is, and what would close it.
const WHY = {
  "verify ≥ 1.5×": "Both sides are dominated by SHA-256 of one block: wasm's software SHA-256 is level with hash-wasm's (also wasm), and the header and digest still cross as strings. Closing it needs SHA-256 faster than hash-wasm's in wasm (SIMD message schedule) or the digest passed as bytes.",
  "generate ≥ 2×": "Met against the per-call JavaScript generator; against a JavaScript generator that pools getRandomValues as patgate does, both are bound by SHA-256 and the string work, and they are level.",
  "the worker's request path": "authenticate costs about one verify (the same SHA-256); decide still decodes two digests, parses the stored scope list and builds the grant object. Closing it: pass the stored record as a compact typed array (scope mask, times) read once from the store, and keep the presented digest's bytes from authenticate for decide.",
  "verify within 1.5×": "The native number is the core alone; the wasm number adds the string transfers into wasm memory and wasm's slower 32-bit arithmetic in SHA-256.",
  "shipped .wasm ≤ 40 KB raw": "One module serves every face: the portal's catalog titles, the Policy and scope APIs, dlmalloc, std's formatting, and SHA-256 and base64 built at opt-level 3 for speed. Closing it: a second, worker-only build (Gate, checkToken, isDigest, pepperDigest) for the workerd entry.",
  "shipped .wasm ≤ 16 KB": "As for the raw size.",
  "import in Node": "Node's ESM loader resolving the package's conditional exports and reading its files, plus compiling the module; a worker-only module would halve the compile.",
};
for (const t of targets) if (!t.met) t.why = Object.entries(WHY).find(([k]) => t.target.startsWith(k))?.[1];
r.targets = targets;
writeFileSync(out, JSON.stringify(r, null, 2) + "\n");
for (const t of targets) console.log(`${t.met ? "met   " : "MISSED"}  ${t.target}: ${t.measured}`);
console.log(`results: ${out}`);
