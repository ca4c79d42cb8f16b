// Rate limits at the gate against the real worker: a token's requests per hour with GitHub's
// X-RateLimit-* headers, and a client address's failed verifications per minute, refused before
// the store lookup; a legitimate token from another address is served throughout a flood.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { generateToken } from "../../pkg/node.mjs";
import { PASSWORD, basic, freshWorker, signedIn } from "./harness.mjs";

const PER_HOUR = 20;
const FAILED_PER_MINUTE = 10;
const FAILED_SIGNINS_PER_MINUTE = 3;
const ATTACKER = "203.0.113.7";
const USER = "198.51.100.2";
let worker;
let alice;

before(async () => {
  worker = await freshWorker("limits", { vars: {
    PATGATE_RATE_LIMIT_PER_HOUR: String(PER_HOUR), PATGATE_FAILED_PER_MINUTE: String(FAILED_PER_MINUTE), PATGATE_FAILED_SIGNINS_PER_MINUTE: String(FAILED_SIGNINS_PER_MINUTE),
  } });
  [alice] = await signedIn(worker, "alice");
});

after(async () => worker?.stop());

async function call(token, from) {
  const r = await fetch(`${worker.base}/fabrikam/_apis/projects`, { headers: { authorization: basic(token), "cf-connecting-ip": from } });
  await r.arrayBuffer();
  return { status: r.status, headers: r.headers };
}

test("a token's requests per hour: GitHub's headers on each answer, 429 with Retry-After beyond, a new window an hour on", async () => {
  const t = await alice.createToken({ scope: "vso.project" });
  const start = Math.ceil(worker.now() / 1000);
  for (let i = 1; i <= PER_HOUR; i++) {
    const r = await call(t.token, USER);
    assert.equal(r.status, 200);
    assert.deepEqual([r.headers.get("x-ratelimit-limit"), r.headers.get("x-ratelimit-remaining"), r.headers.get("x-ratelimit-used"), r.headers.get("x-ratelimit-resource")],
      [String(PER_HOUR), String(PER_HOUR - i), String(i), "core"]);
    const reset = Number(r.headers.get("x-ratelimit-reset"));
    assert.ok(reset >= start + 3599 && reset <= start + 3601 + 60, `reset ${reset} is an hour after the window opened`);
  }
  const over = await call(t.token, USER);
  assert.equal(over.status, 429);
  // Refusals after the gate count and say so too (a project that does not exist: 404).
  const late = await alice.createToken({ scope: "vso.project" });
  const missing = await fetch(`${worker.base}/fabrikam/_apis/projects/no-such-project`, { headers: { authorization: basic(late.token), "cf-connecting-ip": USER } });
  await missing.arrayBuffer();
  assert.deepEqual([missing.status, missing.headers.get("x-ratelimit-remaining"), missing.headers.get("x-ratelimit-used")], [404, String(PER_HOUR - 1), "1"]);
  assert.equal(over.headers.get("x-ratelimit-remaining"), "0");
  assert.ok(Number(over.headers.get("retry-after")) > 3000 && Number(over.headers.get("retry-after")) <= 3600);
  const other = await alice.createToken({ scope: "vso.project" });
  assert.equal((await call(other.token, USER)).status, 200, "another token has its own window");
  await worker.advance(3_600_000);
  const again = await call(t.token, USER);
  assert.deepEqual([again.status, again.headers.get("x-ratelimit-remaining")], [200, String(PER_HOUR - 1)]);
});

test("a flood of unknown tokens stops costing lookups at its address; a legitimate token elsewhere is served throughout", async () => {
  const legit = await alice.createToken({ scope: "vso.project" });
  const attackerOwn = await alice.createToken({ scope: "vso.project" });
  assert.equal((await call(legit.token, USER)).status, 200);
  // The flood (200 well-formed unknown tokens, 4 at a time: the local worker is one isolate, so a
  // wider flood would only measure its queue) and the legitimate client together.
  let flooding = true;
  const statuses = [];
  const flood = (async () => {
    for (let round = 0; round < 50; round++) {
      const batch = await Promise.all(Array.from({ length: 4 }, () => call(generateToken().token, ATTACKER)));
      statuses.push(...batch.map((r) => r.status));
    }
    flooding = false;
  })();
  let during = 0;
  while (flooding && during < 10) {
    const r = await call(legit.token, USER);
    assert.equal(r.status, 200, "the legitimate token is never refused");
    during++;
  }
  await flood;
  assert.equal(statuses.filter((s) => s === 401).length, FAILED_PER_MINUTE, "the first failures are looked up and refused");
  assert.equal(statuses.filter((s) => s === 429).length, 200 - FAILED_PER_MINUTE, "then the address is refused before any lookup");
  assert.ok(during > 0, "the legitimate token was served while the flood went on");
  // Refused before the lookup: even a valid token is refused from that address now.
  const blocked = await call(attackerOwn.token, ATTACKER);
  assert.equal(blocked.status, 429);
  assert.equal(blocked.headers.get("x-ratelimit-resource"), "failed_verifications");
  assert.ok(Number(blocked.headers.get("retry-after")) >= 1 && Number(blocked.headers.get("retry-after")) <= 60);
  // A minute on, the address is looked up again.
  await worker.advance(61_000);
  assert.equal((await call(attackerOwn.token, ATTACKER)).status, 200);
});

test("an IPv6 client is counted by its /64, the network it holds whole; another /64 is another client", async () => {
  await worker.advance(61_000); // the earlier tests' windows are over
  const net = ["2001:db8:1:2::1", "2001:DB8:1:2:ffff:ffff:ffff:fffe", "2001:0db8:0001:0002:0:0:0:9"];
  for (let i = 0; i < FAILED_PER_MINUTE; i++) assert.equal((await call(generateToken().token, net[i % net.length])).status, 401);
  for (const from of net) assert.equal((await call(generateToken().token, from)).status, 429, `${from}: the same /64`);
  for (const from of ["2001:db8:1:3::1", "2001:db8::2:1"]) assert.equal((await call(generateToken().token, from)).status, 401, `${from}: another /64`);
});

test("failed sign-ins per client address: past the limit a 429 before any password is hashed or entry audited; other addresses and the next minute go on", async () => {
  const signin = async (userName, password, from) => {
    const r = await fetch(`${worker.base}/_apis/session`, { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": from }, body: JSON.stringify({ userName, password }) });
    await r.arrayBuffer();
    return r;
  };
  const audited = () => worker.sql("SELECT count(*) AS n FROM audit WHERE action = 'signin.failed'")[0].n;
  const start = audited();
  // Made-up names, each new: the per-name lock never counts them, the per-address limit does.
  for (let i = 0; i < FAILED_SIGNINS_PER_MINUTE; i++) assert.equal((await signin(`made-up-${i}`, "x", ATTACKER)).status, 401);
  assert.equal(audited(), start + FAILED_SIGNINS_PER_MINUTE);
  const over = await signin("made-up-over", "x", ATTACKER);
  assert.equal(over.status, 429);
  const retry = Number(over.headers.get("retry-after"));
  assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
  assert.equal((await signin("alice", PASSWORD, ATTACKER)).status, 429, "the right password too, from that address, until the window ends");
  assert.equal(audited(), start + FAILED_SIGNINS_PER_MINUTE, "nothing audited past the limit");
  // Another address is its own: a failure, and a success that does not count against it.
  assert.equal((await signin("made-up-elsewhere", "x", USER)).status, 401);
  for (let i = 0; i < FAILED_SIGNINS_PER_MINUTE + 2; i++) assert.equal((await signin("alice", PASSWORD, USER)).status, 200);
  assert.equal((await signin("made-up-again", "x", USER)).status, 401, "successes were not counted");
  await worker.advance(60_000);
  assert.equal((await signin("made-up-later", "x", ATTACKER)).status, 401, "a new window");
});
