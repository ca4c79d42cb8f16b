// The management API and the gate's verdicts, against the real worker in workerd with D1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { generateToken, formatBasic } from "../../pkg/node.mjs";
import { Client, DAY, ISSUED, PASSWORD, PEPPER, basic, freshWorker, signedIn, webhookReceiver, withToken, waitFor } from "./harness.mjs";

let hook;
let received;
let worker;
let alice;
let bob;
let admin;

before(async () => {
  hook = await webhookReceiver();
  received = hook.received;
  worker = await freshWorker("api", { webhook: hook.url });
  [alice, bob, admin] = await signedIn(worker, "alice", "bob", "admin");
  // Tokens for all organizations are made here: allowed (a new store starts with them retired).
  assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { globalTokens: "allowed" })).status, 200);
});

after(async () => {
  await worker?.stop();
  hook?.close();
});

const tokenCount = () => worker.sql("SELECT count(*) AS n FROM tokens")[0].n;

test("sessions: sign in, cookie flags, current user, sign out", async () => {
  const c = new Client(worker);
  const bad = await c.signIn("alice", "wrong password");
  assert.deepEqual([bad.status, bad.body.error], [401, "bad_credentials"]);
  const r = await c.signIn("Alice");
  assert.equal(r.status, 200);
  assert.match(r.headers.getSetCookie()[0], /^patgate_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
  assert.deepEqual(r.body.user, { id: "alice", displayName: "Alice Smith", email: "alice@example.com", isAdmin: false, organizations: ["contoso", "fabrikam"] });
  assert.equal(r.body.policy.maxLifespanDays, 365);
  assert.equal((await c.get("/_apis/session")).status, 200);
  assert.equal((await c.request("DELETE", "/_apis/session")).status, 204);
  // Every 401 carries a challenge (RFC 9110), the cookie scheme: never Basic or Bearer, which
  // would open a browser's password dialog or invite a PAT where only a session is taken.
  const challenge = 'Cookie realm="patgate", form-action="/_apis/session", cookie-name="patgate_session"';
  assert.equal(bad.headers.get("www-authenticate"), challenge);
  for (const path of ["/_apis/session", "/_apis/tokens/pats", "/_apis/tokenadmin/audit"]) {
    const r = await c.get(path);
    assert.deepEqual([r.status, r.headers.get("www-authenticate")], [401, challenge], path);
  }
});

test("CSRF: state-changing routes need the session's token and a same-origin request", async () => {
  const g = generateToken();
  const body = { displayName: "x", scope: "vso.code", organization: "fabrikam", validTo: worker.at(DAY), digest: g.digest, hint: g.hint };
  const before = tokenCount();
  for (const headers of [{ "x-csrf-token": "" }, { "x-csrf-token": "forged" }, { origin: "http://evil.example" }, { "sec-fetch-site": "cross-site" }]) {
    const r = await alice.request("POST", "/_apis/tokens/pats", body, { headers });
    assert.deepEqual([r.status, r.body.error], [403, "csrf"], JSON.stringify(headers));
  }
  const cross = await new Client(worker).request("POST", "/_apis/session", { userName: "alice", password: "x" }, { headers: { origin: "http://evil.example" } });
  assert.equal(cross.status, 403);
  assert.equal((await alice.request("DELETE", "/_apis/tokens/pats?authorizationId=x", undefined, { headers: { "x-csrf-token": "no" } })).status, 403);
  assert.equal(tokenCount(), before);
  // Signing out changes state too: without the token it is refused and the session lives on.
  const out = await alice.request("DELETE", "/_apis/session", undefined, { headers: { "x-csrf-token": "" } });
  assert.deepEqual([out.status, out.body.error], [403, "csrf"]);
  assert.equal((await alice.get("/_apis/session")).status, 200);
});

test("create: only the digest and hint are sent; the store keeps the peppered digest", async () => {
  const t = await alice.createToken({ displayName: "git: https://127.0.0.1 on MyMachine", scope: "vso.code_write" });
  assert.equal(t.status, 201);
  const p = t.body.patToken;
  assert.equal(t.body.patTokenError, "none");
  assert.deepEqual(
    [p.displayName, p.scope, p.organization, p.targetAccounts, p.allOrgs, p.owner, p.status, p.hint, p.token],
    ["git: https://127.0.0.1 on MyMachine", "vso.code_write", "fabrikam", p.targetAccounts, false, "alice", "active", t.token.slice(-4), null],
  );
  assert.match(p.targetAccounts.join(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, "the organization's GUID, as Azure DevOps names it");
  assert.ok(!JSON.stringify(t.body).includes(t.digest), "the API never returns a digest");
  const [row] = worker.sql(`SELECT digest FROM tokens WHERE id = '${t.id}'`);
  // The oracle is node:crypto: HMAC-SHA-256 keyed by the pepper over the digest's raw bytes.
  assert.equal(row.digest, createHmac("sha256", Buffer.from(PEPPER, "base64url")).update(Buffer.from(t.digest, "base64url")).digest("base64url"));
  assert.ok(!worker.storeBytes().includes(Buffer.from(t.token)), "the token is nowhere in the store");
  assert.ok(!worker.storeBytes().includes(Buffer.from(t.digest)), "nor is its unpeppered digest");
  const got = await alice.get(`/_apis/tokens/pats?authorizationId=${t.id}`);
  assert.deepEqual(got.body.patToken, p);
});

test("create: every bad input is a 4xx naming the field, and nothing is stored", async () => {
  const before = tokenCount();
  const g = generateToken();
  const soon = worker.at(DAY);
  const base = { displayName: "n", scope: "vso.code", organization: "fabrikam", validTo: soon, digest: g.digest, hint: g.hint };
  const cases = [
    [{ displayName: undefined }, 400, "displayNameRequired", "displayName"],
    [{ displayName: "   " }, 400, "displayNameRequired", "displayName"],
    [{ displayName: "a\u0000b" }, 400, "invalidDisplayName", "displayName"],
    [{ displayName: "x".repeat(129) }, 400, "invalidDisplayName", "displayName"],
    [{ scope: "vso.code vso.nope" }, 400, "invalidScope", "scope"],
    [{ scope: "" }, 400, "invalidScope", "scope"],
    [{ scope: 42 }, 400, "invalidScope", "scope"],
    [{ validTo: worker.at(-1000) }, 400, "invalidValidTo", "validTo"],
    [{ validTo: worker.at(366 * DAY) }, 400, "patLifespanPolicyViolation", "validTo"],
    [{ validTo: "next tuesday" }, 400, "invalidValidTo", "validTo"],
    [{ validTo: "2026-13-45T99:00:00Z" }, 400, "invalidValidTo", "validTo"],
    [{ validTo: "+275760-09-13T00:00:00.000Z" }, 400, "invalidValidTo", "validTo"],
    [{ organization: "northwind" }, 400, "invalidTargetAccounts", "organization"],
    [{ organization: undefined }, 400, "invalidTargetAccounts", "organization"],
    [{ allOrgs: "yes" }, 400, "invalidTargetAccounts", "allOrgs"],
    [{ allOrgs: true }, 400, "invalidTargetAccounts", "organization"],
    [{ digest: "too-short" }, 400, "invalidToken", "digest"],
    [{ digest: g.digest.replace(/.$/, "=") }, 400, "invalidToken", "digest"],
    [{ hint: "toolong" }, 400, "invalidToken", "hint"],
    [{ token: g.token }, 400, "invalidToken", "token"],
    [{ extra: 1 }, 400, undefined, "extra"], // a malformed request: Azure DevOps' plain error, no patTokenError
    [{ displayName: "'); DROP TABLE tokens; --" }, 201, "none", undefined],
  ];
  let created = 0;
  for (const [over, status, code, field] of cases) {
    const body = { ...base, ...over, digest: over.digest ?? generateToken().digest };
    for (const [k, v] of Object.entries(over)) if (v === undefined) delete body[k];
    const r = await alice.request("POST", "/_apis/tokens/pats", body);
    assert.deepEqual([r.status, r.body.patTokenError, r.body.field], [status, code, field], JSON.stringify(over).slice(0, 80));
    if (status === 201) created++;
    else if (code !== undefined) assert.equal(r.body.patToken, null);
    else assert.deepEqual([r.body.error, r.body.typeKey], ["unknown_field", "InvalidArgumentValueException"]);
  }
  const raw = [
    [{ "content-type": "text/plain" }, "{}", 415],
    [{}, "{not json", 400],
    [{}, "[1,2]", 400],
    [{}, JSON.stringify({ ...base, displayName: "x".repeat(20_000) }), 413],
    [{}, "\xff\xfe", 400],
  ];
  // The 16 KiB cap exactly: a body of 16,384 bytes is read (and refused for its long name), one
  // byte more is refused unread.
  const sized = (bytes) => {
    const text = JSON.stringify({ ...base, displayName: "" });
    return JSON.stringify({ ...base, displayName: "x".repeat(bytes - text.length) });
  };
  raw.push([{}, sized(16_384), 400], [{}, sized(16_385), 413]);
  assert.deepEqual([sized(16_384).length, sized(16_385).length], [16_384, 16_385]);
  for (const [headers, text, status] of raw) {
    const r = await alice.request("POST", "/_apis/tokens/pats", undefined, { headers: { "content-type": "application/json", ...headers }, raw: text });
    assert.equal(r.status, status, text.slice(0, 20));
    assert.equal(typeof r.body.message, "string");
    if (status === 413) assert.equal(r.body.error, "payload_too_large");
  }
  assert.equal(tokenCount(), before + created);
  const dup = await alice.createToken({ digest: g.digest, hint: g.hint });
  assert.equal(dup.status, 201);
  const again = await bob.createToken({ digest: g.digest, hint: g.hint, organization: "contoso" });
  assert.deepEqual([again.status, again.body.patTokenError], [409, "duplicateHash"]);
  assert.equal(tokenCount(), before + created + 1);
});

test("list: filters, sorting and continuation-token paging", async () => {
  const c = new Client(worker);
  await c.signIn("admin");
  const names = ["delta", "alpha", "echo", "charlie", "bravo"];
  for (const n of names) assert.equal((await c.createToken({ displayName: n })).status, 201);
  const short = await c.createToken({ displayName: "short-lived", validTo: worker.at(60_000) });
  const gone = await c.createToken({ displayName: "revoked one" });
  assert.equal((await c.request("DELETE", `/_apis/tokens/pats?authorizationId=${gone.id}`)).status, 204);
  await worker.advance(60_000);
  const seen = [];
  let continuation = "";
  for (let page = 0; page < 5; page++) {
    const r = await c.get(`/_apis/tokens/pats?displayFilterOption=active&sortByOption=displayName&isSortAscending=true&$top=2${continuation ? `&continuationToken=${continuation}` : ""}`);
    assert.equal(r.status, 200);
    assert.ok(r.body.patTokens.length <= 2);
    seen.push(...r.body.patTokens.map((t) => t.displayName));
    continuation = r.body.continuationToken;
    if (!continuation) break;
  }
  assert.deepEqual(seen, ["alpha", "bravo", "charlie", "delta", "echo"]);
  const names_ = async (filter) => (await c.get(`/_apis/tokens/pats?displayFilterOption=${filter}`)).body.patTokens.map((t) => t.displayName);
  assert.deepEqual(await names_("expired"), ["short-lived"]);
  assert.deepEqual(await names_("revoked"), ["revoked one"]);
  assert.equal((await names_("all")).length, 7);
  assert.equal((await c.get(`/_apis/tokens/pats?authorizationId=${short.id}`)).body.patToken.status, "expired");
  for (const q of ["displayFilterOption=bogus", "sortByOption=owner", "$top=0", "$top=101", "continuationToken=!!"]) {
    const r = await c.get(`/_apis/tokens/pats?${q}`);
    assert.equal(r.status, 400, q);
    assert.ok(r.body.field, q);
  }
});

test("update: name, scopes and expiry within policy; never after revocation", async () => {
  const t = await alice.createToken({ displayName: "to edit" });
  const r = await alice.request("PUT", "/_apis/tokens/pats", {
    authorizationId: t.id, displayName: "edited", scope: "vso.code vso.build", validTo: worker.at(60 * DAY), allOrgs: true,
  });
  assert.equal(r.status, 200);
  assert.deepEqual([r.body.patToken.displayName, r.body.patToken.scope, r.body.patToken.allOrgs], ["edited", "vso.build vso.code", true]);
  const far = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, validTo: worker.at(400 * DAY) });
  assert.deepEqual([far.status, far.body.patTokenError], [400, "patLifespanPolicyViolation"]);
  const unknown = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, colour: "red" });
  assert.deepEqual([unknown.status, unknown.body.field], [400, "colour"]);
  await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${t.id}`);
  const late = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, displayName: "too late" });
  assert.equal(late.status, 409);
  assert.equal((await alice.get(`/_apis/tokens/pats?authorizationId=${t.id}`)).body.patToken.displayName, "edited");
});

test("nobody sees, edits or revokes another user's tokens; non-admins get 403 on admin routes", async () => {
  const t = await alice.createToken({ displayName: "alice's" });
  for (const [method, path, body] of [
    ["GET", `/_apis/tokens/pats?authorizationId=${t.id}`],
    ["PUT", "/_apis/tokens/pats", { authorizationId: t.id, displayName: "mine now" }],
    ["DELETE", `/_apis/tokens/pats?authorizationId=${t.id}`],
    ["POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: generateToken().digest, hint: "abcd" }],
  ]) {
    const r = await bob.request(method, path, body);
    assert.deepEqual([r.status, r.body.patTokenError], [404, "authorizationNotFound"], method);
  }
  assert.ok(!(await bob.get("/_apis/tokens/pats?displayFilterOption=all")).body.patTokens.some((x) => x.owner !== "bob"));
  for (const [method, path, body] of [
    ["GET", "/_apis/tokenadmin/personalaccesstokens"],
    ["GET", "/_apis/tokenadmin/personalaccesstokens/alice"],
    ["POST", "/_apis/tokenadmin/revocations", [{ authorizationId: t.id }]],
    ["POST", "/_apis/tokenadmin/revocations/users", { user: "alice" }],
    ["GET", "/_apis/tokenadmin/policies"],
    ["PUT", "/_apis/tokenadmin/policies", { maxLifespanDays: 1 }],
    ["GET", "/_apis/tokenadmin/users"],
    ["GET", "/_apis/tokenadmin/audit"],
  ]) {
    assert.equal((await bob.request(method, path, body)).status, 403, path);
  }
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 403, "vso.code only: no vso.project");
  assert.equal((await alice.get(`/_apis/tokens/pats?authorizationId=${t.id}`)).body.patToken.status, "active");
});

test("the verdict table over HTTP", async () => {
  const t = await alice.createToken({ displayName: "verdicts", scope: "vso.code vso.project" });
  const path = "/fabrikam/_apis/projects";
  const get = (headers) => fetch(worker.base + path, { headers }).then(async (r) => ({ status: r.status, challenge: r.headers.get("www-authenticate"), body: await r.json() }));
  const none = await get({});
  assert.equal(none.status, 401);
  assert.match(none.challenge, /^Basic realm="patgate", charset="UTF-8", Bearer realm="patgate"$/);
  assert.equal((await get({ authorization: "Digest username=alice" })).status, 401);
  for (const h of ["Basic a b", "Basic " + Buffer.from(t.token).toString("base64"), "Basic Zm9v", "Basic Zm9vYg", "Bearer a,b"]) {
    const r = await get({ authorization: h });
    assert.deepEqual([r.status, r.body.error], [400, "invalid_request"], h);
    assert.match(r.challenge, /error="invalid_request"/);
  }
  const big = await get({ authorization: "Bearer " + "a".repeat(9000) });
  assert.equal(big.status, 431);
  const flipped = t.token.slice(0, 8) + (t.token[8] === "A" ? "B" : "A") + t.token.slice(9);
  const unknown = generateToken().token;
  for (const tok of [flipped, unknown, "pat_short", "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"]) {
    const r = await get({ authorization: basic(tok) });
    assert.deepEqual([r.status, r.body.error], [401, "invalid_token"], tok.slice(0, 8));
    assert.match(r.challenge, /^Basic realm="patgate", charset="UTF-8", Bearer realm="patgate", error="invalid_token"/);
  }
  const ok = await get({ authorization: basic(t.token) });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body.value.map((p) => p.name), ["demo"]);
  assert.equal((await get({ authorization: `Bearer ${t.token}` })).status, 200);
  assert.equal((await get({ authorization: formatBasic(t.token) })).status, 200, "Azure DevOps' :PAT form");
  const other = await withToken(worker, "/contoso/_apis/projects", t.token);
  assert.equal(other.status, 403);
  assert.match(other.challenge, /error="insufficient_scope".*scope="vso.project"/);
  const scope = await withToken(worker, "/fabrikam/_apis/build/builds", t.token);
  assert.equal(scope.status, 403);
  assert.match(scope.challenge, /scope="vso.build"/);
  const inQuery = await fetch(`${worker.base}${path}?access_token=${t.token}`);
  assert.equal(inQuery.status, 400);
  // lastUsedAt: written on use (after the response), then at most once per five minutes.
  const used = await waitFor(async () => (await alice.get(`/_apis/tokens/pats?authorizationId=${t.id}`)).body.patToken.lastUsedAt, { what: "lastUsedAt" });
  // The write is issued before the response is sent, so a later read sees any second write.
  await get({ authorization: basic(t.token) });
  assert.equal((await alice.get(`/_apis/tokens/pats?authorizationId=${t.id}`)).body.patToken.lastUsedAt, used);
  // Revoked, expired: the same 401 as unknown.
  await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${t.id}`);
  const revoked = await get({ authorization: basic(t.token) });
  assert.deepEqual([revoked.status, revoked.body.error, revoked.body.message, revoked.body.typeKey], [401, "invalid_token", "the token is unknown, revoked or expired", "VssUnauthorizedException"]);
  const brief = await alice.createToken({ scope: "vso.project", validTo: worker.at(60_000) });
  assert.equal((await get({ authorization: basic(brief.token) })).status, 200);
  await worker.advance(60_000);
  assert.deepEqual((await get({ authorization: basic(brief.token) })).body, revoked.body);
});

test("regenerate: the old token stops at once, or after a grace period", async () => {
  const t = await alice.createToken({ displayName: "rotating", scope: "vso.project" });
  const g = generateToken();
  const r = await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: g.digest, hint: g.hint });
  assert.equal(r.status, 200);
  assert.deepEqual([r.body.patToken.authorizationId, r.body.patToken.hint, r.body.patToken.graceUntil], [t.id, g.hint, null]);
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 401);
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g.token)).status, 200);
  // The owner is told of the new secret as a regeneration, its end in UTC to the minute.
  const end = r.body.patToken.validTo;
  const notices = (await alice.get("/_apis/notifications")).body.value.filter((n) => n.authorizationId === t.id).map((n) => n.message);
  assert.deepEqual(notices.sort(), [
    `Personal access token "rotating" was created; it expires ${end.slice(0, 10)} ${end.slice(11, 16)} UTC.`,
    `Personal access token "rotating" was regenerated; the new token expires ${end.slice(0, 10)} ${end.slice(11, 16)} UTC.`,
  ]);
  const g2 = generateToken();
  const graced = await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: g2.digest, hint: g2.hint, graceMinutes: 60 });
  // The old secret works for exactly the grace asked for, from the regeneration's instant.
  assert.equal(graced.body.patToken.graceUntil, new Date(Date.parse(graced.body.patToken.validFrom) + 60 * 60_000).toISOString());
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g.token)).status, 200, "old token within grace");
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g2.token)).status, 200);
  for (const grace of [-1, 1441, 1.5, "10"]) {
    const bad = await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: generateToken().digest, hint: "abcd", graceMinutes: grace });
    assert.deepEqual([bad.status, bad.body.field], [400, "graceMinutes"]);
  }
  // The grace period's bounds are inclusive: 0 (none) and 1440 (24 hours) exactly.
  for (const grace of [0, 1440]) {
    const edge = await alice.createToken({ displayName: `grace ${grace}`, scope: "vso.project" });
    const next = generateToken();
    const r2 = await alice.request("POST", `/_apis/tokens/pats/${edge.id}/regenerate`, { digest: next.digest, hint: next.hint, graceMinutes: grace });
    assert.equal(r2.status, 200, `graceMinutes ${grace}`);
    assert.equal(r2.body.patToken.graceUntil, grace === 0 ? null : new Date(Date.parse(r2.body.patToken.validFrom) + grace * 60_000).toISOString());
    assert.equal((await withToken(worker, "/fabrikam/_apis/projects", edge.token)).status, grace === 0 ? 401 : 200);
  }
  const dup = await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: g2.digest, hint: g2.hint });
  assert.equal(dup.status, 409);
  // Revocation ends the grace period too.
  await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${t.id}`);
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g.token)).status, 401);
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g2.token)).status, 401);
  const late = await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: generateToken().digest, hint: "abcd" });
  assert.equal(late.status, 409);
});

test("all-organizations tokens follow the owner's memberships", async () => {
  const t = await alice.createToken({ allOrgs: true, scope: "vso.project" });
  assert.equal(t.status, 201);
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 200);
  assert.equal((await withToken(worker, "/contoso/_apis/projects", t.token)).status, 200);
  const b = await bob.createToken({ allOrgs: true, scope: "vso.project" });
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", b.token)).status, 403, "bob is not in fabrikam");
});

test("administrators: list with filters, revoke any, revoke all of a user's, policies", async () => {
  const a1 = await alice.createToken({ displayName: "admin target 1", scope: "vso.project" });
  const a2 = await alice.createToken({ displayName: "admin target 2", scope: "vso.project", organization: "contoso" });
  const list = await admin.get("/_apis/tokenadmin/personalaccesstokens/alice?displayFilterOption=active&organization=contoso");
  assert.equal(list.status, 200);
  assert.ok(list.body.value.every((t) => t.owner === "alice" && (t.organization === "contoso" || t.allOrgs)));
  assert.ok(list.body.value.some((t) => t.authorizationId === a2.id));
  assert.ok(!list.body.value.some((t) => t.authorizationId === a1.id));
  const bobs = await bob.createToken({ displayName: "bob's", organization: "contoso" });
  const byQuery = await admin.get("/_apis/tokenadmin/personalaccesstokens?user=bob&displayFilterOption=all");
  assert.ok(byQuery.body.value.some((t) => t.authorizationId === bobs.id) && byQuery.body.value.every((t) => t.owner === "bob"));
  const bad = await admin.request("POST", "/_apis/tokenadmin/revocations", [{ id: "x" }]);
  assert.deepEqual([bad.status, bad.body.field], [400, "[0].authorizationId"]);
  const one = await admin.request("POST", "/_apis/tokenadmin/revocations", [{ authorizationId: a1.id }]);
  assert.deepEqual(one.body, { revoked: 1 });
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", a1.token)).status, 401, "revoked for the very next request");
  assert.equal((await withToken(worker, "/contoso/_apis/projects", a2.token)).status, 200);
  assert.equal((await admin.request("POST", "/_apis/tokenadmin/revocations/users", { user: "nobody" })).status, 400);
  // One that has already expired is revoked too, but its owner is not told again.
  const lapsed = await alice.createToken({ displayName: "lapsed", scope: "vso.project", validTo: worker.at(60_000) });
  await worker.advance(60_000);
  const all = await admin.request("POST", "/_apis/tokenadmin/revocations/users", { user: "alice" });
  // What this revoked: alice's tokens revoked last, at one instant (the store, read directly).
  const revokedNow = worker.sql("SELECT id, valid_to, revoked_at FROM tokens WHERE owner = 'alice' AND revoked_at = (SELECT max(revoked_at) FROM tokens WHERE owner = 'alice')");
  const live = revokedNow.filter((r) => r.valid_to > r.revoked_at).map((r) => r.id);
  assert.ok(live.includes(a2.id) && !live.includes(lapsed.id) && revokedNow.some((r) => r.id === lapsed.id));
  assert.equal(all.body.revoked, revokedNow.length);
  assert.equal((await withToken(worker, "/contoso/_apis/projects", a2.token)).status, 401);
  assert.equal((await alice.get("/_apis/tokens/pats?displayFilterOption=active")).body.patTokens.length, 0);
  // Alice is told of each token an administrator revoked (once each), and the entry counts them.
  const told = worker.sql("SELECT token_id, message FROM notifications WHERE user_id = 'alice' AND kind = 'revoked'");
  assert.deepEqual(told.map((n) => n.token_id).sort(), [a1.id, ...live].sort());
  assert.equal(told.find((n) => n.token_id === a1.id).message, 'Personal access token "admin target 1" was revoked by an administrator (admin); tools using it are refused from now on.');
  assert.equal(told.find((n) => n.token_id === a2.id).message, 'Personal access token "admin target 2" was revoked by an administrator (admin); tools using it are refused from now on.');
  assert.ok((await alice.get("/_apis/notifications")).body.value.some((n) => n.kind === "revoked" && n.authorizationId === a2.id), "listed to alice");
  const [entry] = worker.sql("SELECT subject, detail FROM audit WHERE action = 'admin.token.revokeAll' ORDER BY id DESC LIMIT 1");
  assert.deepEqual([entry.subject, JSON.parse(entry.detail)], ["alice", { revoked: revokedNow.length }]);
  // And each token revoked has its own entry, so that its history shows it.
  const each = worker.sql(`SELECT token_id, actor, subject, detail FROM audit WHERE action = 'admin.token.revoke' AND id > (SELECT max(id) FROM audit WHERE action = 'admin.token.revokeAll')`);
  assert.deepEqual(each.map((e) => e.token_id).sort(), revokedNow.map((r) => r.id).sort());
  assert.ok(each.every((e) => e.actor === "admin" && e.subject === "alice" && e.detail === '{"revokeAll":true}'), JSON.stringify(each));
  // Revoking again changes nothing, tells no one again.
  assert.deepEqual((await admin.request("POST", "/_apis/tokenadmin/revocations/users", { user: "alice" })).body, { revoked: 0 });
  assert.deepEqual((await admin.request("POST", "/_apis/tokenadmin/revocations", [{ authorizationId: a1.id }])).body, { revoked: 0 });
  assert.equal(worker.sql("SELECT count(*) AS n FROM notifications WHERE user_id = 'alice' AND kind = 'revoked'")[0].n, told.length);
  // A user's own revocation tells no one (they did it).
  const own = await bob.createToken({ displayName: "bob's own", organization: "contoso" });
  await bob.request("DELETE", `/_apis/tokens/pats?authorizationId=${own.id}`);
  assert.ok(!(await bob.get("/_apis/notifications")).body.value.some((n) => n.kind === "revoked"));

  for (const body of [{ maxLifespanDays: 0 }, { maxLifespanDays: 366 }, { maxLifespanDays: "30" }, { maxLifespanDays: 20.5 }, { restrictFullAccess: 1 }, { autoRevokeLeaked: "yes" }, { other: true }]) {
    const r = await admin.request("PUT", "/_apis/tokenadmin/policies", body);
    assert.equal(r.status, 400, JSON.stringify(body));
    if ("maxLifespanDays" in body) assert.equal(r.body.message, "maxLifespanDays: the maximum lifespan must be a whole number of days from 1 to 365", JSON.stringify(body));
  }
  const set = await admin.request("PUT", "/_apis/tokenadmin/policies", { maxLifespanDays: 30, restrictFullAccess: true });
  assert.deepEqual(set.body, { maxLifespanDays: 30, restrictFullAccess: true, autoRevokeLeaked: true, globalTokens: "allowed", allowlists: { fullAccess: [], lifespan: [], globalTokens: [] } });
  assert.deepEqual((await alice.get("/_apis/policies")).body, { maxLifespanDays: 30, restrictFullAccess: true, autoRevokeLeaked: true, globalTokens: "allowed", organizations: [] }, "a user reads the policy as it applies to them, never the allowlists");
  const long = await alice.createToken({ validTo: worker.at(31 * DAY) });
  assert.deepEqual([long.status, long.body.patTokenError], [400, "patLifespanPolicyViolation"]);
  const full = await alice.createToken({ scope: "app_token" });
  assert.deepEqual([full.status, full.body.patTokenError], [400, "fullScopePatPolicyViolation"]);
  await admin.request("PUT", "/_apis/tokenadmin/policies", { maxLifespanDays: 365, restrictFullAccess: false });
  assert.equal((await alice.createToken({ scope: "app_token" })).status, 201);
  const users = await admin.get("/_apis/tokenadmin/users");
  assert.deepEqual(users.body.value.map((u) => [u.id, u.organizations.join()]), [["admin", "contoso,fabrikam"], ["alice", "contoso,fabrikam"], ["bob", "contoso"]]);
});

test("revoke all of mine", async () => {
  const c = new Client(worker);
  await c.signIn("bob");
  const t = await c.createToken({ organization: "contoso", scope: "vso.project" });
  assert.equal((await withToken(worker, "/contoso/_apis/projects", t.token)).status, 200);
  const live = worker.sql(`SELECT count(*) AS n FROM tokens WHERE owner = 'bob' AND revoked_at IS NULL AND valid_to > ${worker.now()}`)[0].n;
  const r = await c.request("POST", "/_apis/tokens/pats/revokeall", {});
  assert.equal(r.body.revoked, live, "every live token of bob's, and only those");
  assert.equal((await withToken(worker, "/contoso/_apis/projects", t.token)).status, 401);
  assert.equal((await c.get("/_apis/tokens/pats")).body.patTokens.length, 0);
});

test("notifications: a created notice, exactly once, read and unread", async () => {
  const c = new Client(worker);
  await c.signIn("bob");
  const t = await c.createToken({ displayName: "noticed", organization: "contoso" });
  const n = (await c.get("/_apis/notifications")).body;
  const mine = n.value.filter((x) => x.authorizationId === t.id);
  assert.deepEqual(mine.map((x) => [x.kind, x.read]), [["created", false]]);
  const end = t.body.patToken.validTo; // the token's end to the minute, in UTC, said to be UTC
  assert.equal(mine[0].message, `Personal access token "noticed" was created; it expires ${end.slice(0, 10)} ${end.slice(11, 16)} UTC.`);
  assert.deepEqual((await c.request("POST", "/_apis/notifications", { ids: [mine[0].id] })).body, { marked: 1 });
  assert.deepEqual((await c.request("POST", "/_apis/notifications", { ids: [mine[0].id] })).body, { marked: 0 });
  await c.request("POST", "/_apis/notifications", { all: true });
  assert.equal((await c.get("/_apis/notifications")).body.unread, 0);
  assert.equal((await c.request("POST", "/_apis/notifications", { ids: "all" })).status, 400);
  assert.ok(!(await alice.get("/_apis/notifications")).body.value.some((x) => x.authorizationId === t.id), "alice never sees bob's");
  // The webhook received it, without any secret.
  await waitFor(() => received.some((x) => x.authorizationId === t.id), { what: "the webhook" });
  const hook = received.find((x) => x.authorizationId === t.id);
  assert.deepEqual(Object.keys(hook).sort(), ["authorizationId", "createdAt", "displayName", "foundAt", "id", "kind", "message", "user"]);
  assert.deepEqual([hook.displayName, hook.foundAt], ["noticed", null]);
  assert.ok(!JSON.stringify(received).includes(t.digest) && !JSON.stringify(received).includes(t.token));
});

test("audit log records actions and never a token or digest", async () => {
  // Every audited action, done here (sign-in and seeding happened in before()).
  await new Client(worker).signIn("alice", "not the password");
  const c = new Client(worker);
  await c.signIn("alice");
  await c.request("DELETE", "/_apis/session");
  const t = await alice.createToken({ displayName: "audited" });
  const g = generateToken();
  assert.equal((await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, displayName: "audited, renamed" })).status, 200);
  assert.equal((await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: g.digest, hint: g.hint })).status, 200);
  ISSUED.push(g.token, g.digest);
  await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${t.id}`);
  const other = await bob.createToken({ displayName: "for the administrator", organization: "contoso" });
  assert.deepEqual((await admin.request("POST", "/_apis/tokenadmin/revocations", [{ authorizationId: other.id }])).body, { revoked: 1 });
  await bob.createToken({ displayName: "for revoke-all", organization: "contoso" });
  assert.equal((await admin.request("POST", "/_apis/tokenadmin/revocations/users", { user: "bob" })).status, 200);
  await bob.createToken({ displayName: "mine to revoke", organization: "contoso" });
  assert.equal((await bob.request("POST", "/_apis/tokens/pats/revokeall", {})).status, 200);
  const policy = (await admin.get("/_apis/tokenadmin/policies")).body;
  assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", policy)).status, 200);
  const audit = (await admin.get("/_apis/tokenadmin/audit")).body.value;
  const actions = new Set(audit.map((a) => a.action));
  for (const a of ["seed", "signin", "signin.failed", "signout", "token.create", "token.update", "token.regenerate", "token.revoke", "token.revokeAll", "admin.token.revoke", "admin.token.revokeAll", "admin.policy"]) {
    assert.ok(actions.has(a), a);
  }
  assert.ok(audit.some((a) => a.action === "token.revoke" && a.authorizationId === t.id && a.actor === "alice"));
  const everything = JSON.stringify(worker.sql("SELECT * FROM audit"));
  for (const secret of [t.token, t.digest, t.token.slice(4, 20), g.token, g.digest]) assert.ok(!everything.includes(secret));
});

test("routes: static files with security headers, unknown routes, methods, hidden repository files", async () => {
  const page = await fetch(worker.base + "/");
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-security-policy"), /script-src 'self' 'wasm-unsafe-eval'.*frame-ancestors 'none'/);
  assert.equal(page.headers.get("x-content-type-options"), "nosniff");
  const spa = await fetch(worker.base + "/tokens/new?name=x");
  assert.equal(spa.status, 200);
  assert.ok(!(await (await fetch(worker.base + "/_repos/fabrikam/demo/demo.git/HEAD")).text()).includes("refs/heads"), "repository files are not public");
  assert.equal((await alice.get("/_apis/nothing")).status, 404);
  const api = await alice.get("/_apis/tokens/pats");
  assert.equal(api.headers.get("cache-control"), "no-store");
  assert.equal((await fetch(worker.base + "/fabrikam/_apis/projects", { method: "POST" })).status, 405);
  assert.equal((await fetch(worker.base + "/index.html", { method: "DELETE" })).status, 405);
});

test("the failed sign-in limit answers 429, even to the right password", async () => {
  const c = new Client(worker);
  for (let i = 0; i < 5; i++) assert.equal((await c.signIn("bob", "guess " + i)).status, 401);
  const limited = await c.signIn("bob");
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get("retry-after")) > 0);
  assert.equal((await new Client(worker).signIn("alice")).status, 200, "other users are unaffected");
  // The window passes, so that later tests may sign bob in again.
  await worker.advance(15 * 60_000);
  assert.equal((await new Client(worker).signIn("bob")).status, 200);
});

test("the worker's log holds no token, digest or password from any of these tests", async () => {
  // Tokens of its own, used, refused and revoked, whatever ran before.
  for (const scheme of ["basic", "bearer"]) {
    const t = await alice.createToken({ scope: "vso.project" });
    assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token, scheme)).status, 200);
    assert.equal((await withToken(worker, "/fabrikam/_apis/build/builds", t.token, scheme)).status, 403);
    await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${t.id}`);
    assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token, scheme)).status, 401);
  }
  assert.ok(ISSUED.length >= 4, `${ISSUED.length / 2} tokens issued in this file`);
  const log = worker.log;
  const found = ISSUED.filter((secret) => log.includes(secret)).map((s) => `${s.slice(0, 6)}…`);
  assert.deepEqual(found, [], "a token or digest in the log");
  assert.ok(!log.includes(PASSWORD), "the password in the log");
  assert.ok(!log.includes(PEPPER), "the pepper in the log");
});

test("a user's activity: the audit entries about their account and tokens, whoever acted, and no one else's", async () => {
  const [carol] = await signedIn(worker, "bob"); // a second session of bob's: a sign-in entry
  assert.equal((await new Client(worker).signIn("bob", "wrong password")).status, 401);
  const t = await carol.createToken({ displayName: "bob's activity", organization: "contoso" });
  await admin.request("POST", "/_apis/tokenadmin/revocations", [{ authorizationId: t.id }]);
  const theirs = await alice.createToken({ displayName: "alice's, not bob's", organization: "contoso" });
  // Every page, 2 at a time.
  const all = async (client, query = "") => {
    const seen = [];
    let next = null;
    do {
      const r = await client.get(`/_apis/audit?$top=2${query}${next ? `&continuationToken=${next}` : ""}`);
      assert.equal(r.status, 200);
      seen.push(...r.body.value);
      next = r.body.continuationToken;
    } while (next !== null);
    return seen;
  };
  const mine = await all(carol);
  // The expected entries, from the store itself.
  assert.deepEqual(mine.map((a) => a.id), worker.sql("SELECT id FROM audit WHERE subject = 'bob' ORDER BY id DESC").map((r) => r.id));
  assert.deepEqual(mine.slice(0, 3).map((a) => [a.action, a.actor, a.authorizationId]), [
    ["admin.token.revoke", "admin", t.id], ["token.create", "bob", t.id], ["signin.failed", null, null],
  ]);
  assert.ok(mine.every((a) => a.subject === "bob"), "only bob's");
  assert.ok(!mine.some((a) => a.authorizationId === theirs.id));
  // The audit log's filters narrow it; a subject or actor asked for cannot widen it.
  assert.deepEqual((await all(carol, `&authorizationId=${t.id}`)).map((a) => a.action), ["admin.token.revoke", "token.create"]);
  assert.deepEqual(await all(carol, "&subject=alice"), []);
  const byAdmin = await all(carol, "&actor=admin");
  assert.equal(byAdmin[0].action, "admin.token.revoke");
  assert.deepEqual(byAdmin.map((a) => a.id), worker.sql("SELECT id FROM audit WHERE subject = 'bob' AND actor = 'admin' ORDER BY id DESC").map((r) => r.id));
  assert.equal((await carol.get("/_apis/audit?action=DROP%20TABLE")).status, 400);
  assert.equal((await new Client(worker).get("/_apis/audit")).status, 401, "signed in only");
});
