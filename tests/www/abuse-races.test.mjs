// Abuse of the running worker by concurrency and volume (the rest is abuse.test.mjs, on a
// worker of its own so that the two run side by side): changes racing revocations and each
// other, continuation tokens, chunked bodies, administrators' revocations, and the audit log
// under floods. Each answer is a clear 4xx (never a 5xx) and nothing is written that should not be.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { generateToken } from "../../pkg/node.mjs";
import { Client, DAY, freshWorker, signedIn, withToken } from "./harness.mjs";

let worker;
let alice;
let admin;

before(async () => {
  worker = await freshWorker("abuse-races");
  [alice, admin] = await signedIn(worker, "alice", "admin");
});

after(async () => {
  await worker?.stop();
});

test("an edit or regeneration overtaken by a revocation leaves no audit entry or notice behind", async (ctx) => {
  const seen = new Set();
  for (let i = 0; i < 10; i++) {
    for (const kind of ["edit", "regenerate"]) {
      const t = await alice.createToken({ displayName: `race ${kind} ${i}`, scope: "vso.project" });
      const g = generateToken();
      const change = kind === "edit"
        ? alice.request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, displayName: `edited ${i}` })
        : alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: g.digest, hint: g.hint });
      const [changed, revoked] = await Promise.all([change, alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${t.id}`)]);
      assert.equal(revoked.status, 204);
      assert.ok([200, 409].includes(changed.status), `${kind} ${i}: ${changed.status} ${changed.text}`);
      seen.add(`${kind} ${changed.status}`);
      const applied = changed.status === 200;
      const action = kind === "edit" ? "token.update" : "token.regenerate";
      const audited = worker.sql(`SELECT count(*) AS n FROM audit WHERE action = '${action}' AND token_id = '${t.id}'`)[0].n;
      assert.equal(audited, applied ? 1 : 0, `${kind} ${i} answered ${changed.status}: ${audited} audit entries`);
      const row = worker.sql(`SELECT display_name, digest FROM tokens WHERE id = '${t.id}'`)[0];
      if (kind === "edit") assert.equal(row.display_name === `edited ${i}`, applied);
      const created = worker.sql(`SELECT count(*) AS n FROM notifications WHERE token_id = '${t.id}' AND kind = 'created'`)[0].n;
      if (!applied) assert.equal(created, 1, `${kind} ${i}: a refused change sent a "created" notice`);
    }
  }
  // Which way each race went is up to the machine: both ways are checked above when they occur,
  // and the refused way once more below, in order, so that it is checked on every run.
  ctx.diagnostic(`races seen: ${[...seen].sort().join(", ")}`);
  for (const kind of ["edit", "regenerate"]) {
    const late = await alice.createToken({ displayName: `late ${kind}`, scope: "vso.project" });
    assert.equal((await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${late.id}`)).status, 204);
    const g = generateToken();
    const changed = kind === "edit"
      ? await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: late.id, displayName: "too late" })
      : await alice.request("POST", `/_apis/tokens/pats/${late.id}/regenerate`, { digest: g.digest, hint: g.hint });
    assert.equal(changed.status, 409, `${kind} of a revoked token`);
    const action = kind === "edit" ? "token.update" : "token.regenerate";
    assert.equal(worker.sql(`SELECT count(*) AS n FROM audit WHERE action = '${action}' AND token_id = '${late.id}'`)[0].n, 0);
    assert.equal(worker.sql(`SELECT count(*) AS n FROM notifications WHERE token_id = '${late.id}' AND kind = 'created'`)[0].n, 1);
  }
});

test("an edit racing a regeneration never writes onto the row it did not judge: a new secret keeps the policy's end", async (ctx) => {
  // Made under a year's policy, then the policy is cut to 30 days. A rename is allowed (it
  // keeps the 300-day end); a regeneration cuts the end to 30 days from now. An edit judged on
  // the row before the regeneration and written after it would give the new secret 300 days.
  const tokens = [];
  for (let i = 0; i < 10; i++) tokens.push(await alice.createToken({ displayName: `legacy ${i}`, scope: "vso.project", validTo: worker.at(300 * DAY) }));
  assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { maxLifespanDays: 30 })).status, 200);
  try {
    const seen = new Set();
    for (const [i, t] of tokens.entries()) {
      const g = generateToken();
      const [edit, regen] = await Promise.all([
        alice.request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, displayName: `renamed ${i}` }),
        alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: g.digest, hint: g.hint }),
      ]);
      seen.add(`${edit.status}/${regen.status}`);
      assert.ok([200, 409].includes(edit.status) && regen.status === 200, `${edit.status} ${edit.text} / ${regen.status} ${regen.text}`);
      const [row] = worker.sql(`SELECT valid_from, valid_to, display_name FROM tokens WHERE id = '${t.id}'`);
      assert.ok(row.valid_to - row.valid_from <= 30 * DAY, `${i}: the new secret's lifespan is ${(row.valid_to - row.valid_from) / DAY} days`);
      assert.equal(row.display_name === `renamed ${i}`, edit.status === 200);
    }
    // Which way each race went is the machine's; every way is checked above.
    ctx.diagnostic(`edit/regenerate outcomes seen: ${[...seen].sort().join(", ")}`);
  } finally {
    assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { maxLifespanDays: 365 })).status, 200);
  }
});

test("concurrent regenerations to one digest: one is applied, the others are 409, never a 5xx", async () => {
  // The check before the write and the write are not one step: with eight at once, some pass
  // the check together, and the store's unique index refuses all but one of them.
  for (let round = 0; round < 8; round++) {
    const ids = [];
    for (let k = 0; k < 8; k++) ids.push((await alice.createToken({ displayName: `same ${round} ${k}`, scope: "vso.project" })).id);
    const g = generateToken();
    const rs = await Promise.all(ids.map((id) => alice.request("POST", `/_apis/tokens/pats/${id}/regenerate`, { digest: g.digest, hint: g.hint })));
    assert.deepEqual(rs.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409, 409, 409], rs.map((r) => `${r.status} ${r.text}`).join("\n"));
    for (const r of rs) if (r.status === 409) assert.equal(r.body.patTokenError, "duplicateHash");
    assert.equal(worker.sql(`SELECT count(*) AS n FROM tokens WHERE digest IN (SELECT digest FROM tokens GROUP BY digest HAVING count(*) > 1)`)[0].n, 0);
  }
});

test("a continuation token names a place only among the caller's own tokens", async () => {
  for (const name of ["akz", "alm"]) await alice.createToken({ displayName: name, scope: "vso.project" });
  const theirs = await admin.createToken({ displayName: "all", scope: "vso.project" });
  assert.equal(theirs.status, 201);
  const page = (after) => alice.get(`/_apis/tokens/pats?displayFilterOption=all&sortByOption=displayName&isSortAscending=true&$top=3&continuationToken=${after}`);
  const other = await page(theirs.id);
  const unknown = await page(crypto.randomUUID());
  assert.equal(other.status, 200);
  assert.deepEqual(other.body, unknown.body, "another user's token id reads as an unknown one");
  assert.deepEqual(other.body.patTokens, []);
});

test("a chunked body (no Content-Length) over the limit is a 413 on every JSON route", async () => {
  // That it is given up as soon as it passes the limit, not read to its end, is tests/www/http.test.mjs's.
  for (const path of ["/_apis/session", "/_apis/tokens/revocations/public"]) {
    const answer = await new Promise((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port: worker.port, method: "POST", path,
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        let text = "";
        res.on("data", (d) => (text += d)).on("end", () => resolve({ status: res.statusCode, text }));
      });
      req.on("error", (e) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? null : reject(e)));
      for (let i = 0; i < 64; i++) req.write("x".repeat(16 * 1024));
      req.end();
    });
    assert.equal(answer.status, 413, `${path}: ${answer.text}`);
  }
});

test("an administrator's revocation audits only what it revoked, within the organization it names", async () => {
  const fab = await alice.createToken({ scope: "vso.project", organization: "fabrikam" });
  const gone = await alice.createToken({ scope: "vso.project" });
  await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${gone.id}`);
  const entries = () => worker.sql("SELECT count(*) AS n FROM audit WHERE action = 'admin.token.revoke'")[0].n;
  const before = entries();
  const pasted = generateToken().token;
  const pastedAsId = await admin.request("POST", "/_apis/tokenadmin/revocations", [{ authorizationId: gone.id }, { authorizationId: pasted }]);
  assert.deepEqual([pastedAsId.status, pastedAsId.body.field], [400, "[1].authorizationId"], "a token is no token id");
  assert.ok(!pastedAsId.text.includes(pasted.slice(4)), "nor is it echoed");
  const r = await admin.request("POST", "/_apis/tokenadmin/revocations", [{ authorizationId: gone.id }, { authorizationId: crypto.randomUUID() }]);
  assert.deepEqual([r.status, r.body.revoked], [200, 0]);
  assert.equal(entries(), before, "nothing revoked, nothing audited");
  assert.ok(!JSON.stringify(worker.sql("SELECT * FROM audit")).includes(pasted.slice(4)), "what was sent as an id is not kept");
  // contoso's route does not reach a fabrikam token; fabrikam's does.
  // (Azure DevOps' routes answer 204 with no count: the token and the audit log tell.)
  const other = await admin.request("POST", "/contoso/_apis/tokenadmin/revocations", [{ authorizationId: fab.id }]);
  assert.equal(other.status, 204);
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", fab.token)).status, 200);
  assert.equal(entries(), before);
  const own = await admin.request("POST", "/fabrikam/_apis/tokenadmin/revocations", [{ authorizationId: fab.id }]);
  assert.equal(own.status, 204);
  assert.equal(entries(), before + 1);
  const [entry] = worker.sql("SELECT actor, subject, token_id FROM audit WHERE action = 'admin.token.revoke' ORDER BY id DESC LIMIT 1");
  assert.deepEqual(entry, { actor: "admin", subject: "alice", token_id: fab.id }, "the entry names whose token it was");
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", fab.token)).status, 401);
});

test("the audit log pages: an entry stays reachable however many failed sign-ins follow it", async () => {
  const t = await alice.createToken({ scope: "vso.project", displayName: "audited" });
  for (let i = 0; i < 12; i++) assert.equal((await new Client(worker).signIn(`noise-${i}`, "x")).status, 401);
  const seen = [];
  let next = null;
  for (let pages = 0; pages < 100; pages++) {
    const r = await admin.get(`/_apis/tokenadmin/audit?$top=5${next ? `&continuationToken=${next}` : ""}`);
    assert.equal(r.status, 200);
    assert.ok(r.body.value.length <= 5);
    seen.push(...r.body.value);
    next = r.body.continuationToken;
    if (next === null || seen.some((a) => a.action === "token.create" && a.authorizationId === t.id)) break;
  }
  assert.ok(seen.some((a) => a.action === "token.create" && a.authorizationId === t.id), "the entry is reached by paging");
  const ids = seen.map((a) => a.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), "newest first, no entry twice");
  assert.equal(new Set(ids).size, ids.length);
  for (const bad of ["$top=0", "$top=201", "continuationToken=abc", "continuationToken=-1"]) {
    assert.equal((await admin.get(`/_apis/tokenadmin/audit?${bad}`)).status, 400, bad);
  }
});

test("the audit log's filters: by action, who acted, whose and token, each exact, paged with the filter kept; a flood buries nothing", async () => {
  const mine = await alice.createToken({ scope: "vso.project", displayName: "filtered" });
  await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: mine.id, displayName: "filtered, renamed" });
  const other = await alice.createToken({ scope: "vso.project", displayName: "another" });
  await admin.request("POST", "/_apis/tokenadmin/revocations", [{ authorizationId: mine.id }]);
  for (let i = 0; i < 30; i++) assert.equal((await new Client(worker).signIn(`flood-${i}`, "x")).status, 401);
  // Every page of a filter, 2 at a time: the whole answer, newest first, the filter kept.
  const all = async (query) => {
    const seen = [];
    let next = null;
    do {
      const r = await admin.get(`/_apis/tokenadmin/audit?$top=2&${query}${next ? `&continuationToken=${next}` : ""}`);
      assert.equal(r.status, 200, query);
      seen.push(...r.body.value);
      next = r.body.continuationToken;
    } while (next !== null);
    const ids = seen.map((a) => a.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), `${query}: newest first`);
    return seen;
  };
  // The expected entries, read from the store itself.
  const where = (clause) => worker.sql(`SELECT id FROM audit WHERE ${clause} ORDER BY id DESC`).map((r) => r.id);
  const history = await all(`authorizationId=${mine.id.toUpperCase()}`);
  assert.deepEqual(history.map((a) => a.action), ["admin.token.revoke", "token.update", "token.create"], "one token's history, newest first");
  assert.deepEqual(history.map((a) => a.id), where(`token_id = '${mine.id}'`));
  assert.deepEqual((await all("action=admin.token.revoke")).map((a) => a.id), where("action = 'admin.token.revoke'"));
  assert.deepEqual((await all("actor=admin")).map((a) => a.id), where("actor = 'admin'"));
  assert.deepEqual((await all("subject=alice&action=token.create")).map((a) => a.id), where("subject = 'alice' AND action = 'token.create'"));
  assert.ok((await all("subject=alice&action=token.create")).some((a) => a.authorizationId === other.id));
  assert.deepEqual(await all("action=token.create&actor=nobody"), [], "no entry is both");
  // Exact values only: no prefix or pattern matches, and a malformed value is refused unquoted.
  assert.deepEqual(await all("action=token"), []);
  for (const bad of ["action=DROP%20TABLE", "actor=Alice%20Smith", "actor=%25", `subject=${"a".repeat(65)}`, "authorizationId=12345", "action=token.create'"]) {
    const r = await admin.get(`/_apis/tokenadmin/audit?${bad}`);
    assert.equal(r.status, 400, bad);
    assert.ok(!r.text.includes("DROP") && !r.text.includes("Smith") && !r.text.includes("12345"), `${bad}: the value is not echoed`);
  }
});
