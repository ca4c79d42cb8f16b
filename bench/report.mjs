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
for (const where of ["node", "chromium"]) {
  const [name, best] = fastestJs(r[where].verify);
  const speedup = best.nsPerOp / r[where].verify[PG].nsPerOp;
  targets.push({ target: `verify ≥ 3× faster than the fastest JS in ${where}`, measured: `${speedup.toFixed(2)}× (vs ${name})`, met: speedup >= 3 });
  const g = r[where].generate;
  const gen = g["JS generator (getRandomValues+base62+CRC-32)"].nsPerOp / g["patgate wasm (generateToken, with digest)"].nsPerOp;
  targets.push({ target: `generate ≥ 3× faster than the JS generator in ${where}`, measured: `${gen.toFixed(2)}×`, met: gen >= 3 });
}
const nativeSoft = r.native.soft.verifyNs;
const wasmNode = r.node.verify[PG].nsPerOp;
targets.push({ target: "verify within 2× of native Rust with software SHA-256", measured: `${(wasmNode / nativeSoft).toFixed(2)}× native soft (${wasmNode.toFixed(0)} vs ${nativeSoft.toFixed(0)} ns)`, met: wasmNode <= 2 * nativeSoft });
targets.push({ target: "shipped .wasm ≤ 40 KB raw", measured: `${(r.sizes.wasmBytes / 1000).toFixed(1)} KB`, met: r.sizes.wasmBytes <= 40_000 });
targets.push({ target: "shipped .wasm ≤ 16 KB gzipped", measured: `${(r.sizes.wasmGzipBytes / 1000).toFixed(1)} KB`, met: r.sizes.wasmGzipBytes <= 16_000 });
const load = r.node.load["patgate (import, wasm compiled and instantiated)"].median;
targets.push({ target: "module load ≤ 3 ms in Node", measured: `${load.toFixed(1)} ms (node:crypto import alone: ${r.node.load["node:crypto (import)"].median.toFixed(1)} ms)`, met: load <= 3 });
if (r.constantTime) {
  targets.push({ target: "digest comparison time independent of where digests differ (|t| < 4.5)", measured: `|t| = ${r.constantTime.ctEqT.toFixed(2)} (naive early-exit ==: ${r.constantTime.naiveT.toFixed(0)})`, met: r.constantTime.ctEqT < 4.5 });
}
// Why a target is missed, when it is (kept with the numbers, as the issue asks).
const WHY = {
  "verify ≥ 3×": "Each call crosses the JS/wasm boundary twice with strings (TextEncoder into wasm memory) and V8 already runs well-written JS fast; the wasm SHA-256 is software (no SHA instructions in wasm). In Chromium the JS alternatives pay more for atob/TextDecoder and the target is met.",
  "generate ≥ 3×": "patgate's generateToken also computes the SHA-256 digest and builds a JS object field by field; the JS generator is a few getRandomValues and string operations that V8 optimises well. Against the JS generator plus a digest the gap is smaller (see the table).",
  "verify within 2×": "The native number is the core alone; the wasm number includes two string transfers into wasm memory per call and the JS wrapper, which cost as much as the work itself at this size.",
  "shipped .wasm ≤ 40 KB raw": "The module holds the whole scope catalog (≈3.5 KB of names), fixed messages, dlmalloc (≈7 KB), std's panic and formatting machinery that stable Rust cannot drop (a nightly -Zbuild-std with immediate-abort measured 69 KB), and sha2/base64 built at opt-level 3 for speed (+6 KB).",
  "shipped .wasm ≤ 16 KB": "As for the raw size.",
  "module load ≤ 3 ms": "Most of the time is Node's ESM loader resolving the package's conditional exports and reading four files, not the wasm: compiling and instantiating the 85 KB module alone measures 2–5 ms; importing node:crypto alone takes ~10 ms in the same fresh processes.",
};
for (const t of targets) if (!t.met) t.why = Object.entries(WHY).find(([k]) => t.target.startsWith(k))?.[1];
r.targets = targets;
writeFileSync(out, JSON.stringify(r, null, 2) + "\n");
for (const t of targets) console.log(`${t.met ? "met   " : "MISSED"}  ${t.target}: ${t.measured}`);
console.log(`results: ${out}`);
