// Module load in workerd: the time for Miniflare to start a worker and answer its first
// request, with patgate (its .wasm imported as a compiled module and instantiated) and without.
import { bundle, start } from "./workerd.js";

// The token is made here (the edge module makes none, as a gate never does); the worker checks it.
const g = (await import("../../pkg/node.mjs")).generateToken();
const withPatgate = await bundle(`import { Gate } from "patgate";
export default { fetch() { return new Response(String(new Gate().verify("Bearer " + ${JSON.stringify(g.token)}, ${JSON.stringify(g.digest)}))); } };`);
const without = await bundle(`export default { fetch() { return new Response("200"); } };`);

async function startMs(script) {
  const t = performance.now();
  const mf = start(script);
  const body = await (await mf.dispatchFetch("http://localhost/")).text();
  const ms = performance.now() - t;
  await mf.dispose();
  if (body !== "200") throw new Error("unexpected answer " + body);
  return ms;
}

const samples = { patgate: [], empty: [] };
for (let i = 0; i < 7; i++) {
  samples.patgate.push(await startMs(withPatgate));
  samples.empty.push(await startMs(without));
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const result = { patgateMs: median(samples.patgate), emptyMs: median(samples.empty) };
result.loadCostMs = result.patgateMs - result.emptyMs;
console.log(`workerd start + first response, median of 7: with patgate ${result.patgateMs.toFixed(1)} ms, empty worker ${result.emptyMs.toFixed(1)} ms → patgate's load ≈ ${result.loadCostMs.toFixed(1)} ms`);
console.log(JSON.stringify({ workerd: result }));
