// Abuse of the running worker, as an attacker would try it: floods, policy bypasses, revived
// secrets, sign-in bursts, hidden files, prototype-named options, duplicate deliveries,
// credentials in URLs. Each answer is a clear 4xx (never a 5xx) and the store is unchanged
// unless the row says what may change.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { generateToken } from "../../pkg/node.mjs";
import { Client, DAY, basic, freshWorker, signedIn, webhookReceiver, withToken, waitFor } from "./harness.mjs";

let worker;
let alice;
let admin;
let hook;
let received;

before(async () => {
  // A slow webhook that accepts everything: overlapping delivery runs would post twice.
  hook = await webhookReceiver({ delayMs: 150 });
  received = hook.received;
  // The table of failed sign-in counters holds 40 names here, so that a test can fill it.
  worker = await freshWorker("abuse", { webhook: hook.url, vars: { PATGATE_SIGNIN_ROWS_MAX: "40" } });
  [alice, admin] = await signedIn(worker, "alice", "admin");
  // Tokens for all organizations are made here: allowed (a new store starts with them retired).
  assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { globalTokens: "allowed" })).status, 200);
});

after(async () => {
  await worker?.stop();
  hook?.close();
});

/** What a request could change, except the throttled lastUsedAt and the sign-in counters. */
function snapshot() {
  return JSON.stringify([
    worker.sql("SELECT id, owner, display_name, organization, scope, valid_from, valid_to, revoked_at, digest, hint, previous_digest, previous_until FROM tokens ORDER BY id"),
    worker.sql("SELECT count(*) AS n FROM audit"),
    worker.sql("SELECT count(*) AS n FROM notifications"),
    worker.sql("SELECT count(*) AS n FROM sessions"),
    worker.sql("SELECT * FROM policies ORDER BY key"),
  ]);
}

/** A raw request with exactly these headers; the status and the body. */
function raw(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: worker.port, method, path, headers }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d)).on("end", () => resolve({ status: res.statusCode, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const sha256 = (text) => createHash("sha256").update(text).digest("base64url");


// That no header is scanned past its cap is http.test.mjs's ("a header value over the cap comes
// back untouched"); how fast a flood is refused is scripts/bench.sh's.
test("whitespace floods in every header the worker reads: a 4xx, and nothing changes", async () => {
  const before = snapshot();
  const flood = (c) => c.repeat(100_000);
  const cases = [
    ["GET", "/fabrikam/_apis/projects", { authorization: flood(" ") + "Basic Zm9vOmJhcg==" }],
    ["GET", "/fabrikam/_apis/projects", { authorization: "Basic Zm9vOmJhcg==" + flood(" ") + "x" }],
    ["GET", "/fabrikam/_apis/projects", { authorization: "Basic" + flood("\t") + "Zm9vOmJhcg==" }],
    ["GET", "/fabrikam/_apis/projects", { authorization: "Basic Zm9vOmJhcg==" + flood(" \t") + "." }],
    ["GET", "/fabrikam/_apis/projects", { authorization: "Bearer " + flood(" ") + "pat_x" + flood(" ") + "y" }],
    ["GET", "/_apis/session", { cookie: flood(" ") + "patgate_session=x" + flood(" ") + ";" }],
    ["GET", "/_apis/session", { cookie: "a=" + flood(";") }],
    ["POST", "/_apis/tokens/pats", { "content-type": flood(" ") + "application/json" + flood(" ") + ";", origin: "http://x" }],
    ["POST", "/_apis/session", { "content-type": "application/json", origin: flood(" ") + "http://127.0.0.1" + flood(" ") + "." }],
    ["POST", "/_apis/session", { "content-type": "application/json", "sec-fetch-site": flood("\t") + "same-origin" + flood("\t") + "x" }],
    ["POST", "/_apis/tokens/pats", { "content-type": "application/json", "x-csrf-token": flood(" ") + "x" + flood(" ") + "y" }],
  ];
  for (const [method, path, headers] of cases) {
    const r = await raw(method, path, headers, method === "POST" ? "{}" : undefined);
    const name = `${method} ${path} ${Object.keys(headers).join(",")}`;
    assert.ok(r.status >= 400 && r.status < 500, `${name}: ${r.status}`);
  }
  assert.equal(snapshot(), before);
});

test("the policy in force holds on create, edit and regenerate", async () => {
  const full = await alice.createToken({ displayName: "full, long", scope: "app_token", validTo: worker.at(300 * DAY) });
  const long = await alice.createToken({ displayName: "code, long", scope: "vso.code", validTo: worker.at(300 * DAY) });
  assert.deepEqual([full.status, long.status], [201, 201]);
  assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { maxLifespanDays: 30, restrictFullAccess: true })).status, 200);
  try {
    const before = snapshot();
    const g = generateToken();
    const regen = await alice.request("POST", `/_apis/tokens/pats/${full.id}/regenerate`, { digest: g.digest, hint: g.hint });
    assert.deepEqual([regen.status, regen.body.patTokenError, regen.body.field], [400, "fullScopePatPolicyViolation", "scope"]);
    // An edit that widens or extends a token makes a new credential: the result is checked whole.
    const widened = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: long.id, scope: "vso.code_write" });
    assert.deepEqual([widened.status, widened.body.patTokenError, widened.body.field], [400, "patLifespanPolicyViolation", "validTo"]);
    const extended = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: full.id, validTo: worker.at(301 * DAY) });
    assert.deepEqual([extended.status, extended.body.patTokenError], [400, "fullScopePatPolicyViolation"]);
    const create = await alice.createToken({ scope: "vso.code", validTo: worker.at(31 * DAY) });
    assert.deepEqual([create.status, create.body.patTokenError], [400, "patLifespanPolicyViolation"]);
    // So does one that lets it act in an organization it could not: another one, or all.
    for (const [path, body] of [["/contoso/_apis/tokens/pats", { allOrgs: false }], ["/_apis/tokens/pats", { organization: "contoso" }], ["/_apis/tokens/pats", { allOrgs: true }]]) {
      const moved = await alice.request("PUT", path, { authorizationId: long.id, ...body });
      assert.deepEqual([moved.status, moved.body.patTokenError, moved.body.field], [400, "patLifespanPolicyViolation", "validTo"], `${path} ${JSON.stringify(body)}`);
      const fullMoved = await alice.request("PUT", path, { authorizationId: full.id, ...body });
      assert.deepEqual([fullMoved.status, fullMoved.body.patTokenError], [400, "fullScopePatPolicyViolation"], `${path} ${JSON.stringify(body)}: full access`);
    }
    assert.equal((await withToken(worker, "/contoso/_apis/git/repositories", long.token)).status, 403, "still fabrikam's only");
    assert.equal((await withToken(worker, "/fabrikam/_apis/git/repositories", long.token)).status, 200);
    assert.equal(snapshot(), before, "nothing changed");
    // One that only renames, narrows or shortens takes nothing the token did not have: allowed,
    // so that a token made under the looser policy can still be tidied.
    const rename = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: full.id, displayName: "renamed" });
    assert.deepEqual([rename.status, rename.body.patToken.displayName, rename.body.patToken.scope], [200, "renamed", "app_token"]);
    const narrowed = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: full.id, scope: "vso.code" });
    assert.deepEqual([narrowed.status, narrowed.body.patToken.scope, narrowed.body.patToken.validTo], [200, "vso.code", full.body.patToken.validTo]);
    const fixed = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: full.id, validTo: worker.at(20 * DAY) });
    assert.equal(fixed.status, 200);
    // Now within the policy whole, it may act in more organizations.
    const spread = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: full.id, allOrgs: true });
    assert.deepEqual([spread.status, spread.body.patToken.allOrgs], [200, true]);
    // A regenerated long token gets the policy's maximum.
    const g2 = generateToken();
    const renewed = await alice.request("POST", `/_apis/tokens/pats/${long.id}/regenerate`, { digest: g2.digest, hint: g2.hint });
    assert.equal(renewed.status, 200);
    const days = (Date.parse(renewed.body.patToken.validTo) - Date.parse(renewed.body.patToken.validFrom)) / DAY;
    assert.equal(days, 30);
  } finally {
    assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { maxLifespanDays: 365, restrictFullAccess: false })).status, 200);
  }
});

test("a grace period never revives an expired or revoked secret", async () => {
  const dying = await alice.createToken({ displayName: "dying", scope: "vso.project", validTo: worker.at(60_000) });
  const path = "/fabrikam/_apis/projects";
  assert.equal((await withToken(worker, path, dying.token)).status, 200);
  await worker.advance(60_000);
  assert.equal((await withToken(worker, path, dying.token)).status, 401);
  const before = snapshot();
  const revive = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: dying.id, validTo: worker.at(DAY) });
  assert.deepEqual([revive.status, revive.body.patTokenError], [409, "invalidAuthorizationId"]);
  assert.equal(snapshot(), before);
  const g = generateToken();
  const regen = await alice.request("POST", `/_apis/tokens/pats/${dying.id}/regenerate`, { digest: g.digest, hint: g.hint, graceMinutes: 1440 });
  assert.equal(regen.status, 200);
  assert.equal(regen.body.patToken.graceUntil, null);
  assert.equal((await withToken(worker, path, dying.token)).status, 401, "the expired secret stays dead");
  assert.equal((await withToken(worker, path, g.token)).status, 200);
  // A live secret's grace ends at its own end, not later.
  const ending = await alice.createToken({ displayName: "ending", scope: "vso.project", validTo: worker.at(10 * 60_000) });
  const end = Date.parse(ending.body.patToken.validTo);
  const g2 = generateToken();
  const graced = await alice.request("POST", `/_apis/tokens/pats/${ending.id}/regenerate`, { digest: g2.digest, hint: g2.hint, graceMinutes: 1440, validTo: worker.at(DAY) });
  assert.equal(Date.parse(graced.body.patToken.graceUntil), end);
  assert.equal((await withToken(worker, path, ending.token)).status, 200, "within its grace");
  await worker.advance(10 * 60_000);
  assert.equal((await withToken(worker, path, ending.token)).status, 401, "its grace ended with its life");
  assert.equal((await withToken(worker, path, g2.token)).status, 200);
  // A revoked token: nothing revives it.
  await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${ending.id}`);
  const g3 = generateToken();
  const again = await alice.request("POST", `/_apis/tokens/pats/${ending.id}/regenerate`, { digest: g3.digest, hint: g3.hint, graceMinutes: 60 });
  assert.equal(again.status, 409);
});

test("30 simultaneous wrong passwords: at most 5 reach the check, the rest get 429", async () => {
  const tries = await Promise.all(Array.from({ length: 30 }, (_, i) => new Client(worker).signIn("bob", "wrong " + i)));
  const statuses = tries.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join(" "));
  assert.equal(statuses.filter((s) => s === 429).length, 25, `${statuses.join(" ")}\n${tries.filter((r) => r.status !== 401 && r.status !== 429).map((r) => r.text).join("\n")}\n${worker.log.slice(-2000)}`);
  assert.equal((await new Client(worker).signIn("bob")).status, 429, "even the right password waits");
  const audited = worker.sql("SELECT count(*) AS n FROM audit WHERE action = 'signin.failed' AND subject = 'bob'")[0].n;
  assert.equal(audited, 5);
  assert.equal(worker.sql("SELECT count(*) AS n FROM audit WHERE action = 'signin.locked' AND subject = 'bob'")[0].n, 1, "the lock is audited once, not per refusal");
  await worker.advance(15 * 60_000);
  assert.equal((await new Client(worker).signIn("bob")).status, 200, "the window has passed");
  assert.equal(worker.sql(`SELECT count(*) AS n FROM signin_failures WHERE name_digest = '${sha256("bob")}'`)[0].n, 0);
});

test("failed sign-ins for made-up names leave no rows once their window has passed", async () => {
  for (let i = 0; i < 20; i++) assert.equal((await new Client(worker).signIn(`nobody-${i}`, "x")).status, 401);
  assert.ok(worker.sql("SELECT count(*) AS n FROM signin_failures")[0].n >= 20);
  await worker.advance(15 * 60_000);
  assert.equal((await new Client(worker).signIn("nobody-else", "x")).status, 401);
  // Only the last attempt's two counters are left: its name at its address, and its name.
  assert.equal(worker.sql("SELECT count(*) AS n FROM signin_failures")[0].n, 2);
});

test("repository files: no spelling of their path reaches them except through the gate", async () => {
  const control = await raw("GET", "/no-such-file-anywhere/at/all", {});
  const t = await alice.createToken({ scope: "vso.code" });
  const real = await fetch(`${worker.base}/fabrikam/demo/_git/demo/HEAD`, { headers: { authorization: basic(t.token) } });
  assert.equal(real.status, 200);
  const head = await real.text();
  assert.match(head, /^ref: refs\/heads\/main/);
  for (const spelling of [
    "/_repos/fabrikam/demo/demo.git/HEAD", "/%5Frepos/fabrikam/demo/demo.git/HEAD", "/%5frepos/fabrikam/demo/demo.git/HEAD",
    "//_repos/fabrikam/demo/demo.git/HEAD", "/_repos%2Ffabrikam%2Fdemo%2Fdemo.git%2FHEAD", "/_REPOS/fabrikam/demo/demo.git/HEAD",
    "/./_repos/fabrikam/demo/demo.git/HEAD", "/x/../_repos/fabrikam/demo/demo.git/HEAD", "/_repos/fabrikam/demo/demo.git/config",
    "/fabrikam/demo/_git/demo/../../../_repos/fabrikam/demo/demo.git/HEAD",
  ]) {
    const r = await raw("GET", spelling, {});
    assert.ok(!r.body.includes("ref: refs/heads/main") && !r.body.includes("[core]"), `${spelling}: the file leaked`);
    assert.ok(r.status === control.status || (r.status >= 400 && r.status < 500), `${spelling}: ${r.status}`);
    assert.notEqual(r.status, 307, spelling);
  }
});

test("prototype names and non-canonical digests are client errors, never 503", async () => {
  const t = await alice.createToken({});
  const before = snapshot();
  for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"]) {
    for (const path of [`/_apis/tokens/pats?displayFilterOption=${name}`, `/_apis/tokens/pats?sortByOption=${name}`]) {
      const r = await alice.get(path);
      assert.equal(r.status, 400, `${path}: ${r.status}`);
    }
    for (const path of [`/_apis/tokenadmin/personalaccesstokens?displayFilterOption=${name}`, `/_apis/tokenadmin/personalaccesstokens?sortByOption=${name}`]) {
      assert.equal((await admin.get(path)).status, 400, path);
    }
  }
  // 43 base64url characters whose last one has non-zero trailing bits: not a SHA-256 the
  // core would ever write (its decoder is strict), so a client error.
  const g = generateToken();
  const loose = g.digest.slice(0, 42) + "B";
  assert.equal(Buffer.from(loose, "base64url").length, 32, "the oracle agrees it decodes leniently");
  const create = await alice.createToken({ digest: loose });
  assert.deepEqual([create.status, create.body.patTokenError, create.body.field], [400, "invalidToken", "digest"]);
  const regen = await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: loose, hint: "abcd" });
  assert.deepEqual([regen.status, regen.body.field], [400, "digest"]);
  // An unknown field on PUT is a malformed request: Azure DevOps' plain error naming it (the
  // PAT shape's patTokenError values are only the spec's, and none means "malformed").
  const put = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, owner: "bob" });
  assert.deepEqual([put.status, put.body.error, put.body.typeKey, put.body.field, put.body.message], [400, "unknown_field", "InvalidArgumentValueException", "owner", 'unknown field "owner"']);
  // A token pasted where a key or a value belongs never comes back in the answer: a key is named
  // by its place when it could hold one, an api-version or a scope is not quoted.
  const pasted = generateToken().token;
  for (const [method, path, body, place] of [["PUT", "/_apis/tokens/pats", { [pasted]: 1 }, 1], ["POST", "/_apis/tokens/pats", { displayName: "x", [pasted]: 1 }, 2]]) {
    const r = await alice.request(method, path, body);
    assert.deepEqual([r.status, r.body.field], [400, undefined]);
    assert.match(r.body.message, new RegExp(`^field ${place} of the body is not one this route takes \\(`));
    assert.ok(!r.text.includes(pasted.slice(4, 20)), `${method} ${path}: ${r.text}`);
  }
  const version = await raw("GET", "/fabrikam/_apis/projects", { accept: `application/json;api-version=${pasted}`, authorization: basic(t.token) });
  assert.equal(version.status, 400);
  assert.ok(!version.body.includes(pasted.slice(4, 20)), version.body);
  const scope = await alice.createToken({ scope: `vso.code ${pasted}` });
  assert.deepEqual([scope.status, scope.body.patTokenError, scope.body.message], [400, "invalidScope", "scope 2 of the list is not in the Azure DevOps catalog"]);
  // Names made only of invisible characters.
  for (const displayName of ["\u200b\u200b", "\u3164", " \u00a0 ", "\u2060", "\ufe0f", "\u115f\u1160"]) {
    const r = await alice.createToken({ displayName });
    assert.deepEqual([r.status, r.body.field], [400, "displayName"], JSON.stringify(displayName));
  }
  assert.equal(snapshot(), before);
});

test("a token anywhere in the URL is refused: a query value whatever its name, a query name, a path segment, inside longer text", async () => {
  const t = await alice.createToken({ scope: "vso.project vso.code" });
  const before = snapshot();
  const refused = async (url) => {
    const r = await fetch(`${worker.base}${url}`, { headers: { authorization: basic(t.token) } });
    const text = await r.text();
    assert.equal(r.status, 400, url.replace(t.token, "<token>"));
    assert.equal(JSON.parse(text).message, "credentials are accepted only in the Authorization header");
    assert.ok(!text.includes(t.token));
  };
  for (const name of ["access_token", "private_token", "api_key", "apikey", "key", "q", "anything", "Token"]) {
    for (const path of ["/fabrikam/_apis/projects", "/_apis/tokens/pats", "/"]) await refused(`${path}?${name}=${t.token}`);
  }
  const encoded = t.token.replace("_", "%5F");
  for (const url of [`/fabrikam/_apis/projects?${t.token}`, `/fabrikam/_apis/projects?${t.token}=1`, `/fabrikam/${t.token}/_apis/projects`,
    `/fabrikam/_apis/projects/${t.token}`, `/${t.token}`, `/fabrikam/demo/_git/${t.token}/info/refs?service=git-upload-pack`,
    `/fabrikam/_apis/projects/${encoded}`, `/fabrikam/demo/_apis/git/repositories/${t.token.replace("_", "%5f")}`,
    // Inside a longer segment or value, as a word of its own (the core reads the whole URL at once).
    `/fabrikam/_apis/projects/a-${t.token}`, `/fabrikam/_apis/projects?q=see%20${t.token}%20here`, `/fabrikam/_apis/projects?q=${t.token}.`]) await refused(url);
  // A name that only holds a token is not refused, and a 404 does not repeat it.
  for (const url of [`/fabrikam/_apis/projects/x${t.token}`, `/fabrikam/demo/_apis/git/repositories/x${encoded}`]) {
    const r = await fetch(`${worker.base}${url}`, { headers: { authorization: basic(t.token) } });
    const text = await r.text();
    assert.equal(r.status, 404, url);
    assert.ok(!text.includes(t.token.slice(4)), text);
  }
  // Ordinary values are not tokens, nor is a token-shaped string whose checksum is wrong.
  const forged = t.token.slice(0, -1) + (t.token.endsWith("A") ? "B" : "A");
  for (const url of ["/fabrikam/_apis/projects?q=hello", `/fabrikam/_apis/projects?q=${forged}`, `/fabrikam/_apis/projects?${forged}`]) {
    assert.equal((await fetch(`${worker.base}${url}`, { headers: { authorization: basic(t.token) } })).status, 200, url);
  }
  assert.notEqual((await fetch(`${worker.base}/fabrikam/${forged}/_apis/projects`, { headers: { authorization: basic(t.token) } })).status, 400);
  assert.equal(snapshot(), before);
});

test("unknown API paths answer JSON 404, never the portal", async () => {
  for (const path of ["/_apis/nothing", "/_apis/tokens/pats/extra/deep", "/fabrikam/_apis/nothing", "/fabrikam/_apis/nothing/deeper", "/_apis"]) {
    const r = await alice.get(path);
    assert.equal(r.status, 404, path);
    assert.match(r.headers.get("content-type"), /application\/json/, path);
  }
  // Azure DevOps' location service answers OPTIONS there, and only OPTIONS.
  const locations = await alice.get("/fabrikam/_apis");
  assert.deepEqual([locations.status, locations.headers.get("allow"), locations.body.typeKey], [405, "OPTIONS", "VssMethodNotAllowedException"]);
  const r = await alice.request("PATCH", "/_apis/tokens/pats", {});
  assert.equal(r.status, 405);
  assert.match(r.headers.get("allow"), /GET/);
});

test("overlapping webhook deliveries post each notice once", async () => {
  // Each create starts a delivery run after its response; with a slow receiver they overlap.
  const created = await Promise.all(Array.from({ length: 12 }, async (_, i) => (await alice.createToken({ displayName: `burst ${i}` })).id));
  // A delivery run posts one notice at a time to a slow receiver; on a busy machine a run can
  // take minutes, so the wait is long (it ends as soon as everything has arrived).
  const patient = { timeoutMs: 300_000, everyMs: 200 };
  await waitFor(() => created.every((id) => received.some((n) => n.authorizationId === id && n.kind === "created")), { ...patient, what: "every created notice" });
  await waitFor(() => worker.sql("SELECT count(*) AS n FROM notifications WHERE delivered_at IS NULL")[0].n === 0, { ...patient, what: "nothing left undelivered" });
  const ids = received.map((n) => n.id);
  assert.equal(new Set(ids).size, ids.length, "no notice was posted twice");
});

test("the test clock exists only where PATGATE_TEST_CLOCK is set", async () => {
  const prod = await freshWorker("abuse-noclock", { testClock: false });
  try {
    const r = await fetch(`${prod.base}/_apis/testing/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"advanceMs":1}' });
    assert.equal(r.status, 404);
    // Nothing else tells it is there either: not another method (405), not a bad api-version (400).
    for (const [method, query] of [["GET", ""], ["DELETE", ""], ["POST", "?api-version=banana"]]) {
      assert.equal((await fetch(`${prod.base}/_apis/testing/clock${query}`, { method })).status, 404, method + query);
    }
  } finally {
    await prod.stop();
  }
});

test("over HTTPS the session cookie is __Host-prefixed, Secure and the only name accepted", async () => {
  // wrangler's local HTTPS uses a self-signed certificate: trusted for this one worker only.
  const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  const secure = await freshWorker("abuse-https", { protocol: "https" });
  try {
    const c = new Client(secure);
    const r = await c.signIn("alice");
    assert.equal(r.status, 200);
    const [cookie, device] = r.headers.getSetCookie();
    assert.match(device, /^__Host-patgate_device=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=15552000; Secure$/);
    assert.match(cookie, /^__Host-patgate_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    assert.equal((await c.get("/_apis/session")).status, 200);
    const value = c.jar.get("__Host-patgate_session").split("=")[1];
    const plain = await fetch(`${secure.base}/_apis/session`, { headers: { cookie: `patgate_session=${value}` } });
    assert.equal(plain.status, 401, "the unprefixed name, which a subdomain could set, is ignored over HTTPS");
    assert.match(plain.headers.get("www-authenticate"), /cookie-name="__Host-patgate_session"$/, "the challenge names the cookie in use");
    const out = await c.request("DELETE", "/_apis/session", undefined, { headers: { origin: secure.base } });
    assert.deepEqual(out.headers.getSetCookie(), ["__Host-patgate_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure", "patgate_present=; Path=/; SameSite=Strict; Max-Age=0; Secure"]);
  } finally {
    await secure.stop();
    if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
  }
});

test("a full table of sign-in counters keeps the locked names: a flood of made-up names frees no guesses", async () => {
  // This worker counts at most 40 names at once (PATGATE_SIGNIN_ROWS_MAX).
  for (let i = 0; i < 5; i++) assert.equal((await new Client(worker).signIn("admin", `wrong ${i}`)).status, 401);
  assert.equal((await new Client(worker).signIn("admin")).status, 429);
  for (let i = 0; i < 45; i++) assert.equal((await new Client(worker).signIn(`filler-${i}`, "x")).status, 401, `filler ${i}`);
  assert.ok(worker.sql("SELECT count(*) AS n FROM signin_failures")[0].n <= 40);
  assert.equal((await new Client(worker).signIn("admin")).status, 429, "the flood did not erase the locked name's count");
  await worker.advance(15 * 60_000);
  assert.equal((await new Client(worker).signIn("admin")).status, 200, "the window has passed");
});

test("a failed sign-in under a name that is no one's is audited without the name", async () => {
  const typed = "Correct-Horse-Battery-9"; // a password typed into the user-name field
  assert.equal((await new Client(worker).signIn(typed, "x")).status, 401);
  assert.equal((await new Client(worker).signIn("alice", "x")).status, 401);
  const rows = worker.sql("SELECT subject, detail FROM audit WHERE action = 'signin.failed' ORDER BY id DESC LIMIT 2");
  assert.deepEqual(rows, [{ subject: "alice", detail: "{}" }, { subject: null, detail: '{"unknownUser":true}' }]);
  // Its attempts are counted under the name's SHA-256 (node:crypto's), the name kept nowhere.
  assert.equal(worker.sql(`SELECT failures FROM signin_failures WHERE name_digest = '${sha256(typed.toLowerCase())}'`)[0].failures, 1);
  assert.ok(!worker.storeBytes().toString("latin1").toLowerCase().includes(typed.toLowerCase()));
});
