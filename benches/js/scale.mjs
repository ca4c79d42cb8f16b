// patgate at scale, side by side in one run: a store of a million tokens (three users with 50,000
// each, 100,000 ending within the week) against one of a hundred, each behind its own local worker
// (wrangler dev, workerd, D1 on disk), measured interleaved: the gate's protected request (p50,
// p99), list pages with filters and keyset continuation (a heavy user's, an organization's),
// revoke-all of 50,000 tokens, and the hourly expiry scan with 100,000 tokens in the window.
// Usage: node benches/js/scale.mjs [tokens, default 1000000]
import autocannon from "autocannon";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Client, Worker, root } from "../../tests/www/harness.mjs";

const TOKENS = Number(process.argv[2] ?? 1_000_000);
const CONFIG = "test/wrangler.scheduled.toml"; // no static assets: wrangler 4.86 dispatches cron only then

/** A worker whose store holds the demo plus `tokens` synthetic tokens. */
async function store(name, tokens, expiring, heavy) {
  const w = new Worker(name, { config: CONFIG });
  rmSync(w.state, { recursive: true, force: true });
  await w.start();
  await fetch(`${w.base}/_apis/policies`); // the demo accounts
  await w.stop();
  const seeded = execFileSync("python3", [join(root, "scripts/seed.py"), "--state", w.state, "--tokens", String(tokens), "--expiring", String(expiring), "--heavy", String(heavy)], { encoding: "utf8" });
  process.stdout.write(`  ${name}: ${seeded}`);
  await w.start();
  return w;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

async function timed(fn) {
  const t = process.hrtime.bigint();
  const r = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
}

const small = await store("scale-small", 100, 10, 20);
const big = await store("scale-big", TOKENS, Math.floor(TOKENS / 10), Math.min(50_000, Math.floor(TOKENS / 20)));
const results = {};
try {
  const setups = {};
  for (const [name, w] of [["small", small], ["big", big]]) {
    const alice = new Client(w);
    const admin = new Client(w);
    await alice.signIn("alice");
    await admin.signIn("admin");
    const t = await alice.createToken({ scope: "vso.project" });
    setups[name] = { w, admin, authorization: "Basic " + Buffer.from(`:${t.token}`).toString("base64") };
  }

  // The gate: autocannon rounds, interleaved.
  const gate = { small: [], big: [] };
  for (let round = 0; round < 3; round++) {
    for (const name of round % 2 ? ["big", "small"] : ["small", "big"]) {
      const { w, authorization } = setups[name];
      const r = await autocannon({ url: `${w.base}/fabrikam/_apis/projects`, headers: { authorization }, connections: 8, duration: 4 });
      if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      gate[name].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 });
    }
  }
  results.gate = Object.fromEntries(Object.entries(gate).map(([k, xs]) => [k, { rps: median(xs.map((x) => x.rps)), p50Ms: median(xs.map((x) => x.p50)), p99Ms: median(xs.map((x) => x.p99)) }]));

  // List pages: the heaviest user's (first page and the next three by continuation), filtered,
  // and an organization's, as the administrator reads them; 15 times each, interleaved.
  const lists = {
    "a heavy user's active tokens, first page": (user) => `/_apis/tokenadmin/personalaccesstokens/${user}?displayFilterOption=active&$top=100`,
    "the same, revoked ones by validTo descending": (user) => `/_apis/tokenadmin/personalaccesstokens/${user}?displayFilterOption=revoked&sortByOption=validTo&isSortAscending=false&$top=100`,
    "an organization's tokens, by creation date": () => "/fabrikam/_apis/tokenadmin/personalaccesstokens/alice?sortByOption=displayDate&$top=100",
    "everyone's tokens by name": () => "/_apis/tokenadmin/personalaccesstokens?displayFilterOption=all&$top=100",
  };
  const heavyUser = { small: "user-000000", big: "user-000000" };
  results.lists = {};
  for (const [label, path] of Object.entries(lists)) {
    const times = { small: [], big: [], nextPages: { small: [], big: [] } };
    for (let i = 0; i < 15; i++) {
      for (const name of i % 2 ? ["big", "small"] : ["small", "big"]) {
        const { admin } = setups[name];
        const first = await timed(() => admin.get(path(heavyUser[name])));
        if (first.r.status !== 200) throw new Error(`${label} (${name}): ${first.r.status} ${first.r.text.slice(0, 200)}`);
        times[name].push(first.ms);
        let continuation = first.r.body.continuationToken;
        for (let page = 0; page < 3 && continuation; page++) {
          const next = await timed(() => admin.get(`${path(heavyUser[name])}&continuationToken=${continuation}`));
          times.nextPages[name].push(next.ms);
          continuation = next.r.body.continuationToken;
        }
      }
    }
    results.lists[label] = {
      smallMs: median(times.small), bigMs: median(times.big),
      nextPageSmallMs: times.nextPages.small.length ? median(times.nextPages.small) : null, nextPageBigMs: times.nextPages.big.length ? median(times.nextPages.big) : null,
    };
  }

  // Revoke-all of the second heaviest user's tokens.
  const revokeAll = {};
  for (const name of ["small", "big"]) {
    const { admin } = setups[name];
    const { ms, r } = await timed(() => admin.request("POST", "/_apis/tokenadmin/revocations/users", { user: "user-000001" }));
    if (r.status !== 200) throw new Error(`revoke-all (${name}): ${r.status}`);
    revokeAll[name] = { ms, revoked: r.body.revoked };
  }
  results.revokeAll = revokeAll;

  // The hourly expiry scan: runs until none is left to notice; each notice once.
  const scan = {};
  for (const name of ["small", "big"]) {
    const { w } = setups[name];
    const runs = [];
    for (let i = 0; i < 5; i++) {
      const before = w.sql("SELECT count(*) AS n FROM notifications WHERE kind = 'expiring'")[0].n;
      const { ms } = await timed(() => w.cron());
      const after = w.sql("SELECT count(*) AS n FROM notifications WHERE kind = 'expiring'")[0].n;
      runs.push({ ms, recorded: after - before });
      if (after === before) break;
    }
    const total = w.sql("SELECT count(*) AS n, count(DISTINCT token_id || ':' || cycle) AS distinct_n FROM notifications WHERE kind = 'expiring'")[0];
    scan[name] = { runs, notices: total.n, distinct: total.distinct_n };
  }
  results.expiryScan = scan;

  const g = results.gate;
  console.log(`  gate: p50 ${g.small.p50Ms} → ${g.big.p50Ms} ms, p99 ${g.small.p99Ms} → ${g.big.p99Ms} ms, ${g.small.rps.toFixed(0)} → ${g.big.rps.toFixed(0)} req/s (100 → ${TOKENS.toLocaleString("en")} tokens)`);
  for (const [label, l] of Object.entries(results.lists)) {
    console.log(`  ${label}: ${l.smallMs.toFixed(1)} → ${l.bigMs.toFixed(1)} ms${l.nextPageBigMs ? `; next pages ${l.nextPageBigMs.toFixed(1)} ms` : ""}`);
  }
  console.log(`  revoke-all: ${revokeAll.small.revoked} tokens in ${revokeAll.small.ms.toFixed(0)} ms; ${revokeAll.big.revoked.toLocaleString("en")} tokens in ${revokeAll.big.ms.toFixed(0)} ms`);
  for (const [name, s] of Object.entries(scan)) console.log(`  expiry scan (${name}): ${s.runs.map((r) => `${r.recorded} notices in ${r.ms.toFixed(0)} ms`).join(", ")}; ${s.notices} notices, ${s.distinct} distinct`);
  console.log(JSON.stringify({ scale: { tokens: TOKENS, ...results } }));
} finally {
  await small.stop();
  await big.stop();
}
