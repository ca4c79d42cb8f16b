// Whom the per-address limits count, and who can lock whom out. Locally the run command's peer
// proxy (scripts/peer-proxy.mjs) tells the worker each connection's real peer; a header a client
// writes counts for nothing. A flood from an address does not deny a live token at the same
// address, and no one can lock a user out of a browser the user signed in from before.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { generateToken } from "../../pkg/node.mjs";
import { peerProxy } from "../../scripts/peer-proxy.mjs";
import { Client, PASSWORD, basic, freePort, freshWorker, signedIn } from "./harness.mjs";
import { LIMITS } from "../../www/src/settings.js";

const KEY = "peer-key-for-the-tests-0123456789";
const FAILED_PER_MINUTE = 5;
const FAILED_SIGNINS_PER_MINUTE = 1000;
const PER_NAME = 12;
let worker;
let proxy;
let front;

before(async () => {
  worker = await freshWorker("peers", { vars: {
    PATGATE_PEER_KEY: KEY, PATGATE_FAILED_PER_MINUTE: String(FAILED_PER_MINUTE),
    PATGATE_FAILED_SIGNINS_PER_MINUTE: String(FAILED_SIGNINS_PER_MINUTE), PATGATE_FAILED_SIGNINS_PER_NAME: String(PER_NAME),
  } });
  proxy = peerProxy({ upstream: worker.port, key: KEY });
  const port = await freePort();
  await new Promise((ok) => proxy.listen(port, "127.0.0.1", ok));
  front = `http://127.0.0.1:${port}`;
});

after(async () => {
  proxy?.close();
  await worker?.stop();
});

/** A request through the proxy from the local address `from` (127.0.0.x), with `headers`. */
function via(from, method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${front}${path}`, { method, headers, localAddress: from }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d)).on("end", () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const project = (from, token, headers = {}) => via(from, "GET", "/fabrikam/_apis/projects", { headers: { authorization: basic(token), ...headers } });
const signin = (from, userName, password, headers = {}) =>
  via(from, "POST", "/_apis/session", { headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ userName, password }) });

test("through the proxy the limits count the real peer: a CF-Connecting-IP the client writes changes nothing", async () => {
  await worker.advance(61_000);
  for (let i = 0; i < FAILED_PER_MINUTE; i++) {
    // Each request claims another address; all come from 127.0.0.2.
    assert.equal((await project("127.0.0.2", generateToken().token, { "cf-connecting-ip": `203.0.113.${i}` })).status, 401);
  }
  assert.equal((await project("127.0.0.2", generateToken().token, { "cf-connecting-ip": "198.51.100.99" })).status, 429, "the made-up address is not believed");
  assert.equal((await project("127.0.0.3", generateToken().token)).status, 401, "another peer is another address");
});

test("a request that bypasses the proxy (wrangler's own port) counts as one shared address, whatever it claims", async () => {
  await worker.advance(61_000);
  const direct = (i) => fetch(`${worker.base}/fabrikam/_apis/projects`, { headers: { authorization: basic(generateToken().token), "cf-connecting-ip": `192.0.2.${i}`, "x-patgate-peer-key": i % 2 ? "wrong" : "" } });
  for (let i = 0; i < FAILED_PER_MINUTE; i++) assert.equal((await direct(i)).status, 401);
  assert.equal((await direct(99)).status, 429);
  assert.equal((await project("127.0.0.2", generateToken().token)).status, 401, "peers behind the proxy are not that address");
});

test("a flood of bad tokens from an address does not deny a token that proved live there lately; a revocation still holds at its next request", async () => {
  await worker.advance(61_000);
  const [alice] = await signedIn(worker, "alice");
  const t = await alice.createToken({ scope: "vso.project" });
  const fresh = await alice.createToken({ scope: "vso.project" });
  assert.equal((await project("127.0.0.4", t.token)).status, 200, "t proves live");
  for (let i = 0; i < FAILED_PER_MINUTE; i++) assert.equal((await project("127.0.0.4", generateToken().token)).status, 401);
  assert.equal((await project("127.0.0.4", generateToken().token)).status, 429, "the flood is refused before its lookups");
  assert.equal((await project("127.0.0.4", t.token)).status, 200, "the live token is still looked up and served");
  assert.equal((await project("127.0.0.4", fresh.token)).status, 429, "a token never seen live from anywhere is not (yet)");
  assert.equal((await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${t.id}`)).status, 204);
  assert.equal((await project("127.0.0.4", t.token)).status, 401, "revoked: refused at its next request");
  // A day after it was last live, it is an unknown token again for an address over its limit.
  await worker.advance(LIMITS.recentlyLiveMs);
  const [later] = await signedIn(worker, "alice"); // the day ended the session
  const u = await later.createToken({ scope: "vso.project" });
  assert.equal((await project("127.0.0.5", u.token)).status, 200);
  await worker.advance(LIMITS.recentlyLiveMs);
  for (let i = 0; i <= FAILED_PER_MINUTE; i++) await project("127.0.0.5", generateToken().token);
  assert.equal((await project("127.0.0.5", u.token)).status, 429);
});

test("no one locks a user out of sign-in: failures lock their own address for that name, and a browser the user signed in from is never locked by others", async () => {
  await worker.advance(LIMITS.signinWindowMs);
  // bob signs in once from his browser at 127.0.0.6: it gets its device cookie.
  const bob = new Client({ base: front, at: worker.at.bind(worker) });
  assert.equal((await bob.signIn("bob")).status, 200);
  const device = bob.jar.get("patgate_device");
  assert.match(device, /^patgate_device=[A-Za-z0-9_-]{43}$/);
  // Six wrong passwords for bob from another address, and for BOB (one name).
  for (let i = 0; i < LIMITS.signinFailures; i++) assert.equal((await signin("127.0.0.7", i % 2 ? "BOB" : "bob", "wrong")).status, 401);
  assert.equal((await signin("127.0.0.7", "bob", PASSWORD)).status, 429, "that address is locked out of that name, even with the right password");
  assert.equal((await signin("127.0.0.7", "alice", PASSWORD)).status, 200, "not out of other names");
  assert.equal((await signin("127.0.0.8", "bob", PASSWORD)).status, 200, "another address signs bob in");
  // The same address as the attacker (one office, one NAT): bob's browser has his device cookie.
  assert.equal((await signin("127.0.0.7", "bob", PASSWORD, { cookie: device })).status, 200, "bob's browser is not locked by another's failures");
  // The lock is audited once, saying what it locked.
  const locks = worker.sql("SELECT detail FROM audit WHERE action = 'signin.locked' AND subject = 'bob'").map((r) => JSON.parse(r.detail).by);
  assert.deepEqual(locks, ["address"]);
});

test("guessing one name from many addresses stays bounded: past the name's limit only a browser the user signed in from may try", async () => {
  await worker.advance(LIMITS.signinWindowMs);
  const alice = new Client({ base: front, at: worker.at.bind(worker) });
  assert.equal((await alice.signIn("alice")).status, 200);
  const device = alice.jar.get("patgate_device");
  let tried = 0;
  // Four failures from each of many addresses (under each address's lock of five).
  for (let host = 10; tried < PER_NAME; host++) {
    for (let i = 0; i < 4 && tried < PER_NAME; i++, tried++) assert.equal((await signin(`127.0.1.${host}`, "alice", "guess")).status, 401);
  }
  const fresh = await signin("127.0.2.1", "alice", "guess");
  assert.equal(fresh.status, 429, "a fresh address gets no guess once the name's limit is spent");
  assert.match(JSON.parse(fresh.text).message, /browser you signed in from before/);
  assert.equal((await signin("127.0.2.2", "alice", PASSWORD)).status, 429, "nor does the right password from an unknown browser");
  assert.equal((await signin("127.0.2.3", "alice", PASSWORD, { cookie: device })).status, 200, "alice's own browser signs her in");
  // The browser's own failures are its own: five, then it is locked, and only it.
  for (let i = 0; i < LIMITS.signinFailures; i++) assert.equal((await signin("127.0.2.3", "alice", "typo", { cookie: device })).status, 401);
  assert.equal((await signin("127.0.2.3", "alice", PASSWORD, { cookie: device })).status, 429);
  // A device cookie is alice's: for another name it is any browser.
  assert.equal((await signin("127.0.2.4", "bob", PASSWORD, { cookie: device })).status, 200);
  // The window ends: every address may try again.
  await worker.advance(LIMITS.signinWindowMs);
  assert.equal((await signin("127.0.2.1", "alice", PASSWORD)).status, 200);
});
