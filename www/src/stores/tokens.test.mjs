// The token store's writes, in-process on D1: each write's audit entries and notices follow it
// exactly when it happened (a change's mark, wherever the statements sit in the batch), and
// named parameters are bound by name or refused.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { audit } from "./audit.js";
import { all, first, newChange, numberedSql, statement } from "./db.js";
import { approveRequest, insertRequest } from "./requests.js";
import { insertToken, revokeOwnerTokens, revokeTokens, updateToken } from "./tokens.js";
import { migratedStore } from "./testing.mjs";

const T = Date.parse("2026-12-07T12:00:00Z");
const DAY = 86_400_000;
let store;
let env;
let n = 0;
before(async () => {
  store = await migratedStore();
  env = store.env;
  await statement(env, "INSERT INTO users (id, display_name, email, password_hash, password_salt, password_iterations, created_at) VALUES ('alice', 'Alice', 'a@example.com', '', '', 1, 0), ('bob', 'Bob', 'b@example.com', '', '', 1, 0)").run();
});
after(() => store.close());

/** A new token of `owner`'s, valid from T for 30 days; its id. */
async function made(owner = "alice", extra = {}) {
  n += 1;
  const t = { id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, owner, displayName: `token ${n}`, organization: "fabrikam", scope: "vso.code", validTo: T + 30 * DAY, digest: `digest-${n}`, hint: "abcd", ...extra };
  await insertToken(env, T, t, "created");
  return t;
}

const entries = (action, tokenId) => all(env, "SELECT actor, subject, detail FROM audit WHERE action = :action AND token_id IS :tokenId", { action, tokenId });
const notices = (kind, tokenId) => all(env, "SELECT user_id FROM notifications WHERE kind = :kind AND token_id = :tokenId", { kind, tokenId });

test("named parameters: each name is one number however often it appears, and a missing value throws", () => {
  assert.deepEqual(numberedSql("SELECT :a, :b, :a WHERE x = :b OR y = :c"), { sql: "SELECT ?1, ?2, ?1 WHERE x = ?2 OR y = ?3", names: ["a", "b", "c"] });
  assert.throws(() => statement(env, "SELECT :a, :b", { a: 1 }), /no value for :b/);
  assert.doesNotThrow(() => statement(env, "SELECT :a", { a: null }));
});

test("an edit is audited only when it applied: not onto a revoked token, nor onto a row changed since it was read", async () => {
  const t = await made();
  const base = { validFrom: T, validTo: t.validTo, scope: t.scope, organization: t.organization };
  const edit = { id: t.id, displayName: "renamed", scope: "vso.code", validTo: t.validTo, organization: "fabrikam" };
  assert.equal(await updateToken(env, T + 1, "alice", edit, base), true);
  assert.equal((await entries("token.update", t.id)).length, 1);
  // The same edit again reads a base that no longer holds (the name is not in it, the scope is):
  assert.equal(await updateToken(env, T + 2, "alice", { ...edit, scope: "vso.build" }, { ...base, scope: "vso.build" }), false);
  await revokeTokens(env, T + 3, [t.id], { actor: "alice", action: "token.revoke", subject: "alice" });
  assert.equal(await updateToken(env, T + 4, "alice", { ...edit, displayName: "again" }, base), false);
  assert.equal((await entries("token.update", t.id)).length, 1, "no entry for an edit that did not apply");
  assert.equal((await first(env, "SELECT display_name FROM tokens WHERE id = :id", { id: t.id })).displayName, "renamed");
});

test("a revocation by ids audits and tells only what it revoked: not an unknown id, nor one already revoked, nor an expired token's owner", async () => {
  const live = await made();
  const done = await made();
  const ended = await made("alice", { validTo: T + 1 });
  await revokeTokens(env, T + 1, [done.id], { actor: "alice", action: "token.revoke", subject: "alice" });
  const unknown = "00000000-0000-4000-8000-ffffffffffff";
  const revoked = await revokeTokens(env, T + 10, [live.id, done.id, unknown, ended.id], { actor: "admin", action: "admin.token.revoke" }, { tellOwners: (name) => `revoked: ${name}` });
  assert.equal(revoked, 2, "the live one and the expired one");
  assert.equal((await entries("admin.token.revoke", live.id)).length, 1);
  assert.equal((await entries("admin.token.revoke", ended.id)).length, 1);
  assert.equal((await entries("admin.token.revoke", done.id)).length, 0);
  assert.equal((await entries("admin.token.revoke", unknown)).length, 0);
  assert.equal((await entries("admin.token.revoke", live.id))[0].subject, "alice", "an administrator's entry names whose token it was");
  assert.deepEqual((await notices("revoked", live.id)).map((r) => r.userId), ["alice"]);
  assert.equal((await notices("revoked", ended.id)).length, 0, "an expired token stopped working before");
});

test("revoking all of a user's tokens counts and audits exactly the ones it revoked", async () => {
  await statement(env, "DELETE FROM tokens WHERE owner = 'bob'").run();
  const a = await made("bob");
  const b = await made("bob");
  const before = await made("bob");
  await revokeTokens(env, T + 1, [before.id], { actor: "bob", action: "token.revoke", subject: "bob" });
  const count = await revokeOwnerTokens(env, T + 5, "bob", { actor: "admin", action: "admin.token.revokeAll", tokenAction: "admin.token.revoke" }, { tellOwner: ["Token ", " was revoked"] });
  assert.equal(count, 2);
  const summary = await first(env, "SELECT detail FROM audit WHERE action = 'admin.token.revokeAll' AND subject = 'bob'");
  assert.equal(JSON.parse(summary.detail).revoked, 2);
  for (const t of [a, b]) {
    assert.equal((await entries("admin.token.revoke", t.id)).length, 1);
    assert.equal((await notices("revoked", t.id)).length, 1);
  }
  assert.equal((await entries("admin.token.revoke", before.id)).length, 0, "revoked before: not this change's");
});

test("a write's dependants follow it by its mark, wherever they sit after it in the batch", async () => {
  const t = await made();
  const change = newChange();
  const after = { table: "tokens", id: t.id, change };
  // An unrelated statement between the write and its entry: SQLite's changes() would read that
  // statement's count (one row), the mark reads the write's.
  await env.DB.batch([
    statement(env, "UPDATE tokens SET change_id = :change WHERE id = :id AND revoked_at IS NOT NULL", { change, id: t.id }),
    statement(env, "INSERT INTO deployment (key, value) VALUES (:key, '1')", { key: `k-${change}` }),
    audit(env, T, { action: "test.after", tokenId: t.id }, { after }),
  ]);
  assert.equal((await entries("test.after", t.id)).length, 0, "the write did not happen: no entry");
  await env.DB.batch([
    statement(env, "UPDATE tokens SET change_id = :change WHERE id = :id", { change, id: t.id }),
    statement(env, "DELETE FROM deployment WHERE key = :key", { key: `nothing-${change}` }),
    audit(env, T, { action: "test.after", tokenId: t.id }, { after }),
  ]);
  assert.equal((await entries("test.after", t.id)).length, 1, "the write happened: one entry");
});

test("an approval makes its token, notice, entries and issued digest once: a second approval of the request makes nothing", async () => {
  const request = { id: "r1", deviceCode: "dc1", userCode: "BCDFGHJK", digest: "request-digest", hint: "wxyz", displayName: "git: on laptop", scope: "vso.code", organization: "fabrikam", validTo: null, address: "127.0.0.1", agent: "git", expiresAt: T + 15 * 60_000, intervalMs: 5000 };
  await insertRequest(env, T, request);
  const row = await first(env, "SELECT * FROM token_requests WHERE id = 'r1'");
  const token = (id) => ({ id, owner: "alice", displayName: row.displayName, organization: "fabrikam", scope: "vso.code", validTo: T + 30 * DAY, digest: row.digest, hint: row.hint });
  assert.equal(await approveRequest(env, T + 1, row, token("00000000-0000-4000-8000-0000000000a1"), "made by a tool"), true);
  assert.equal(await approveRequest(env, T + 2, row, token("00000000-0000-4000-8000-0000000000a2"), "made by a tool"), false);
  assert.deepEqual((await all(env, "SELECT id FROM tokens WHERE digest = :d", { d: row.digest })).map((r) => r.id), ["00000000-0000-4000-8000-0000000000a1"]);
  assert.equal((await entries("token.create", "00000000-0000-4000-8000-0000000000a2")).length, 0);
  assert.equal((await entries("token.request.approve", "00000000-0000-4000-8000-0000000000a1")).length, 1);
  assert.equal((await notices("created", "00000000-0000-4000-8000-0000000000a1")).length, 1);
  assert.equal((await first(env, "SELECT count(*) AS n FROM issued_digests WHERE digest = :d", { d: row.digest })).n, 1);
});
