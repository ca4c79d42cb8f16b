// A worker for the workerd benchmarks: a source importing "patgate" bundled as wrangler would
// (the `workerd` condition, the edge module kept as a compiled wasm import), run by Miniflare.
import { Miniflare } from "miniflare";
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const here = new URL(".", import.meta.url).pathname;
const wasm = readFileSync(join(here, "../../pkg/edge_bg.wasm")); // what the workerd entry imports

/** `source` as one ES module, with "patgate" resolved to the package's workerd entry. */
export async function bundle(source) {
  const r = await build({
    stdin: { contents: source, resolveDir: here, loader: "js" }, bundle: true, format: "esm", write: false,
    conditions: ["workerd"], external: ["*.wasm"], logLevel: "silent",
    alias: { patgate: join(here, "../../pkg/workerd.js") },
  });
  return r.outputFiles[0].text.replace(/from\s*"[^"]*edge_bg\.wasm"/, 'from "./edge_bg.wasm"');
}

/** A Miniflare running the bundled `script` (with the edge module when it imports it). */
export function start(script) {
  const modules = [{ type: "ESModule", path: "/w/worker.js", contents: script }];
  if (script.includes("edge_bg.wasm")) modules.push({ type: "CompiledWasm", path: "/w/edge_bg.wasm", contents: wasm });
  return new Miniflare({ modules, modulesRoot: "/w", cf: false, compatibilityDate: "2025-09-01" });
}
