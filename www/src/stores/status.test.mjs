// The token status as the stores select by it (status.js) against the core's rule (tokenStatus),
// on D1's SQLite: every combination of instants around each boundary (equal instants included),
// then random instants; through the list pages' filters and status order, and the live count.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { tokenStatus } from "../../../pkg/node.mjs";
import { all, statement } from "./db.js";
import { STATUS } from "./status.js";
import { listTokens, liveTokenCount } from "./tokens.js";
import { migratedStore } from "./testing.mjs";

const T = Date.parse("2026-12-07T12:00:00Z");
let store;
before(async () => {
  store = await migratedStore();
  await statement(store.env, "INSERT INTO users (id, display_name, email, password_hash, password_salt, password_iterations, created_at) VALUES ('alice', 'Alice', 'a@example.com', '', '', 1, 0)").run();
});
after(() => store.close());

/** Stores `rows` ({ validFrom, validTo, revokedAt }) as alice's tokens t0, t1, … (replacing any). */
async function tokens(rows) {
  const { env } = store;
  await statement(env, "DELETE FROM tokens").run();
  for (let i = 0; i < rows.length; i += 200) {
    await env.DB.batch(rows.slice(i, i + 200).map((r, k) => statement(env,
      `INSERT INTO tokens (id, owner, display_name, scope, valid_from, valid_to, created_at, updated_at, revoked_at, digest, hint)
       VALUES (:id, 'alice', :id, 'vso.code', :validFrom, :validTo, 0, 0, :revokedAt, :id, 'abcd')`,
      { id: `t${i + k}`, ...r })));
  }
}

/** For each instant of `nows`: the ids each condition selects equal the ids the core gives that status. */
async function agree(rows, nows) {
  await tokens(rows);
  for (const now of nows) {
    const core = new Map(rows.map((r, i) => [`t${i}`, tokenStatus(r.validFrom, r.validTo, r.revokedAt, now)]));
    const expected = (status) => [...core].filter(([, s]) => s === status).map(([id]) => id).sort();
    for (const [status, condition] of Object.entries(STATUS)) {
      const ids = (await all(store.env, `SELECT id FROM tokens WHERE ${condition}`, { now })).map((r) => r.id).sort();
      assert.deepEqual(ids, expected(status), `${status} at ${now - T}`);
    }
    // The API's filters and the live count are these conditions.
    for (const filter of ["active", "revoked", "expired"]) {
      const page = await listTokens(store.env, now, { filter, sort: "displayDate", ascending: true, top: 1000, after: null, owner: "alice" });
      assert.deepEqual(page.map((t) => t.id).sort(), expected(filter), `filter ${filter} at ${now - T}`);
    }
    assert.equal(await liveTokenCount(store.env, "alice", now, 1000), expected("active").length);
    // Sorted by status: active, not yet valid, expired, revoked.
    const rank = { active: 0, notYetValid: 1, expired: 2, revoked: 3 };
    const sorted = await listTokens(store.env, now, { filter: "all", sort: "status", ascending: true, top: 1000, after: null, owner: "alice" });
    const ranks = sorted.map((t) => rank[core.get(t.id)]);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), `status order at ${now - T}`);
  }
}

test("each status condition selects exactly the tokens the core gives that status, at every boundary", async () => {
  // Every start, end, revocation (or none) and instant among T-1 … T+2: equal instants meet
  // each boundary from both sides.
  const at = [-1, 0, 1, 2].map((d) => T + d);
  const rows = [];
  for (const validFrom of at) for (const validTo of at) for (const revokedAt of [null, ...at]) rows.push({ validFrom, validTo, revokedAt });
  await agree(rows, at);
});

test("and at random instants", async () => {
  // A seeded generator: the same instants every run.
  let seed = 0x2545f491;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const near = () => T + Math.floor((random() - 0.5) * 2 * 86_400_000);
  const rows = Array.from({ length: 300 }, () => ({ validFrom: near(), validTo: near(), revokedAt: random() < 0.3 ? near() : null }));
  await agree(rows, Array.from({ length: 12 }, near));
});

test("the check can fail: a condition off by one instant disagrees with the core", async () => {
  await tokens([{ validFrom: T - 10, validTo: T, revokedAt: null }]);
  const inclusive = await all(store.env, "SELECT id FROM tokens WHERE (revoked_at IS NULL OR revoked_at > :now) AND valid_from <= :now AND valid_to >= :now", { now: T });
  assert.deepEqual(inclusive.map((r) => r.id), ["t0"]);
  assert.equal(tokenStatus(T - 10, T, null, T), "expired");
});
