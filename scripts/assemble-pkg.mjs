// Composes the npm package `patgate` in pkg/ from wasm-bindgen's `--target web` output: the full
// module (patgate_bg.wasm) with a thin entry per runtime chosen by conditional exports, and the
// edge module (edge_bg.wasm, built without the `portal` feature) that the workerd entry loads.
// Usage: node scripts/assemble-pkg.mjs <full out dir> <edge out dir> <pkg dir>
import { readFileSync, writeFileSync, copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";

const [from, edgeFrom, to] = process.argv.slice(2);
const root = new URL("..", import.meta.url).pathname;
const read = (...p) => readFileSync(join(...p), "utf8");
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });

const glue = read(from, "patgate.js").replace(/^\/\* @ts-self-types=.*\*\/\n/, "");
const functions = [...glue.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
const classes = [...glue.matchAll(/^export class (\w+)/gm)].map((m) => m[1]);
// The wasm halves stay internal; the package exports js/gate.js's Gate and js/generate.js's
// generateToken over them.
const internal = ["GateCore", "generateTokenText"];
const wrapped = { classes: ["Gate"], functions: ["generateToken"] };
for (const name of internal) if (![...classes, ...functions].includes(name)) throw new Error(`unexpected glue: ${name} not found`);
const publicClasses = [...classes.filter((c) => !internal.includes(c)), ...wrapped.classes];
const publicFunctions = [...functions.filter((f) => !internal.includes(f)), ...wrapped.functions];
const fromGlue = [...classes, ...functions].filter((n) => !internal.includes(n)).sort();
const names = [...publicClasses, ...publicFunctions].sort();

writeFileSync(join(to, "patgate.js"), glue);
copyFileSync(join(from, "patgate_bg.wasm"), join(to, "patgate_bg.wasm"));
// CommonJS copy of the same glue for `require` (its async loader, which needs import.meta, is unused there).
const cjs = buildSync({ stdin: { contents: glue, loader: "js" }, format: "cjs", write: false, logLevel: "silent" });
writeFileSync(join(to, "patgate.cjs"), cjs.outputFiles[0].text);
writeFileSync(join(to, "exports.json"), JSON.stringify(names) + "\n");
for (const name of ["gate", "generate"]) {
  const built = buildSync({ stdin: { contents: read(root, `js/${name}.js`), loader: "js" }, format: "cjs", write: false, logLevel: "silent" });
  writeFileSync(join(to, `${name}.cjs`), built.outputFiles[0].text);
}
writeFileSync(join(to, "api.js"), read(root, "js/api.js").replace("/*NAMES*/", fromGlue.join(",\n  ")));
for (const entry of ["workerd.js", "workerd-full.js", "deno.js", "gate.js", "generate.js"]) copyFileSync(join(root, "js", entry), join(to, entry));

// The edge module: its own glue, the same Gate wrapper bound to it, and the API it has.
const edgeGlue = read(edgeFrom, "edge.js").replace(/^\/\* @ts-self-types=.*\*\/\n/, "");
const edgeGlueNames = [...edgeGlue.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]);
const edgeNames = edgeGlueNames.filter((n) => !internal.includes(n)).sort();
const edgeWrapped = wrapped.classes; // the edge module has no generator
const dropped = [...fromGlue, ...wrapped.functions].filter((n) => !edgeNames.includes(n));
writeFileSync(join(to, "edge.js"), edgeGlue);
copyFileSync(join(edgeFrom, "edge_bg.wasm"), join(to, "edge_bg.wasm"));
writeFileSync(
  join(to, "edge-api.js"),
  `// The edge module's API: the full package's less ${dropped.join(", ")}.\nexport {\n  ${edgeNames.join(",\n  ")}\n} from "./edge.js";\n` +
    `import { GateCore } from "./edge.js";\nimport { defineGate } from "./gate.js";\n\nexport const Gate = defineGate(GateCore);\n`,
);

// Browser and Node entries: each export first runs `hook` — the browser's check that init() has
// finished (so an early call says so clearly), Node's load on first use.
const wrappersWith = (hook, from) => [
  ...publicClasses.map((c) => `export class ${c} extends ${from}.${c} {\n  constructor(...args) {\n    ${hook}();\n    super(...args);\n  }\n}`),
  ...publicFunctions.map((f) => `export function ${f}(...args) {\n  ${hook}();\n  return ${from}.${f}(...args);\n}`),
];
writeFileSync(join(to, "browser.js"), read(root, "js/browser.js").replace("/*EXPORTS*/", wrappersWith("guard", "api").join("\n\n") + "\n"));
// Node's ESM entry is one file (the glue and the Gate wrapper bundled in): each module a cold
// process resolves and reads costs it about a millisecond.
const nodeEntry = read(root, "js/node.mjs").replace("/*EXPORTS*/", wrappersWith("load", "api").join("\n\n") + "\n");
const nodeBundle = buildSync({ stdin: { contents: nodeEntry, resolveDir: to, sourcefile: "node.mjs", loader: "js" }, bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent" });
writeFileSync(join(to, "node.mjs"), nodeBundle.outputFiles[0].text);
const cjsWrappers = wrappersWith("load", "api").map((w) => w.replace(/^export (class|function) (\w+)/, "exports.$2 = $1 $2"));
const cjsApi = `const api = {};\nfor (const name of ${JSON.stringify(names)}) api[name] = name === "Gate" ? Gate : name === "generateToken" ? generateToken : glue[name];`;
writeFileSync(join(to, "node.cjs"), read(root, "js/node.cjs").replace("/*EXPORTS*/", cjsApi + "\n\n" + cjsWrappers.join(";\n\n") + ";\n"));

// Types: each module's own declarations (its wasm halves are not typed: skip_typescript), the
// wrappers' (js/gate.d.ts, js/generate.d.ts), and one `init` for every runtime.
const INIT = `
/**
 * What \`init\` can load the module from; by default \`patgate_bg.wasm\` next to the entry: a URL
 * (or its text), a fetch \`Response\`, the bytes, or a compiled \`WebAssembly.Module\`. Written
 * without the DOM's types, so a project without the DOM library type-checks.
 */
export type InitInput = string | { readonly href: string } | { arrayBuffer(): Promise<ArrayBuffer> } | ArrayBuffer | ArrayBufferView | object;

/**
 * Loads the module. Browsers and bundlers must await it once before any other call. Node loads
 * it on first use (this loads it now); in Deno and Cloudflare Workers it is ready at import and
 * this resolves at once.
 */
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;
`;
// The module's API: its declarations up to wasm-bindgen's loader (replaced by INIT), without
// `[Symbol.dispose]` (it needs TypeScript's esnext lib; `free()` does the same and types everywhere).
const declared = (dts) => dts.slice(0, dts.indexOf("export type InitInput")).replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, "");
for (const file of [join(from, "patgate.d.ts"), join(edgeFrom, "edge.d.ts")]) {
  for (const name of internal) if (new RegExp(`export \\w+ ${name}\\b`).test(declared(read(file)))) throw new Error(`unexpected glue types: ${name} is typed in ${file}`);
}
const wrappers = (...names) => names.map((n) => read(root, `js/${n}.d.ts`)).join("\n");
writeFileSync(join(to, "index.d.ts"), declared(read(from, "patgate.d.ts")) + "\n" + wrappers("gate", "generate") + INIT);
writeFileSync(join(to, "edge.d.ts"), declared(read(edgeFrom, "edge.d.ts")) + "\n" + wrappers("gate") + INIT);
writeFileSync(join(to, "edge-exports.json"), JSON.stringify([...edgeNames, ...edgeWrapped].sort()) + "\n");

const cargo = read(root, "Cargo.toml");
const version = cargo.match(/^version = "(.+)"/m)[1];
const manifest = JSON.parse(read(root, "js/package.json"));
manifest.version = version;
writeFileSync(join(to, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
copyFileSync(join(root, "js/README.md"), join(to, "README.md"));
copyFileSync(join(root, "LICENSE"), join(to, "LICENSE"));
console.log(`pkg: ${names.length} exports (edge: ${names.length - dropped.length}), version ${version}`);
