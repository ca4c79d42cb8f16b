// An A/B of two builds of the package, side by side in one run, for a change to the boundary:
//
//   cp -r pkg /tmp/before; (make the change; bash scripts/build-pkg.sh); cp -r pkg /tmp/after
//   node benches/js/ab.mjs /tmp/before /tmp/after [rounds]
//
// In Node both packages are imported into one process; in workerd one worker imports both
// `workerd` entries (each with its own edge module). In every round each case runs for A and for
// B back to back (which goes first alternates); a figure is the median of the B/A ratios of the
// rounds, with their range: steadier than two separate runs, or than cases far apart in a round,
// on a machine whose speed drifts. BENCHMARKS.md quotes these A/Bs for the changes it describes.
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [dirA, dirB] = process.argv.slice(2, 4).map((d) => resolve(d ?? ""));
const rounds = Number(process.argv[4] ?? 21);
if (!process.argv[3]) throw new Error("usage: node benches/js/ab.mjs <package A> <package B> [rounds]");

const A = await import(join(dirA, "node.mjs"));
const B = await import(join(dirB, "node.mjs"));
const { token, digest } = A.generateToken();
const headers = { named: A.formatBasic(token, "anything"), bearer: A.formatBearer(token) };
const NOW = Date.UTC(2026, 10, 28, 12);
// What the worker's store returns for the token, as www/src/gate.js passes it to `decide`.
const fixtures = `const headers = ${JSON.stringify(headers)}, digest = ${JSON.stringify(digest)}, now = ${NOW};
const record = {
  id: "6f1c1f9e-3c1a-4b7e-9d1e-2b4f0a1c9e77", owner: "alice", organizations: ["fabrikam"], scope: "vso.code_write vso.project",
  validFrom: now - 86_400_000, validTo: now + 30 * 86_400_000, revokedAt: null, digest,
};
const request = { now, organization: "fabrikam", requiredScope: "vso.project" };`;
// The cases, as source: the same text runs in Node and inside the worker.
const casesOf = `(pg) => {
  const gate = new pg.Gate();
  const path = (header) => () => { const p = gate.authenticate(header); return p.ok && gate.decide(p.digest, record, request).ok; };
  return {
    "Gate.verify": () => gate.verify(headers.named, digest) === 200,
    "authenticate": () => gate.authenticate(headers.named).ok,
    "path, Basic with a user-id": path(headers.named),
    "path, Bearer": path(headers.bearer),
  };
}`;

/** Each case's ns per call for A and for B in every round, the two back to back. */
async function paired(cases, time) {
  const perRound = Object.fromEntries(Object.keys(cases.A).map((name) => [name, { A: [], B: [] }]));
  for (const name of Object.keys(cases.A)) for (const build of ["A", "B"]) await time(cases[build][name]); // warm up
  for (let r = 0; r < rounds; r++) {
    const names = Object.keys(cases.A).sort(() => Math.random() - 0.5);
    for (const name of names) {
      for (const build of r % 2 ? ["A", "B"] : ["B", "A"]) perRound[name][build].push(await time(cases[build][name]));
    }
  }
  return perRound;
}

function report(title, perRound) {
  console.log(`\n${title}: B/A, the median of ${rounds} per-round ratios [range]`);
  for (const [name, { A: a, B: b }] of Object.entries(perRound)) {
    const rs = a.map((x, i) => b[i] / x).sort((x, y) => x - y);
    const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
    console.log(`  ${name.padEnd(28)} A ${median(a).toFixed(0).padStart(5)} ns  B ${median(b).toFixed(0).padStart(5)} ns  ${rs[rs.length >> 1].toFixed(3)} [${rs[0].toFixed(3)}–${rs[rs.length - 1].toFixed(3)}]`);
  }
}

// Node: both packages in this process, each case for 5,000 calls a round.
const makeCases = new Function("headers", "digest", "record", "request", `return ${casesOf};`);
const { record, request } = new Function(`${fixtures}; return { record, request };`)();
const nodeCases = {};
for (const [build, pg] of [["A", A], ["B", B]]) {
  nodeCases[build] = { ...makeCases(headers, digest, record, request)(pg), generateToken: () => pg.generateToken().token.length === 40 };
  for (const [name, fn] of Object.entries(nodeCases[build])) if (fn() !== true) throw new Error(`${build} ${name} does not grant the request`);
}
report("Node", await paired(nodeCases, (fn) => {
  let granted = 0;
  const t = process.hrtime.bigint();
  for (let i = 0; i < 5_000; i++) granted += fn() ? 1 : 0;
  const ns = Number(process.hrtime.bigint() - t) / 5_000;
  if (granted !== 5_000) throw new Error("a call did not grant the request");
  return ns;
}));
const names = Object.keys(nodeCases.A).filter((name) => name !== "generateToken"); // the edge module makes no token

// workerd: one worker importing both workerd entries, each edge module under its own name.
const source = `import * as A from "patgate-a"; import * as B from "patgate-b";
${fixtures}
const cases = { A: (${casesOf})(A), B: (${casesOf})(B) };
export default {
  fetch(req) {
    const url = new URL(req.url);
    const f = cases[url.searchParams.get("build")][url.searchParams.get("case")];
    const n = Number(url.searchParams.get("n"));
    let granted = 0;
    for (let i = 0; i < n; i++) granted += f() ? 1 : 0;
    return new Response(String(granted));
  },
};`;
const twoEdges = {
  name: "two-edge-modules",
  setup(b) {
    b.onResolve({ filter: /^patgate-[ab]$/ }, (args) => ({ path: join(args.path.endsWith("a") ? dirA : dirB, "workerd.js") }));
    b.onResolve({ filter: /edge_bg\.wasm$/ }, (args) => ({ path: args.resolveDir === dirA ? "./edge-a.wasm" : "./edge-b.wasm", external: true }));
  },
};
const bundled = await build({
  stdin: { contents: source, resolveDir: dirA, loader: "js" }, bundle: true, format: "esm", write: false,
  conditions: ["workerd"], plugins: [twoEdges], logLevel: "silent",
});
const mf = new Miniflare({
  modules: [
    { type: "ESModule", path: "/w/worker.js", contents: bundled.outputFiles[0].text },
    { type: "CompiledWasm", path: "/w/edge-a.wasm", contents: readFileSync(join(dirA, "edge_bg.wasm")) },
    { type: "CompiledWasm", path: "/w/edge-b.wasm", contents: readFileSync(join(dirB, "edge_bg.wasm")) },
  ],
  modulesRoot: "/w", cf: false, compatibilityDate: "2025-09-01",
});
// workerd stops its clocks during a request: each batch is timed from outside, minus an empty
// request's time taken right before it (as benches/js/workerd-path.mjs does).
const N = 10_000;
async function timed(build, name, n) {
  const t = process.hrtime.bigint();
  const body = await (await mf.dispatchFetch(`http://localhost/?build=${build}&case=${encodeURIComponent(name)}&n=${n}`)).text();
  if (body !== String(n)) throw new Error(`workerd ${build} ${name}: ${body} of ${n} granted`);
  return Number(process.hrtime.bigint() - t);
}
const workerdCases = Object.fromEntries(["A", "B"].map((build) => [build, Object.fromEntries(names.map((name) => [name, [build, name]]))]));
report("workerd (edge module)", await paired(workerdCases, async ([build, name]) => {
  const empty = await timed(build, name, 0);
  return ((await timed(build, name, N)) - empty) / N;
}));
await mf.dispose();
