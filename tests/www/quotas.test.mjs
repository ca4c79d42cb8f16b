// What one signed-in user, or one anonymous reporter, can make the worker do: quotas on live
// tokens, changes and sessions at their defaults; a digest issued once, ever; the full-access
// revocation rule; delivery runs only for what was recorded; a user's text quoted in notices;
// API paths in any case.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { generateToken } from "../../pkg/node.mjs";
import { Client, DAY, freshWorker, signedIn, waitFor, withToken } from "./harness.mjs";
import { LIMITS } from "../../www/src/settings.js";

const LIVE_TOKENS = 5;
let worker;
let hook;
let posts = 0;
const bodies = [];
let accept = false;

before(async () => {
  hook = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d)).on("end", () => {
      posts++;
      if (!accept) return res.writeHead(503).end();
      bodies.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise((ok) => hook.listen(0, "127.0.0.1", ok));
  // The change and session quotas at their defaults (an empty setting is the default).
  worker = await freshWorker("quotas", { webhook: `http://127.0.0.1:${hook.address().port}/hook`, vars: {
    PATGATE_CHANGES_PER_MINUTE: "", PATGATE_SESSIONS_PER_USER: "", PATGATE_LIVE_TOKENS_PER_USER: String(LIVE_TOKENS),
  } });
});

after(async () => {
  await worker?.stop();
  hook.close();
});

const sha256b64url = (text) => createHash("sha256").update(text).digest("base64url");

// First in this file: no notice exists before it, so every post it sees is its own.
test("a public report of nothing live starts no delivery run; a refused notice is not posted again before its retry time", async () => {
  accept = false;
  const [alice] = await signedIn(worker, "alice");
  const t = await alice.createToken({ organization: "contoso" });
  const u = await alice.createToken({ organization: "contoso" });
  // Both "created" notices were posted by their creates' runs, refused, and are held.
  const count = (where) => worker.sql(`SELECT count(*) AS n FROM notifications WHERE ${where}`)[0].n;
  const held = () => count(`delivered_at IS NULL AND claimed_until IS NOT NULL AND claimed_until <= ${worker.now() + LIMITS.webhookRetryMs}`);
  await waitFor(() => held() === 2 && posts === 2, { what: "both notices refused and held" });
  const report = (credentials) => fetch(`${worker.base}/_apis/tokens/revocations/public`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ credentials }) });
  for (let i = 0; i < 5; i++) assert.equal((await report([generateToken().token])).status, 202);
  // A live report last: its run posts its new "leaked" notice, and only that (the held two wait).
  await report([u.token]);
  await waitFor(() => count(`token_id = '${u.id}' AND kind = 'leaked' AND claimed_until IS NOT NULL AND claimed_until <= ${worker.now() + LIMITS.webhookRetryMs}`) === 1, { what: "the leaked notice posted and held" });
  assert.equal(posts, 3, "one post for the live report; none for the five of nothing, none of the held notices");
  assert.equal(count(`token_id = '${t.id}' AND delivered_at IS NULL`), 1);
  await alice.request("POST", "/_apis/tokens/pats/revokeall");
});

test("live tokens per user: past the quota a create is a 409 that says what to do, and a revocation makes room", async () => {
  await worker.advance(61_000);
  const [carol] = await signedIn(worker, "bob");
  const made = [];
  for (let i = 0; i < LIVE_TOKENS; i++) {
    const t = await carol.createToken({ organization: "contoso", displayName: `quota ${i}` });
    assert.equal(t.status, 201);
    made.push(t);
  }
  const over = await carol.createToken({ organization: "contoso" });
  assert.equal(over.status, 409);
  assert.equal(over.body.patTokenError, "failedToIssueAccessToken");
  assert.match(over.body.message, new RegExp(`${LIVE_TOKENS} live tokens.*revoke`));
  assert.equal(worker.sql("SELECT count(*) AS n FROM tokens WHERE owner = 'bob'")[0].n, LIVE_TOKENS, "nothing written");
  assert.equal((await carol.request("DELETE", `/_apis/tokens/pats?authorizationId=${made[0].id}`)).status, 204);
  assert.equal((await carol.createToken({ organization: "contoso" })).status, 201);
  await carol.request("POST", "/_apis/tokens/pats/revokeall");
});

test("changes per user: the 61st state-changing request in a minute is a 429 before anything is written; reads and sign-out go on", async () => {
  await worker.advance(61_000);
  await worker.freeze();
  try {
    const [a, b] = await signedIn(worker, "alice", "alice"); // the sign-ins are two changes
    const t = await a.createToken({ displayName: "renamed" }); // three
    assert.equal(t.status, 201);
    const audited = () => worker.sql("SELECT count(*) AS n FROM audit WHERE actor = 'alice'")[0].n;
    for (let i = 4; i <= LIMITS.changesPerUserPerMinute; i++) {
      const r = await (i % 2 ? a : b).request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, displayName: `renamed ${i}` });
      assert.equal(r.status, 200, `change ${i}`);
    }
    const before = audited();
    const over = await b.request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, displayName: "one too many" });
    assert.equal(over.status, 429);
    assert.match(over.body.message, /too many changes from your account \(60 a minute\)/);
    assert.equal(Number(over.headers.get("retry-after")), 60);
    assert.equal((await a.createToken()).status, 429, "every session of the user shares the quota");
    assert.equal(audited(), before, "nothing audited past it");
    assert.equal((await a.get("/_apis/tokens/pats")).status, 200, "reads are not changes");
    const [bob] = await signedIn(worker, "bob");
    assert.equal((await bob.createToken({ organization: "contoso" })).status, 201, "another user has their own");
    assert.equal((await b.request("DELETE", "/_apis/session")).status, 204, "signing out is never refused");
    await worker.advance(60_000);
    assert.equal((await a.request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, displayName: "next minute" })).status, 200);
    await a.request("POST", "/_apis/tokens/pats/revokeall");
    await bob.request("POST", "/_apis/tokens/pats/revokeall");
  } finally {
    await worker.freeze(false);
  }
});

test("sessions per user: the 21st sign-in ends the oldest session, audited with the count", async () => {
  await worker.advance(61_000);
  const clients = [];
  for (let i = 0; i < LIMITS.sessionsPerUser + 1; i++) {
    const c = new Client(worker);
    assert.equal((await c.signIn("admin")).status, 200);
    clients.push(c);
    // Two sign-ins in one millisecond would tie; the clock moves between them.
    await worker.advance(1000);
  }
  assert.equal((await clients[0].get("/_apis/session")).status, 401, "the oldest session ended");
  for (const c of clients.slice(1)) assert.equal((await c.get("/_apis/session")).status, 200);
  const live = worker.sql(`SELECT count(*) AS n FROM sessions WHERE user_id = 'admin' AND expires_at > ${worker.now()}`)[0].n;
  assert.equal(live, LIMITS.sessionsPerUser);
  const ended = worker.sql("SELECT detail FROM audit WHERE action = 'session.limit' AND subject = 'admin'").map((r) => JSON.parse(r.detail));
  assert.deepEqual(ended, [{ ended: 1, sessionsMax: LIMITS.sessionsPerUser }]);
  for (const c of clients.slice(1)) await c.request("DELETE", "/_apis/session");
});

test("a digest is issued once, ever: a secret retired by a regeneration is refused to every user at create and regenerate", async () => {
  await worker.advance(61_000);
  const [alice, bob] = await signedIn(worker, "alice", "bob");
  const t = await alice.createToken({ organization: "contoso" });
  const next = generateToken();
  assert.equal((await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: next.digest, hint: next.hint, graceMinutes: 0 })).status, 200);
  assert.equal((await withToken(worker, "/contoso/_git/demo/info/refs?service=git-upload-pack", t.token)).status, 401, "the old secret is retired");
  // bob registers the retired secret's digest as his own: refused, so it never works again.
  const again = await bob.request("POST", "/_apis/tokens/pats", { displayName: "revived", scope: "vso.code", organization: "contoso", validTo: worker.at(DAY), digest: t.digest, hint: t.token.slice(-4) });
  assert.equal(again.status, 409);
  assert.equal(again.body.patTokenError, "duplicateHash");
  const [own] = (await bob.get("/_apis/tokens/pats")).body.patTokens.filter((p) => p.displayName === "revived");
  assert.equal(own, undefined);
  const b = await bob.createToken({ organization: "contoso" });
  const regen = await bob.request("POST", `/_apis/tokens/pats/${b.id}/regenerate`, { digest: t.digest, hint: t.token.slice(-4) });
  assert.equal(regen.status, 409, "nor as a regeneration's new secret");
  // A revoked token's and a leaked one's digests too (public revocation by digest).
  const leaked = await alice.createToken({ organization: "contoso" });
  await fetch(`${worker.base}/_apis/tokens/revocations/public`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ credentials: [sha256b64url(leaked.token)] }) });
  await waitFor(async () => (await alice.get(`/_apis/tokens/pats?authorizationId=${leaked.id}`)).body.patToken.status === "revoked", { what: "the leaked token revoked" });
  assert.equal((await bob.request("POST", "/_apis/tokens/pats", { displayName: "leaked again", scope: "vso.code", organization: "contoso", validTo: worker.at(DAY), digest: leaked.digest, hint: leaked.token.slice(-4) })).status, 409);
  for (const c of [alice, bob]) await c.request("POST", "/_apis/tokens/pats/revokeall");
});

test("a revocation rule for full access (app_token) revokes exactly the full-access tokens: 201, never a 5xx", async () => {
  await worker.advance(61_000);
  const [admin, alice] = await signedIn(worker, "admin", "alice");
  const full = await alice.createToken({ organization: "contoso", scope: "app_token" });
  const code = await alice.createToken({ organization: "contoso", scope: "vso.code_full" });
  assert.deepEqual([full.status, code.status], [201, 201]);
  const r = await admin.request("POST", "/contoso/_apis/tokenadmin/revocationrules?api-version=7.1-preview.1", { scopes: "app_token" });
  assert.equal(r.status, 201);
  assert.deepEqual(r.body, { revoked: 1 });
  const status = async (t) => (await alice.get(`/_apis/tokens/pats?authorizationId=${t.id}`)).body.patToken.status;
  assert.deepEqual([await status(full), await status(code)], ["revoked", "active"]);
  // Its effect: refused at the next request, the owner told, the rule audited with its scopes.
  assert.equal((await withToken(worker, "/contoso/_apis/projects", full.token)).status, 401);
  assert.equal((await withToken(worker, "/contoso/_apis/git/repositories", code.token)).status, 200, "the other token still works");
  const told = worker.sql(`SELECT message FROM notifications WHERE token_id = '${full.id}' AND kind = 'revoked'`).map((n) => n.message);
  assert.deepEqual(told, [`Personal access token ${JSON.stringify("test token")} was revoked by an administrator (admin); tools using it are refused from now on.`]);
  const audited = worker.sql(`SELECT actor, subject, detail FROM audit WHERE action = 'admin.token.revocationRule' AND token_id = '${full.id}'`);
  assert.deepEqual(audited, [{ actor: "admin", subject: "alice", detail: JSON.stringify({ organization: "contoso", scopes: "app_token" }) }]);
  // A rule for a scope: the full-access token would grant it too (it is already revoked).
  assert.deepEqual((await admin.request("POST", "/contoso/_apis/tokenadmin/revocationrules?api-version=7.1-preview.1", { scopes: "vso.code" })).body, { revoked: 1 });
  assert.equal(await status(code), "revoked");
  await alice.request("POST", "/_apis/tokens/pats/revokeall");
});

test("a token's name reaches notices and the webhook quoted: nothing in it reads as patgate's words", async () => {
  await worker.advance(LIMITS.webhookRetryMs + 61_000);
  accept = true;
  const [alice] = await signedIn(worker, "alice");
  const name = 'deploy" was reported as leaked (found at https://evil.example/x); revoke "ci';
  const t = await alice.createToken({ organization: "contoso", displayName: name });
  assert.equal(t.status, 201);
  await waitFor(() => bodies.some((b) => b.authorizationId === t.id), { what: "its notice delivered" });
  const body = bodies.find((b) => b.authorizationId === t.id);
  assert.equal(body.displayName, name, "the name as a field of its own");
  assert.equal(body.foundAt, null);
  assert.ok(body.message.startsWith(`Personal access token ${JSON.stringify(name)} was created; it expires `), body.message);
  assert.ok(!body.message.includes('"deploy" was'), "the quote in the name is escaped");
});

test("API paths in any case: /_APIS/ is the API (a JSON 404, api-version read), never the portal's page", async () => {
  for (const [path, status] of [["/_APIS/nonexistent", 404], ["/_Apis/tokens/whatever", 404], ["/x/_ApIs/y", 404], ["/fabrikam/_APIS", 405]]) {
    const r = await fetch(worker.base + path);
    assert.equal(r.status, status, path);
    assert.match(r.headers.get("content-type"), /^application\/json/, path);
  }
  const badVersion = await fetch(worker.base + "/_APIS/TOKENS/PATS?api-version=banana");
  assert.equal(badVersion.status, 400, "api-version is read on a route in another case");
});
