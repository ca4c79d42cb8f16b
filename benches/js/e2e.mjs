// End to end through the gate on the local worker (wrangler dev, workerd, D1 on disk):
// a protected route (/{org}/_apis/build/builds: header → wasm → D1 lookup → verdict) against an
// unprotected one (/_apis/health), interleaved, with autocannon on 127.0.0.1, bounded in time.
import autocannon from "autocannon";
import { rmSync } from "node:fs";
import { Worker, Client } from "../../tests/www/harness.mjs";

const worker = new Worker("bench-e2e");
rmSync(worker.state, { recursive: true, force: true });
await worker.start();
try {
  const c = new Client(worker);
  await c.signIn("alice");
  const t = await c.createToken({ scope: "vso.build" });
  const authorization = "Basic " + Buffer.from(`anything:${t.token}`).toString("base64");
  const routes = {
    protected: { url: `${worker.base}/fabrikam/_apis/build/builds`, headers: { authorization } },
    unprotected: { url: `${worker.base}/_apis/health`, headers: {} },
  };
  const runs = { protected: [], unprotected: [] };
  for (let round = 0; round < 3; round++) {
    for (const name of round % 2 ? ["unprotected", "protected"] : ["protected", "unprotected"]) {
      const r = await autocannon({ ...routes[name], connections: 8, duration: 4 });
      if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      runs[name].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total });
    }
  }
  const median = (xs, k) => xs.map((x) => x[k]).sort((a, b) => a - b)[xs.length >> 1];
  const summary = Object.fromEntries(Object.entries(runs).map(([k, xs]) => [k, { rps: median(xs, "rps"), p50Ms: median(xs, "p50"), p99Ms: median(xs, "p99"), rounds: xs }]));
  summary.ratio = summary.protected.rps / summary.unprotected.rps;
  for (const k of ["protected", "unprotected"]) console.log(`  ${k.padEnd(12)} ${summary[k].rps.toFixed(0)} req/s, p50 ${summary[k].p50Ms} ms, p99 ${summary[k].p99Ms} ms`);
  console.log(`  protected/unprotected throughput: ${summary.ratio.toFixed(2)}`);
  console.log(JSON.stringify({ e2e: summary }));
} finally {
  await worker.stop();
}
