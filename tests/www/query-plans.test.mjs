// The query plan of every statement on a hot path (the gate's lookup, each list page, the scans,
// sessions, notifications), from SQLite's EXPLAIN QUERY PLAN over the real migrations: no full
// scan of a table, no sort of a whole result in a temporary b-tree. A plan that would read a
// million tokens to answer one request fails here, whatever the timing on this machine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { numberedSql } from "../../www/src/stores/db.js";
import { AUDIT_FILTERS, HOT, LIST_FILTERS, auditStatement, listStatement } from "../../www/src/stores/index.js";
import { root } from "./harness.mjs";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const ID = "0e7ccb2c-5a6f-4c7e-9e3b-7a2b1c9d8e7f";
const DIGEST = "aWKq0Z9uG3qc6lsX1OeXiHVMnGBYVlMgUapSYFVftxU";

/** A statement with named parameters as SQLite runs it: `?N`, and the values in that order. */
function bound(name, text, params) {
  const { sql, names } = numberedSql(text);
  return { name, sql, args: names.map((n) => params[n]) };
}

/** `[{ name, sql, args }]` → each statement's plan lines, from SQLite over every migration. */
function plans(statements) {
  const migrations = readdirSync(join(root, "www/migrations")).filter((f) => f.endsWith(".sql")).sort().map((f) => join(root, "www/migrations", f));
  const script = `
import json, sqlite3, sys
c = sqlite3.connect(":memory:")
for path in json.loads(sys.argv[1]):
    c.executescript(open(path).read())
out = {}
for s in json.load(sys.stdin):
    out[s["name"]] = [row[3] for row in c.execute("EXPLAIN QUERY PLAN " + s["sql"], s["args"])]
print(json.dumps(out))`;
  // The statements on standard input: together they are longer than one argument may be.
  return JSON.parse(execFileSync("python3", ["-c", script, JSON.stringify(migrations)], { input: JSON.stringify(statements), encoding: "utf8" }));
}

const CHANGE = "5b0c7e42-1f7d-4b8e-9a55-0c2d9e6b7a10";
const HOT_ARGS = {
  tokenByDigest: { digest: DIGEST }, touchToken: { now: NOW, id: ID, since: NOW - 300_000 }, digestTaken: { digest: DIGEST },
  revokeOwner: { now: NOW, owner: "alice", change: CHANGE },
  expiringChunk: { now: NOW, window: 7 * 86_400_000, limit: 500 }, notificationsOf: { userId: "alice" },
  claimUndelivered: { until: NOW + 300_000, now: NOW, limit: 50 }, session: { idDigest: DIGEST, now: NOW },
  pruneAudit: { before: NOW - 90 * 86_400_000, chunk: 5000 },
  revokedNotices: { now: NOW, owner: "alice", change: CHANGE, before: "Personal access token \"", after: "\" was revoked." },
  revokedEntries: { now: NOW, owner: "alice", change: CHANGE, actor: "admin", action: "admin.token.revoke", detail: '{"revokeAll":true}' },
};

/** Every list page a user or an administrator can ask for by the defaults and common sorts. */
function listStatements() {
  const out = [];
  for (const who of [{ owner: "alice" }, {}, { organization: "fabrikam" }, { owner: "alice", organization: "fabrikam" }]) {
    for (const filter of LIST_FILTERS) {
      for (const sort of ["displayName", "displayDate", "validTo"]) {
        for (const ascending of [true, false]) {
          for (const after of [null, ID]) {
            const { text, params } = listStatement(NOW, { filter, sort, ascending, top: 100, after, ...who });
            out.push(bound(`list ${JSON.stringify(who)} ${filter} by ${sort} ${ascending ? "asc" : "desc"}${after ? " after a page" : ""}`, text, params));
          }
        }
      }
    }
  }
  return out;
}

/** Every page of the audit log: unfiltered and each filter alone and in pairs, first page and later. */
function auditStatements() {
  const values = { action: "token.revoke", actor: "admin", subject: "alice", authorizationId: ID };
  const names = Object.keys(AUDIT_FILTERS);
  const sets = [[], ...names.map((n) => [n]), ...names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b]))];
  return sets.flatMap((set) => [null, 12345].map((before) => {
    const filters = Object.fromEntries(set.map((n) => [n, values[n]]));
    const { text, params } = auditStatement({ top: 201, before, filters });
    return bound(`audit ${set.join("+") || "all"}${before ? " after a page" : ""}`, text, params);
  }));
}

/** Why a plan line reads more than it needs, or null. */
function waste(line) {
  if (/^SCAN /.test(line) && !/USING (COVERING )?INDEX/.test(line)) return "a full scan";
  if (/USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)/.test(line)) return "a sort of the whole result";
  return null;
}

test("every hot statement reads through an index, and no list page sorts a whole table", () => {
  const statements = [...Object.entries(HOT_ARGS).map(([name, params]) => bound(name, HOT[name], params)), ...listStatements(), ...auditStatements()];
  assert.deepEqual(Object.keys(HOT).sort(), Object.keys(HOT_ARGS).sort(), "every hot statement is checked");
  const found = plans(statements);
  const problems = [];
  for (const s of statements) {
    for (const line of found[s.name]) {
      const why = waste(line);
      if (why) problems.push(`${s.name}: ${why} (${line})`);
    }
  }
  assert.deepEqual(problems, []);
  // A filtered audit page reads through its filter's index (not the whole log by id).
  for (const [name, index] of [["action", "audit_action"], ["actor", "audit_actor"], ["subject", "audit_subject"], ["authorizationId", "audit_token"]]) {
    assert.ok(found[`audit ${name}`].some((l) => l.includes(`USING INDEX ${index}`)), `audit ${name}: ${found[`audit ${name}`].join("\n")}`);
  }
  // The gate's lookup is two index searches (current digest, regenerated-away digest).
  assert.ok(found.tokenByDigest.some((l) => /SEARCH t USING INDEX sqlite_autoindex_tokens_\d \(digest=\?\)/.test(l)), found.tokenByDigest.join("\n"));
});

test("the check itself fails on a full scan and on a whole-result sort", () => {
  const found = plans([
    { name: "by scope", sql: "SELECT id FROM tokens WHERE scope = ?1", args: ["vso.code"] },
    { name: "by hint, sorted", sql: "SELECT id FROM tokens WHERE owner = ?1 ORDER BY hint", args: ["alice"] },
  ]);
  assert.equal(waste(found["by scope"].join("\n")), "a full scan");
  assert.ok(found["by hint, sorted"].some((l) => waste(l) === "a sort of the whole result"), found["by hint, sorted"].join("\n"));
});
