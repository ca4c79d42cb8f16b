// Sizes: the shipped .wasm raw and gzipped, the npm tarball, and each alternative's
// JavaScript for the verify path bundled and minified by esbuild.
import { build } from "esbuild";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

const here = new URL(".", import.meta.url).pathname;
const root = join(here, "../..");
const gz = (b) => gzipSync(b, { level: 9 }).length;
const wasm = readFileSync(join(root, "pkg/patgate_bg.wasm"));
const edge = readFileSync(join(root, "pkg/edge_bg.wasm")); // what the workerd entry imports
const tgz = execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: join(root, "pkg"), encoding: "utf8" });
const tarball = JSON.parse(tgz)[0].size;

async function bundled(contents) {
  const r = await build({ stdin: { contents, resolveDir: here, loader: "js" }, bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent", loader: { ".wasm": "file" }, outdir: "/tmp/x" });
  const js = r.outputFiles.filter((f) => f.path.endsWith(".js")).map((f) => f.contents);
  const bytes = Buffer.concat(js);
  return { js: bytes.length, jsGzip: gz(bytes) };
}
const alternatives = {
  "patgate (browser entry; plus the .wasm)": await bundled(`import { init, Gate } from "../../pkg/browser.js"; export { init, Gate };`),
  "JS + @noble/hashes": await bundled(`import { sha256 } from "@noble/hashes/sha2.js"; import { verifierWith } from "./alternatives.js"; export const v = verifierWith(sha256);`),
  "JS + hash-wasm (wasm inlined as base64 by the package)": await bundled(`import { createSHA256 } from "hash-wasm"; import { verifierWith } from "./alternatives.js"; export { createSHA256, verifierWith };`),
  "JS + WebCrypto": await bundled(`export { verifyWebCrypto } from "./alternatives.js";`),
};
const result = { wasmBytes: wasm.length, wasmGzipBytes: gz(wasm), edgeWasmBytes: edge.length, edgeWasmGzipBytes: gz(edge), tarballBytes: tarball, bundles: alternatives };
console.log(`shipped .wasm: ${result.wasmBytes} B raw, ${result.wasmGzipBytes} B gzip; the edge module (workerd): ${result.edgeWasmBytes} B raw, ${result.edgeWasmGzipBytes} B gzip; npm tarball ${tarball} B`);
for (const [k, v] of Object.entries(alternatives)) console.log(`  ${k.padEnd(56)} ${String(v.js).padStart(7)} B JS, ${String(v.jsGzip).padStart(6)} B gzip`);
console.log(JSON.stringify({ sizes: result }));
