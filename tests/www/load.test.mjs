// Load and faults on loopback, bounded in count: concurrent sign-ins, creates, lists,
// verifications and revocations, each client's drawn from its own seeded sequence; the worker is
// killed (SIGKILL) once a third of the operations were sent and started again on the same
// store. Afterwards every acknowledged write must be there, no 5xx. (How fast it all goes is
// scripts/bench.sh's.)
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { Client, basic, freshWorker, seeded, sleep } from "./harness.mjs";

const CLIENTS = 6;
const OPERATIONS = Number(process.env.PATGATE_LOAD_OPERATIONS ?? 40); // per client
const SEED = Number(process.env.PATGATE_LOAD_SEED ?? 20261207);
let worker;
let chaosDone = Promise.resolve();

// A failed assertion must not leave a worker behind: wait for a restart in flight, then stop it.
after(async () => {
  await chaosDone;
  await worker?.stop();
});

test("concurrent load with a kill and restart loses nothing that was acknowledged", async (ctx) => {
  ctx.diagnostic(`seed ${SEED} (PATGATE_LOAD_SEED to repeat), ${OPERATIONS} operations per client`);
  worker = await freshWorker("load");
  const created = new Map(); // id → { token, owner }
  const revoked = new Set();
  const revoking = new Set(); // sent, not yet acknowledged: either outcome is right
  const counts = { requests: 0, byOp: {}, byStatus: {}, connectionErrors: 0, fiveHundreds: [] };
  let sent = 0;
  let killAt = null; // resolves once a third of every client's operations were sent
  const third = new Promise((resolve) => (killAt = resolve));
  let restarts = 0;
  let down = false;
  let restartedAt = null;
  const restarting = () => down || (restartedAt !== null && Date.now() - restartedAt < 10_000);

  async function call(op, fn) {
    counts.requests++;
    counts.byOp[op] = (counts.byOp[op] ?? 0) + 1;
    try {
      const r = await fn();
      counts.byStatus[r.status] = (counts.byStatus[r.status] ?? 0) + 1;
      // While the worker restarts (and for 10 s after), the local dev server may answer for it
      // before it runs: such an answer is not patgate's (patgate's errors are its JSON shape),
      // so it counts as "down". Any other 5xx fails the test.
      if (r.status >= 500 && restarting() && !/"error"\s*:/.test(r.text ?? "")) {
        counts.connectionErrors++;
        console.log(`load: ${op} answered ${r.status} by the dev server, not the worker: ${(r.text ?? "").slice(0, 120)}`);
        await sleep(100);
        return null;
      }
      if (r.status >= 500) {
        counts.fiveHundreds.push(`${op} ${r.status} ${r.text?.slice(0, 100)}`);
        console.log(`load: ${op} answered ${r.status}; the worker's log ends:\n${worker.log.slice(-2000)}`);
      }
      return r;
    } catch {
      counts.connectionErrors++; // the worker is down: not acknowledged, retried by the loop
      await sleep(100);
      return null;
    }
  }

  async function client(n) {
    const user = ["alice", "bob", "admin"][n % 3];
    const org = user === "bob" ? "contoso" : "fabrikam";
    const random = seeded(SEED + n);
    let c = new Client(worker);
    while (!(await call("signin", () => c.signIn(user)))?.status) await sleep(100);
    // Each client goes on until it has made 10 operations after the restart (at most 20 times its
    // share): on a slow machine the restart may outlast the planned load, and then nothing
    // would cross it.
    let after = 0;
    for (let op = 0; (op < OPERATIONS || after < 10) && op < OPERATIONS * 20; op++) {
      if (restartedAt !== null) after++;
      if (++sent === Math.floor((CLIENTS * OPERATIONS) / 3)) killAt();
      const roll = random();
      const mine = [...created].filter(([, t]) => t.owner === user && !revoked.has(t.id));
      if (roll < 0.08) {
        const fresh = new Client(worker);
        const r = await call("signin", () => fresh.signIn(user));
        if (r?.status === 200) c = fresh;
      } else if (roll < 0.4) {
        const r = await call("create", () => c.createToken({ displayName: `load ${n}-${counts.requests}`, scope: "vso.project", organization: org }));
        if (r?.status === 201) created.set(r.id, { id: r.id, token: r.token, owner: user, org, at: Date.now() });
        else if (r) assert.ok([401, 429].includes(r.status) || r.status < 500, `create answered ${r.status}`);
      } else if (roll < 0.55) {
        const r = await call("list", () => c.get("/_apis/tokens/pats?displayFilterOption=all&$top=100"));
        if (r?.status === 200) {
          const ids = r.body.patTokens.map((t) => t.authorizationId);
          assert.equal(new Set(ids).size, ids.length, "a listing never repeats a token");
        }
      } else if (roll < 0.9 && mine.length) {
        const [id, t] = mine[Math.floor(random() * mine.length)];
        const r = await call("verify", () => fetch(`${worker.base}/${t.org}/_apis/projects`, { headers: { authorization: basic(t.token) } }).then(async (x) => ({ status: x.status, text: await x.text() })));
        if (r && !revoked.has(id) && !revoking.has(id)) assert.equal(r.status, 200, "an acknowledged, unrevoked token works");
      } else if (mine.length) {
        const [id] = mine[Math.floor(random() * mine.length)];
        revoking.add(id);
        const r = await call("revoke", () => c.request("DELETE", `/_apis/tokens/pats?authorizationId=${id}`));
        if (r?.status === 204) revoked.add(id);
        else if (r) revoking.delete(id); // refused: the token stays live
      }
    }
  }

  async function chaos() {
    await third;
    down = true;
    await worker.stop(); // SIGKILL: wrangler and workerd die mid-request
    await sleep(500);
    await worker.start(); // the same store, the same port
    restartedAt = Date.now();
    restarts++;
    down = false;
  }

  const restart = chaos();
  chaosDone = restart.catch(() => {});
  await Promise.all([...Array.from({ length: CLIENTS }, (_, n) => client(n)), restart]);
  assert.equal(down, false);

  // The load did what it claims: creates and revocations were acknowledged on both sides of the
  // restart (a run that created nothing would prove nothing below).
  assert.ok(created.size >= CLIENTS, `${created.size} creates acknowledged`);
  assert.ok(revoked.size >= 1, `${revoked.size} revocations acknowledged`);
  assert.ok([...created.values()].some((t) => t.at >= restartedAt), "creates acknowledged after the restart");
  // Everything acknowledged is there.
  const rows = worker.sql("SELECT id, revoked_at, digest FROM tokens");
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [id] of created) assert.ok(byId.has(id), `acknowledged create ${id} is stored`);
  for (const id of revoked) assert.ok(byId.get(id).revoked_at !== null, `acknowledged revocation ${id} is stored`);
  assert.equal(new Set(rows.map((r) => r.digest)).size, rows.length, "no duplicate digests");
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, "no duplicate ids");
  // Every acknowledged revocation refuses its token on the next request; the others work.
  for (const [id, t] of created) {
    const status = (await fetch(`${worker.base}/${t.org}/_apis/projects`, { headers: { authorization: basic(t.token) } })).status;
    if (revoking.has(id) && !revoked.has(id)) continue; // the kill may have cut the answer, not the write
    assert.equal(status, revoked.has(id) ? 401 : 200, id);
  }
  const integrity = worker.sql("PRAGMA integrity_check");
  assert.deepEqual(integrity, [{ integrity_check: "ok" }]);
  assert.deepEqual(counts.fiveHundreds, [], "no 5xx");
  assert.equal(restarts, 1);
  console.log(
    `load: ${counts.requests} requests from ${CLIENTS} clients, ` +
      `${JSON.stringify(counts.byOp)}; statuses ${JSON.stringify(counts.byStatus)}; ` +
      `${counts.connectionErrors} refused connections while the worker was down; 0 5xx; 1 kill and restart; ` +
      `${created.size} acknowledged creates and ${revoked.size} revocations all found`,
  );
});
