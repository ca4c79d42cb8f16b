// The worker's request path where the gate really runs: inside workerd, with the edge module
// the `workerd` entry imports. The worker runs a case N times per request; workerd stops its
// clocks during a request (a Spectre mitigation), so the time is taken outside, around the
// request, minus an empty request's (N = 0) taken right before it. The cases are those of the
// Node run (cases.js): one Gate.verify, authenticate, and authenticate + decide with a record.
import { bundle, start } from "./workerd.js";
import { compare, table } from "./harness.js";
import { URL_TEXT } from "./cases.js";

// The token is made outside: the edge module makes none, as a gate never does.
const pg = await import("../../pkg/node.mjs");
const { token, digest } = pg.generateToken();
const header = pg.formatBasic(token, "anything");
const NOW = Date.UTC(2026, 10, 28, 12); // a fixed instant: workerd's clock does not move in a request

const source = `import { Gate, containsToken } from "patgate";
const gate = new Gate();
const header = ${JSON.stringify(header)}, digest = ${JSON.stringify(digest)}, now = ${NOW};
const record = {
  id: "6f1c1f9e-3c1a-4b7e-9d1e-2b4f0a1c9e77", owner: "alice", organizations: ["fabrikam"], scope: "vso.code_write vso.project",
  validFrom: now - 86_400_000, validTo: now + 30 * 86_400_000, revokedAt: null, digest,
};
const request = { now, organization: "fabrikam", requiredScope: "vso.project" };
const cases = {
  verify: () => gate.verify(header, digest) === 200,
  authenticate: () => gate.authenticate(header).ok,
  path: () => { const p = gate.authenticate(header); return p.ok && gate.decide(p.digest, record, request).ok; },
  url: () => !containsToken(${JSON.stringify(URL_TEXT)}),
};
export default {
  fetch(req) {
    const url = new URL(req.url);
    const f = cases[url.searchParams.get("case")];
    const n = Number(url.searchParams.get("n"));
    let granted = 0;
    for (let i = 0; i < n; i++) granted += f() ? 1 : 0;
    return new Response(String(granted));
  },
};`;
const mf = start(await bundle(source));

const N = 20_000;
async function timed(name, n) {
  const t = process.hrtime.bigint();
  const body = await (await mf.dispatchFetch(`http://localhost/?case=${name}&n=${n}`)).text();
  const ns = Number(process.hrtime.bigint() - t);
  if (body !== String(n)) throw new Error(`${name}: ${body} of ${n} granted`);
  return ns;
}
const measured = (name) => async () => {
  const empty = await timed(name, 0);
  return ((await timed(name, N)) - empty) / N;
};

const cases = [
  { name: "Gate.verify", measure: measured("verify") },
  { name: "authenticate", measure: measured("authenticate") },
  { name: "worker path (authenticate + decide)", measure: measured("path") },
  { name: "URL check (containsToken)", measure: measured("url") },
];
const results = await compare(cases, { rounds: 15 });
await mf.dispose();
console.log(`the worker's request path in workerd (edge module, ${N.toLocaleString("en")} calls per request, an empty request's time subtracted):`);
console.log(table(results, "Gate.verify"));
console.log(JSON.stringify({ workerdPath: results }));
