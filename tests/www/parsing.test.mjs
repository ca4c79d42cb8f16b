// The worker's own parsing (query options, JSON bodies, header values, names, dates) fuzzed in
// Node with seeded random inputs: every input is accepted or refused with a 4xx HttpError,
// never another exception. (Linear time over HTTP: tests/www/abuse.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { HttpError, displayName, fieldValue, parseTime, readJson } from "../../www/src/http.js";
import { listQuery } from "../../www/src/query.js";

/** A small deterministic PRNG (mulberry32), so a failure is reproducible from its seed. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["active", "all", "constructor", "__proto__", "toString", "$top", "=", "&", "%00", "%", "+", " ", "\t", "\u202e", "\u200b",
  "displayFilterOption", "sortByOption", "isSortAscending", "continuationToken", "true", "1", "100", "101", "-1", "1e2", "zz", "😀", "\\", "'", '"', "{", "}", "[", "]", ":", ","];

function text(random, max = 40) {
  let s = "";
  const n = Math.floor(random() * max);
  for (let i = 0; i < n; i++) s += random() < 0.7 ? PIECES[Math.floor(random() * PIECES.length)] : String.fromCharCode(Math.floor(random() * 0x3000));
  return s;
}

function refusedCleanly(fn, what) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof HttpError, `${what}: ${e}`);
    assert.ok(e.status >= 400 && e.status < 500, `${what}: ${e.status}`);
  }
}

test("query options: any query is parsed or refused with a 4xx naming the option", () => {
  const random = rng(1);
  for (let i = 0; i < 20_000; i++) {
    const query = text(random);
    refusedCleanly(() => listQuery(new URL("http://h/_apis/tokens/pats?" + query)), JSON.stringify(query));
  }
  for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
    for (const option of ["displayFilterOption", "sortByOption"]) {
      assert.throws(() => listQuery(new URL(`http://h/?${option}=${name}`)), (e) => e instanceof HttpError && e.status === 400 && e.field === option);
    }
  }
  assert.deepEqual(listQuery(new URL("http://h/?displayFilterOption=All&sortByOption=VALIDTO&isSortAscending=True&$top=5&continuationToken=0E7CCB2C-5A6F-4C7E-9E3B-7A2B1C9D8E7F")),
    { filter: "all", sort: "validTo", ascending: true, top: 5, after: "0e7ccb2c-5a6f-4c7e-9e3b-7a2b1c9d8e7f" });
  assert.deepEqual(listQuery(new URL("http://h/")), { filter: "active", sort: "displayName", ascending: true, top: 100, after: null }, "Azure DevOps' defaults");
  for (const bad of ["a", "10", "0e7ccb2c-5a6f-4c7e-9e3b-7a2b1c9d8e7", "' OR 1=1 --"]) {
    assert.throws(() => listQuery(new URL(`http://h/?continuationToken=${encodeURIComponent(bad)}`)), (e) => e.status === 400 && e.field === "continuationToken", bad);
  }
});

test("JSON bodies: any bytes are parsed or refused with a 4xx", async () => {
  const random = rng(2);
  for (let i = 0; i < 3000; i++) {
    const body = text(random, 60);
    const request = new Request("http://h/", { method: "POST", headers: { "content-type": "application/json" }, body });
    try {
      await readJson(request, ["displayName", "scope"]);
    } catch (e) {
      assert.ok(e instanceof HttpError && e.status >= 400 && e.status < 500, `${JSON.stringify(body)}: ${e}`);
    }
  }
});

test("names and dates: parsed or refused with a 4xx", () => {
  const random = rng(3);
  for (let i = 0; i < 20_000; i++) {
    const value = text(random);
    refusedCleanly(() => displayName(value), JSON.stringify(value));
    refusedCleanly(() => parseTime(value, "validTo"), JSON.stringify(value));
  }
});

test("header values: whitespace trimmed, oversized values left whole", () => {
  const read = (value) => fieldValue(new Headers({ x: value }), "x");
  assert.equal(read(" \t a b \t "), "a b");
  assert.equal(read(" ".repeat(4000) + "x" + " ".repeat(4000)), "x");
  const big = "a" + " ".repeat(9000) + "b";
  assert.equal(read(big), big, "over the cap: untouched, for the caller to refuse by size");
});
