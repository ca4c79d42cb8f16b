// Device approval on the running worker: a tool asks for a token with the digest of a secret it
// made, polls as RFC 8628 says, and receives the token's record once its user approved; denial,
// expiry, narrowing, the policy at approval, codes that guess, and addresses that flood.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { generateToken } from "../../pkg/node.mjs";
import { DAY, freshWorker, signedIn, withToken } from "./harness.mjs";

let worker;
let alice;
let bob;
let admin;

before(async () => {
  // The scheduled configuration: the hourly run (cron) expires requests past their end.
  worker = await freshWorker("requests", { config: "test/wrangler.scheduled.toml" });
  [alice, bob, admin] = await signedIn(worker, "alice", "bob", "admin");
  // Tokens for all organizations are made here: allowed (a new store starts with them retired).
  assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { globalTokens: "allowed" })).status, 200);
});

after(async () => {
  await worker?.stop();
});

const post = (path, body, headers = {}) => fetch(worker.base + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const answer = async (r) => ({ status: r.status, body: await r.json().catch(() => null) });

/** A tool's request: a token made here, its digest sent; the grant and the token. */
async function ask(fields = {}, headers = {}) {
  const g = generateToken();
  const r = await answer(await post("/_apis/tokens/requests", { digest: g.digest, hint: g.hint, displayName: "git: on laptop", scope: "vso.code_write", ...fields }, headers));
  return { ...r, token: g.token, digest: g.digest };
}

const poll = async (deviceCode) => answer(await post("/_apis/tokens/requests/token", { device_code: deviceCode }));
const code = (r) => r.body.user_code;

test("a tool's request, approved: polls pending, then the token's record once; the token works; nothing secret stored", async () => {
  await worker.freeze();
  try {
    const r = await ask({ organization: "fabrikam" }, { "user-agent": "git-credential-patgate/0.1" });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const b = r.body;
    assert.deepEqual(Object.keys(b).sort(), ["device_code", "expires_in", "interval", "user_code", "verification_uri", "verification_uri_complete"]);
    assert.match(b.user_code, /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    assert.ok(Buffer.from(b.device_code, "base64url").length >= 16, "at least 128 bits");
    assert.deepEqual([b.verification_uri, b.verification_uri_complete, b.expires_in, b.interval], [`${worker.base}/device`, `${worker.base}/device?code=${b.user_code}`, 900, 5]);
    // Pending; polled again at once: slow_down, and 5 s more between polls from now on.
    assert.deepEqual(await poll(b.device_code), { status: 400, body: { error: "authorization_pending", error_description: "the request waits for its approval" } });
    const fast = await poll(b.device_code);
    assert.deepEqual([fast.status, fast.body.error, fast.body.error_description], [400, "slow_down", "poll at most every 10 seconds"]);
    await worker.advance(9_999);
    assert.equal((await poll(b.device_code)).body.error, "slow_down", "9.999 s after a poll, with a 10 s interval");
    await worker.advance(15_000);
    assert.equal((await poll(b.device_code)).body.error, "authorization_pending");
    // What alice sees, by the code as typed in any case and with or without its dash.
    const seen = await alice.get(`/_apis/tokens/requests/${b.user_code.replace("-", "").toLowerCase()}`);
    assert.equal(seen.status, 200);
    assert.deepEqual({ ...seen.body, requestedAt: null, expiresAt: null }, {
      userCode: b.user_code, displayName: "git: on laptop", scope: "vso.code_write", organization: "fabrikam", validTo: null,
      requestedAt: null, expiresAt: null, requestedFrom: "127.0.0.1", requestedBy: "git-credential-patgate/0.1", yourAddress: "127.0.0.1", sameAddress: true, state: "pending",
    });
    assert.equal(Date.parse(seen.body.expiresAt) - Date.parse(seen.body.requestedAt), 15 * 60_000);
    const approved = await alice.request("POST", `/_apis/tokens/requests/${b.user_code}/approve`, {});
    assert.equal(approved.status, 200, approved.text);
    const pat = approved.body.patToken;
    assert.deepEqual([pat.displayName, pat.scope, pat.organization, pat.owner, pat.hint, pat.status], ["git: on laptop", "vso.code_write", "fabrikam", "alice", r.token.slice(-4), "active"]);
    assert.equal(Date.parse(pat.validTo) - Date.parse(pat.validFrom), 30 * DAY, "30 days by default");
    await worker.advance(10_000);
    const got = await poll(b.device_code);
    assert.equal(got.status, 200);
    assert.deepEqual([got.body.authorizationId, got.body.token, got.body.scope], [pat.authorizationId, null, "vso.code_write"]);
    assert.ok(!JSON.stringify(got.body).includes(r.digest), "no digest in the record");
    await worker.advance(10_000);
    assert.deepEqual((await poll(b.device_code)).body.error, "invalid_grant", "a device code is used once");
    assert.equal((await withToken(worker, "/fabrikam/_apis/git/repositories", r.token)).status, 200);
    // The owner's notice says a tool made it, and from where; the audit log has the request and the approval.
    const notice = (await alice.get("/_apis/notifications")).body.value.find((n) => n.authorizationId === pat.authorizationId);
    assert.match(notice.message, /^Personal access token "git: on laptop" was created by a tool you approved \(it asked from 127\.0\.0\.1\); it expires /);
    const actions = worker.sql(`SELECT action, actor, detail FROM audit WHERE token_id = '${pat.authorizationId}' OR (action = 'token.request' AND detail LIKE '%${b.user_code.replace("-", "")}%') ORDER BY id`);
    assert.deepEqual(actions.map((a) => `${a.action} ${a.actor}`), ["token.request null", "token.request.approve alice", "token.create alice"]);
    assert.equal(JSON.parse(actions[2].detail).via, "device");
    const store = worker.storeBytes();
    for (const secret of [r.token, b.device_code]) assert.equal(store.indexOf(Buffer.from(secret)), -1, "neither the token nor the device code is in the store");
    assert.equal(worker.sql(`SELECT count(*) AS n FROM token_requests WHERE device_code = '${createHash("sha256").update(b.device_code).digest("base64url")}'`)[0].n, 1, "the device code's digest is");
  } finally {
    await worker.freeze(false);
  }
});

test("denied: the tool hears access_denied; a decided request cannot be decided again", async () => {
  const r = await ask();
  assert.equal((await bob.request("POST", `/_apis/tokens/requests/${code(r)}/deny`)).status, 204);
  assert.equal((await poll(r.body.device_code)).body.error, "access_denied");
  assert.equal((await alice.request("POST", `/_apis/tokens/requests/${code(r)}/approve`, { organization: "fabrikam" })).status, 409);
  assert.equal((await bob.request("POST", `/_apis/tokens/requests/${code(r)}/deny`)).status, 409);
  assert.equal((await alice.get(`/_apis/tokens/requests/${code(r)}`)).body.state, "denied");
  assert.equal(worker.sql(`SELECT count(*) AS n FROM audit WHERE action = 'token.request.deny' AND actor = 'bob'`)[0].n, 1);
  assert.equal((await withToken(worker, "/contoso/_apis/projects", r.token)).status, 401);
});

test("expiry: 15 minutes exactly; the tool hears expired_token, nobody can approve it, the hourly run audits the unpolled", async () => {
  await worker.freeze();
  try {
    const polled = await ask();
    const unpolled = await ask();
    await worker.advance(15 * 60_000 - 1);
    assert.equal((await poll(polled.body.device_code)).body.error, "authorization_pending", "a millisecond before its end");
    await worker.advance(1);
    assert.equal((await poll(polled.body.device_code)).body.error, "expired_token");
    assert.equal((await alice.get(`/_apis/tokens/requests/${code(unpolled)}`)).body.state, "expired");
    assert.equal((await alice.request("POST", `/_apis/tokens/requests/${code(unpolled)}/approve`, { organization: "fabrikam" })).status, 409);
    await worker.cron();
    const expired = worker.sql("SELECT detail FROM audit WHERE action = 'token.request.expire'").map((a) => JSON.parse(a.detail).userCode);
    for (const r of [polled, unpolled]) assert.equal(expired.filter((c) => c === code(r).replace("-", "")).length, 1, "audited once");
    assert.equal((await poll(unpolled.body.device_code)).body.error, "expired_token");
  } finally {
    await worker.freeze(false);
  }
});

test("an approval may narrow what was asked (scopes, organization, end), never widen it; the policy in force applies", async () => {
  const wide = await ask({ scope: "vso.code_write vso.build" });
  assert.equal((await alice.request("POST", `/_apis/tokens/requests/${code(wide)}/approve`, { organization: "fabrikam", scope: "vso.code_full" })).body.message, "an approval may narrow the scopes asked for, never widen them");
  assert.equal((await alice.request("POST", `/_apis/tokens/requests/${code(wide)}/approve`, {})).body.field, "organization", "no organization asked: the approver chooses");
  assert.equal((await alice.request("POST", `/_apis/tokens/requests/${code(wide)}/approve`, { organization: "northwind" })).status, 400, "not one of hers");
  const narrowed = await alice.request("POST", `/_apis/tokens/requests/${code(wide)}/approve`, { organization: "contoso", scope: "vso.code", validTo: worker.at(2 * DAY) });
  assert.equal(narrowed.status, 200, narrowed.text);
  assert.deepEqual([narrowed.body.patToken.scope, narrowed.body.patToken.organization], ["vso.code", "contoso"]);
  const fixed = await ask({ organization: "fabrikam", validTo: worker.at(3 * DAY) });
  assert.equal((await alice.request("POST", `/_apis/tokens/requests/${code(fixed)}/approve`, { organization: "contoso" })).status, 400, "the organization asked for is kept");
  assert.equal((await alice.request("POST", `/_apis/tokens/requests/${code(fixed)}/approve`, { validTo: worker.at(4 * DAY) })).body.field, "validTo", "never later than asked");
  const all = await alice.request("POST", `/_apis/tokens/requests/${code(await ask())}/approve`, { allOrgs: true });
  assert.deepEqual([all.status, all.body.patToken?.allOrgs], [200, true]);
  // The policy at approval: full access restricted.
  const policy = (await admin.get("/_apis/tokenadmin/policies")).body;
  assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { ...policy, restrictFullAccess: true })).status, 200);
  try {
    const full = await ask({ scope: "app_token", organization: "fabrikam" });
    assert.equal(full.status, 200, "asking is not creating");
    const refused = await alice.request("POST", `/_apis/tokens/requests/${code(full)}/approve`, {});
    assert.deepEqual([refused.status, refused.body.patTokenError], [400, "fullScopePatPolicyViolation"]);
    assert.equal((await alice.get(`/_apis/tokens/requests/${code(full)}`)).body.state, "pending", "a refused approval changes nothing");
  } finally {
    await admin.request("PUT", "/_apis/tokenadmin/policies", policy);
  }
});

test("a digest ever issued, or asked for already, is refused; bad bodies are clear 4xx that change nothing", async () => {
  const made = await alice.createToken();
  const g = generateToken();
  assert.equal((await answer(await post("/_apis/tokens/requests", { digest: made.digest, hint: made.token.slice(-4), displayName: "x", scope: "vso.code" }))).status, 409);
  const first = await answer(await post("/_apis/tokens/requests", { digest: g.digest, hint: g.hint, displayName: "x", scope: "vso.code" }));
  assert.equal(first.status, 200);
  assert.equal((await answer(await post("/_apis/tokens/requests", { digest: g.digest, hint: g.hint, displayName: "y", scope: "vso.code" }))).status, 409);
  const before = worker.sql("SELECT count(*) AS n FROM token_requests")[0].n;
  const bad = [
    { token: g.token }, { digest: g.digest, hint: g.hint, displayName: "x", scope: "vso.code", extra: 1 },
    { digest: "nope", hint: g.hint, displayName: "x", scope: "vso.code" }, { digest: generateToken().digest, hint: "!!", displayName: "x", scope: "vso.code" },
    { digest: generateToken().digest, hint: g.hint, displayName: "", scope: "vso.code" }, { digest: generateToken().digest, hint: g.hint, displayName: "x", scope: "vso.nope" },
    { digest: generateToken().digest, hint: g.hint, displayName: "x", scope: "vso.code", organization: 7 },
    { digest: generateToken().digest, hint: g.hint, displayName: "x", scope: "vso.code", validTo: "tomorrow" }, [], "text", null,
  ];
  for (const body of bad) {
    const r = await answer(await post("/_apis/tokens/requests", body));
    assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
    assert.ok(!JSON.stringify(r.body).includes(g.token), "a token sent by mistake never comes back");
  }
  for (const raw of ["{", "x".repeat(20_000), ""]) {
    const r = await fetch(worker.base + "/_apis/tokens/requests", { method: "POST", headers: { "content-type": "application/json" }, body: raw });
    assert.ok(r.status >= 400 && r.status < 500, `${raw.slice(0, 10)}: ${r.status}`);
  }
  // Polls: a missing or malformed device code is invalid_request, one that matches nothing invalid_grant.
  for (const [deviceCode, error] of [[undefined, "invalid_request"], [7, "invalid_request"], ["x".repeat(200), "invalid_request"], ["unknown", "invalid_grant"]]) {
    assert.deepEqual([(await poll(deviceCode)).status, (await poll(deviceCode)).body.error], [400, error], JSON.stringify(deviceCode)?.slice(0, 20));
  }
  const extra = await answer(await post("/_apis/tokens/requests/token", { device_code: "unknown", other: 1 }));
  assert.equal(extra.status, 400, "an unknown field is refused");
  assert.equal(worker.sql("SELECT count(*) AS n FROM token_requests")[0].n, before, "nothing written");
});

test("limits: 5 pending requests per address; 10 codes a minute that match nothing, per session and per address", async () => {
  await worker.freeze();
  try {
    await worker.advance(16 * 60_000); // the earlier tests' requests are over
    // From another address (test workers have no peer key: CF-Connecting-IP is the platform's word there).
    const from = { "cf-connecting-ip": "192.0.2.7" };
    const asked = [];
    for (let i = 0; i < 5; i++) asked.push(await ask({}, from));
    assert.deepEqual(asked.map((r) => r.status), [200, 200, 200, 200, 200]);
    const sixth = await ask({}, from);
    assert.deepEqual([sixth.status, sixth.body.error], [429, "too_many_requests"], "the sixth pending request from one address");
    assert.equal((await ask()).status, 200, "another address is not limited by it");
    const seen = (await alice.get(`/_apis/tokens/requests/${code(asked[0])}`)).body;
    assert.deepEqual([seen.requestedFrom, seen.yourAddress, seen.sameAddress], ["192.0.2.7", "127.0.0.1", false], "the approver is told the request came from elsewhere");
    await bob.request("POST", `/_apis/tokens/requests/${code(asked[0])}/deny`);
    assert.equal((await ask({}, from)).status, 200, "a decided request frees its place");
    // Guessing: ten misses a minute, then 429; a real code is still found after the window.
    const guesser = (await signedIn(worker, "bob"))[0];
    for (let i = 0; i < 10; i++) assert.equal((await guesser.get(`/_apis/tokens/requests/BBBB-BBB${"CDFGHJKLMN"[i]}`)).status, 404, `guess ${i + 1}`);
    const limited = await guesser.get("/_apis/tokens/requests/BBBB-BBBP");
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "60");
    await worker.advance(61_000);
    assert.equal((await guesser.get(`/_apis/tokens/requests/${code(asked[1])}`)).status, 200);
  } finally {
    await worker.freeze(false);
  }
});
