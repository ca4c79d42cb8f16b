// The deployment's pepper: a worker without one, or with one too short, refuses every request
// with a 503 that names the setting; a store remembers the pepper its digests were made with,
// and a worker started on it with another refuses to run rather than match no token.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { Client, PEPPER, freshWorker, withToken } from "./harness.mjs";

let worker;
after(async () => worker?.stop());

async function refusal(w) {
  const r = await fetch(`${w.base}/_apis/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userName: "alice", password: "x" }) });
  return { status: r.status, body: await r.json() };
}

// A short or malformed pepper is refused the same way (settings.test.mjs, in-process).
test("no pepper: every API request is a 503 naming PATGATE_PEPPER, and nothing is stored", async () => {
  for (const pepper of [""]) {
    const w = await freshWorker("pepper-missing", { vars: { PATGATE_PEPPER: pepper }, ready: 503 });
    try {
      const r = await refusal(w);
      assert.equal(r.status, 503);
      assert.match(r.body.message, /PATGATE_PEPPER must be set to at least 32 random bytes/);
      assert.equal(w.sql("SELECT count(*) AS n FROM users")[0].n, 0, "nothing seeded");
    } finally {
      await w.stop();
    }
  }
});

test("a store keeps its pepper's check: another pepper is refused with a 503 saying so, the original works again", async () => {
  worker = await freshWorker("pepper-changed");
  const alice = new Client(worker);
  assert.equal((await alice.signIn("alice")).status, 200);
  const t = await alice.createToken({ scope: "vso.project" });
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 200);
  await worker.stop();
  worker.vars = { PATGATE_PEPPER: Buffer.alloc(32, 8).toString("base64url") };
  worker.ready = 503;
  await worker.start();
  const r = await refusal(worker);
  assert.equal(r.status, 503);
  assert.match(r.body.message, /PATGATE_PEPPER is not the pepper this store's digests were made with/);
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 503, "no token is judged with the wrong pepper");
  await worker.stop();
  worker.vars = { PATGATE_PEPPER: PEPPER };
  worker.ready = 401;
  await worker.start();
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 200);
});
