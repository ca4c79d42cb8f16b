// The portal's paged table (www/public/paged-table.js) with a stand-in for the few DOM parts it
// touches: pages appended in order, "Show more" only while there is more, and an answer or an
// error of a load overtaken by a newer one dropped, so the table never mixes two queries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pagedTable } from "../../www/public/paged-table.js";

/** A `<table>` with one body, a button and a message, as far as pagedTable uses them. */
function parts() {
  const rows = [];
  const body = { rows, replaceChildren: (...r) => rows.splice(0, rows.length, ...r), append: (...r) => rows.push(...r) };
  const listeners = {};
  return {
    table: { tBodies: [body] },
    more: { hidden: true, addEventListener: (type, f) => (listeners[type] = f), click: () => listeners.click() },
    empty: { hidden: true },
    rows,
  };
}

/** A fetchPage whose answers the test releases one by one (`resolve(i, page)`, `reject(i, error)`). */
function controlled() {
  const calls = [];
  const fetchPage = (continuation) => new Promise((resolve, reject) => calls.push({ continuation, resolve, reject }));
  return { calls, fetchPage };
}

const tick = () => new Promise((r) => setImmediate(r));

test("pages are appended in order and Show more stays only while there is a next page", async () => {
  const p = parts();
  const pages = { null: { items: [1, 2], continuation: "b" }, b: { items: [3], continuation: null } };
  const t = pagedTable({ ...p, fetchPage: async (c) => pages[c], row: (x) => `row ${x}` });
  await t.reload();
  assert.deepEqual([p.rows, p.more.hidden, p.empty.hidden], [["row 1", "row 2"], false, true]);
  p.more.click();
  await tick();
  assert.deepEqual([p.rows, p.more.hidden], [["row 1", "row 2", "row 3"], true]);
  // refresh loads as many rows again as are shown.
  pages.null = { items: [10, 20], continuation: "b" };
  await t.refresh();
  assert.deepEqual(p.rows, ["row 10", "row 20", "row 3"]);
});

test("an empty first page shows the empty message", async () => {
  const p = parts();
  await pagedTable({ ...p, fetchPage: async () => ({ items: [], continuation: null }), row: String }).reload();
  assert.deepEqual([p.rows, p.empty.hidden, p.more.hidden], [[], false, true]);
});

test("an older load's answer, or its error, arriving after a newer load started is dropped", async () => {
  const p = parts();
  const c = controlled();
  const t = pagedTable({ ...p, fetchPage: c.fetchPage, row: (x) => `row ${x}` });
  const older = t.reload();
  const newer = t.reload();
  c.calls[1].resolve({ items: ["new"], continuation: null });
  await newer;
  c.calls[0].resolve({ items: ["old"], continuation: "x" });
  await older;
  assert.deepEqual([p.rows, p.more.hidden], [["row new"], true], "the older answer changed nothing");
  const failing = t.reload();
  const last = t.reload();
  c.calls[3].resolve({ items: ["last"], continuation: null });
  await last;
  c.calls[2].reject(new Error("an older filter was refused"));
  await failing; // resolves: nothing to report for a list no longer shown
  assert.deepEqual(p.rows, ["row last"]);
  // The current load's error is the caller's to show.
  const current = t.reload();
  c.calls[4].reject(new Error("refused"));
  await assert.rejects(current, /refused/);
});
