// The scheduled (cron) handler: the 7-day expiry notice, exactly once, and webhook delivery.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { rmSync } from "node:fs";
import { Worker, Client, DAY, waitFor } from "./harness.mjs";
import { LIMITS } from "../../www/src/settings.js";

const received = [];
let accept = false;
const hook = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d)).on("end", () => {
    if (!accept) return res.writeHead(503).end();
    received.push(JSON.parse(body));
    res.end("ok");
  });
});
let worker;

before(async () => {
  await new Promise((ok) => hook.listen(0, "127.0.0.1", ok));
  worker = new Worker("scheduled", { webhook: `http://127.0.0.1:${hook.address().port}/hook`, config: "test/wrangler.scheduled.toml" });
  rmSync(worker.state, { recursive: true, force: true });
  await worker.start();
});

after(async () => {
  await worker?.stop();
  hook.close();
});

test("expiry notices: one per token within 7 days of its end, however often the scan runs", async () => {
  const c = new Client(worker);
  assert.equal((await c.signIn("bob")).status, 200);
  const soon = await c.createToken({ displayName: "soon", organization: "contoso", validTo: worker.at(3 * DAY) });
  const later = await c.createToken({ displayName: "later", organization: "contoso", validTo: worker.at(30 * DAY) });
  const revoked = await c.createToken({ displayName: "revoked", organization: "contoso", validTo: worker.at(2 * DAY) });
  await c.request("DELETE", `/_apis/tokens/pats?authorizationId=${revoked.id}`);
  for (let i = 0; i < 3; i++) await worker.cron();
  const kinds = (id) => worker.sql(`SELECT kind FROM notifications WHERE token_id = '${id}' ORDER BY kind`).map((r) => r.kind);
  assert.deepEqual(kinds(soon.id), ["created", "expiring"]);
  assert.deepEqual(kinds(later.id), ["created"]);
  assert.deepEqual(kinds(revoked.id), ["created"]);
  const listed = (await c.get("/_apis/notifications")).body;
  const expiring = listed.value.filter((n) => n.kind === "expiring");
  assert.equal(expiring.length, 1);
  const end = (await c.get(`/_apis/tokens/pats?authorizationId=${soon.id}`)).body.patToken.validTo;
  assert.equal(expiring[0].message, `Personal access token "soon" expires ${end.slice(0, 10)} ${end.slice(11, 16)} UTC.`);
  // Extending the token opens a new expiry cycle: a new notice when it nears its new end.
  const moved = await c.request("PUT", "/_apis/tokens/pats", { authorizationId: soon.id, validTo: worker.at(5 * DAY) });
  assert.equal(moved.status, 200);
  await worker.cron();
  await worker.cron();
  assert.deepEqual(kinds(soon.id), ["created", "expiring", "expiring"]);
});

test("the scan goes a chunk at a time and a run cut short loses nothing: each notice once", async () => {
  // A second worker whose runs take 2 chunks of 3 tokens: 14 tokens in the window need 3 runs.
  const small = new Worker("scheduled-chunks", { config: "test/wrangler.scheduled.toml", vars: { PATGATE_EXPIRY_CHUNK: "3", PATGATE_EXPIRY_CHUNKS_PER_RUN: "2" } });
  rmSync(small.state, { recursive: true, force: true });
  await small.start();
  try {
    const c = new Client(small);
    assert.equal((await c.signIn("bob")).status, 200);
    const ids = [];
    for (let i = 0; i < 14; i++) ids.push((await c.createToken({ displayName: `t${i}`, organization: "contoso", validTo: small.at((1 + i / 4) * DAY) })).id);
    const expiring = () => small.sql("SELECT token_id FROM notifications WHERE kind = 'expiring'").map((r) => r.token_id);
    const counts = [];
    for (let run = 0; run < 4; run++) {
      await small.cron();
      counts.push(expiring().length);
    }
    assert.deepEqual(counts, [6, 12, 14, 14], "6 a run (2 chunks of 3), then the rest, then nothing new");
    assert.deepEqual(expiring().sort(), [...ids].sort(), "every token once");
  } finally {
    await small.stop();
  }
});

test("the audit log keeps entries for its retention period: one exactly that old stays, a millisecond older goes, a chunk at a time, the removal audited", async () => {
  // A worker keeping 30 days, removing at most 2 chunks of 2 entries a run.
  const w = new Worker("scheduled-retention", { config: "test/wrangler.scheduled.toml", vars: { PATGATE_AUDIT_RETENTION_DAYS: "30", PATGATE_AUDIT_PRUNE_CHUNK: "2", PATGATE_AUDIT_PRUNE_CHUNKS_PER_RUN: "2" } });
  rmSync(w.state, { recursive: true, force: true });
  await w.start();
  try {
    const t0 = await w.freeze();
    for (let i = 0; i < 5; i++) assert.equal((await new Client(w).signIn("bob")).status, 200);
    await w.advance(1);
    assert.equal((await new Client(w).signIn("admin")).status, 200); // the entry at t0 + 1 ms
    const kept = w.sql(`SELECT id FROM audit WHERE at = ${t0 + 1}`);
    assert.equal(kept.length, 1);
    const older = () => w.sql(`SELECT count(*) AS n FROM audit WHERE at <= ${t0}`)[0].n;
    const past = older();
    assert.ok(past >= 5, "five sign-ins at t0 (and the store's seeding before)");
    // Now t0 + 1 ms is exactly 30 days ago: everything before it goes, it stays.
    await w.advance(30 * DAY);
    const removedPerRun = [];
    for (let run = 0; run < 4; run++) {
      const before = older();
      await w.cron();
      removedPerRun.push(before - older());
    }
    const runs = Math.ceil(past / 4);
    assert.deepEqual(removedPerRun, [...Array.from({ length: runs }, (_, i) => Math.min(4, past - 4 * i)), ...Array(4 - runs).fill(0)]);
    assert.deepEqual(w.sql(`SELECT id FROM audit WHERE at = ${t0 + 1}`), kept, "the entry exactly 30 days old stays");
    const expired = w.sql("SELECT at, detail FROM audit WHERE action = 'audit.expired' ORDER BY id").map((r) => ({ at: r.at, ...JSON.parse(r.detail) }));
    assert.deepEqual(expired, removedPerRun.filter((n) => n > 0).map((removed) => ({ at: t0 + 1 + 30 * DAY, removed, before: new Date(t0 + 1).toISOString(), retentionDays: 30 })));
    // One millisecond on, it is past the period too.
    await w.advance(1);
    await w.cron();
    assert.deepEqual(w.sql(`SELECT id FROM audit WHERE at = ${t0 + 1}`), []);
    const admin = new Client(w);
    assert.equal((await admin.signIn("admin")).status, 200);
    const page = await admin.get("/_apis/tokenadmin/audit");
    assert.equal(page.status, 200);
    assert.equal(page.body.retentionDays, 30);
    assert.ok(page.body.value.every((a) => Date.parse(a.at) >= t0 + 2), "nothing past the period is listed");
  } finally {
    await w.stop();
  }
});

test("locally the hourly job runs through a route only the run's key opens, under the portal's own configuration", async () => {
  // scripts/run.sh's loop calls it: wrangler dev runs no cron, and with the portal's assets it
  // cannot dispatch one (the cron route answers 500 there).
  const key = "k".repeat(32);
  const local = new Worker("scheduled-local", { vars: { PATGATE_LOCAL_SCHEDULER_KEY: key } });
  rmSync(local.state, { recursive: true, force: true });
  await local.start();
  try {
    const c = new Client(local);
    assert.equal((await c.signIn("bob")).status, 200);
    const soon = await c.createToken({ displayName: "soon", organization: "contoso", validTo: local.at(3 * DAY) });
    const run = (headers) => fetch(`${local.base}/_apis/local/scheduled`, { method: "POST", headers });
    for (const headers of [{}, { "x-patgate-scheduler-key": "" }, { "x-patgate-scheduler-key": key + "x" }, { "x-patgate-scheduler-key": key.slice(1) }]) {
      assert.equal((await run(headers)).status, 404, JSON.stringify(headers));
    }
    // Without the key nothing tells the route is there: not another method (405), not a bad
    // api-version (400).
    for (const [method, query] of [["GET", ""], ["PUT", ""], ["POST", "?api-version=banana"]]) {
      assert.equal((await fetch(`${local.base}/_apis/local/scheduled${query}`, { method })).status, 404, method + query);
    }
    assert.deepEqual(local.sql(`SELECT kind FROM notifications WHERE token_id = '${soon.id}'`).map((r) => r.kind), ["created"], "nothing ran");
    const r = await run({ "x-patgate-scheduler-key": key });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { notices: 1, auditRemoved: 0, requestsExpired: 0 });
    assert.deepEqual(local.sql(`SELECT kind FROM notifications WHERE token_id = '${soon.id}' ORDER BY kind`).map((r) => r.kind), ["created", "expiring"]);
  } finally {
    await local.stop();
  }
  // A worker without the key (as on Cloudflare) has no such route, whatever is sent.
  assert.equal((await fetch(`${worker.base}/_apis/local/scheduled`, { method: "POST", headers: { "x-patgate-scheduler-key": key } })).status, 404);
});

test("webhook: undelivered notices are retried by the scan and delivered once", async () => {
  // A notice of its own while the receiver refuses (with whatever earlier tests left undelivered).
  accept = false;
  const c = new Client(worker);
  assert.equal((await c.signIn("bob")).status, 200);
  const t = await c.createToken({ displayName: "delivered late", organization: "contoso" });
  assert.equal(t.status, 201);
  const pending = worker.sql("SELECT count(*) AS n FROM notifications WHERE delivered_at IS NULL")[0].n;
  assert.ok(pending > 0, "the webhook refused everything so far");
  // The create's own delivery run (after its response) ends with every notice refused and held.
  await waitFor(() => worker.sql(`SELECT count(*) AS n FROM notifications WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until > ${worker.now() + LIMITS.webhookRetryMs})`)[0].n === 0,
    { everyMs: 100, what: "the create's delivery run over" });
  accept = true;
  // A refused notice is held for the retry interval: a run before it ends posts nothing.
  await worker.cron();
  assert.equal(received.length, 0, "no notice posted again before its retry time");
  await worker.advance(LIMITS.webhookRetryMs);
  await waitFor(async () => {
    await worker.cron();
    return received.length >= pending;
  }, { everyMs: 200, what: "every pending notice delivered" });
  assert.equal(received.length, pending);
  assert.equal(new Set(received.map((r) => r.id)).size, pending, "each notice delivered once");
  assert.equal(worker.sql("SELECT count(*) AS n FROM notifications WHERE delivered_at IS NULL")[0].n, 0);
  // A further run finds nothing to post: every notice is marked delivered (the store says so).
  await worker.cron();
  assert.equal(worker.sql("SELECT count(*) AS n FROM notifications WHERE delivered_at IS NULL OR claimed_until IS NOT NULL")[0].n, 0);
  assert.equal(received.length, pending);
});

test("a receiver that never answers: the post is given up after its timeout and held; no run posts it again while the slowest run could still be going", async () => {
  // A receiver that takes every post and never answers, on a worker of its own.
  const open = [];
  const silent = createServer((req, res) => open.push(res));
  await new Promise((ok) => silent.listen(0, "127.0.0.1", ok));
  const w = new Worker("scheduled-hang", { webhook: `http://127.0.0.1:${silent.address().port}/hook`, config: "test/wrangler.scheduled.toml" });
  rmSync(w.state, { recursive: true, force: true });
  await w.start();
  try {
    const t0 = await w.freeze();
    const c = new Client(w);
    assert.equal((await c.signIn("bob")).status, 200);
    const t = await c.createToken({ organization: "contoso" }); // its notice's run posts, and waits
    await waitFor(() => open.length === 1, { what: "the post" });
    const claim = () => w.sql(`SELECT claimed_until FROM notifications WHERE token_id = '${t.id}'`)[0].claimed_until;
    assert.equal(claim(), t0 + LIMITS.webhookLeaseMs, "claimed for the lease");
    // As late as the slowest run could still be posting (its whole batch, each post at its
    // timeout), another run takes nothing: the claim outlasts it.
    await w.advance(LIMITS.webhookBatch * LIMITS.webhookTimeoutMs);
    await w.cron();
    assert.equal(open.length, 1, "not posted again during the lease");
    // The post is given up after its timeout (real time: the worker's fetch): held for the retry.
    await waitFor(() => claim() === t0 + LIMITS.webhookRetryMs, { timeoutMs: 60_000, everyMs: 1000, what: "the post given up and held" });
    // The lease ended (the clock is past the hold too): the next run posts it again.
    await w.advance(LIMITS.webhookLeaseMs - LIMITS.webhookBatch * LIMITS.webhookTimeoutMs);
    await w.cron();
    await waitFor(() => open.length === 2, { what: "the post again" });
  } finally {
    for (const res of open) res.destroy();
    silent.close();
    await w.stop();
  }
});
