// Every rule lives once, in the core: the worker, its stores and the portal ask it and never
// restate a number or a comparison the core owns. Read from the sources (comments aside): a
// copy that slips back in fails here, with the file and line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { root } from "./harness.mjs";

/** The worker's and the portal's JavaScript, the package's wrappers (js/), without the built package. */
function sources() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "pkg" && e.name !== "node_modules") walk(path);
      } else if (/\.m?js$/.test(e.name) && !/\.test\.mjs$|testing\.mjs$/.test(e.name)) out.push(path);
    }
  };
  for (const dir of ["www/src", "www/public", "js"]) walk(join(root, dir));
  return out;
}

/** Code without its comments (line and block), line numbers kept. */
const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");

// Each rule, how a copy of it reads, and the one place allowed to hold it (none: the core only).
const RULES = [
  { rule: "the longest lifespan (the core's MAX_DAYS)", copy: /\b365\b/ },
  { rule: "the longest grace (the core's GRACE_MAX_MINUTES)", copy: /\b1_?440\b/ },
  { rule: "a token's hint (the core's HINT_LEN, isHint)", copy: /slice\(\s*-4\s*\)|\.length\s*[!=]==?\s*4\b/ },
  { rule: "a digest's length (the core's DIGEST_TEXT_LEN, isDigest)", copy: /\b4[34]\b/ },
  { rule: "a replaced secret's grace (the core's Status::grace_until)", copy: /previous_?[uU]ntil\s*[<>]/ },
  { rule: "a token's status (the core's Status::of; SQL in stores/status.js)", copy: /valid_?[tT]o\s*[<>]=?\s*(:?now\b|Date\.now)|revoked_?[aA]t\s*[<>]=?\s*:?now\b/, allowed: ["www/src/stores/status.js", "www/src/stores/notifications.js"] },
  { rule: "the gate's reason codes (GateCore.codes())", copy: /\b(GRANTED|UNKNOWN)\s*=\s*\d+|0xffffffff/ },
  { rule: "the realm (core.js REALM)", copy: /realm:?\s*=?\s*\\?"patgate/, allowed: ["www/src/core.js"] },
];

test("no rule the core owns is restated in the worker, its stores, the portal or the package's wrappers", () => {
  const found = [];
  for (const file of sources()) {
    const name = relative(root, file);
    code(readFileSync(file, "utf8")).split("\n").forEach((line, i) => {
      for (const { rule, copy, allowed = [] } of RULES) {
        if (copy.test(line) && !allowed.includes(name)) found.push(`${name}:${i + 1}: ${rule}: ${line.trim()}`);
      }
    });
  }
  assert.deepEqual(found, []);
});

test("the check reads copies where they are", () => {
  const lines = ['if (row.previousUntil > now) grace = row.previousUntil;', "const hint = token.slice(-4);", "const max = 365; // days", "x = 1; // 365 days is the limit"];
  const hits = lines.map((l) => RULES.filter(({ copy }) => copy.test(code(l))).map((r) => r.rule.split(" (")[0]));
  assert.deepEqual(hits, [["a replaced secret's grace"], ["a token's hint"], ["the longest lifespan"], []]);
});
