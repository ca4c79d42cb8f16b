// How the Node entries load the wasm module: not at import, once on first use (a call, a `new
// Gate`, or `init()`), in ESM and CommonJS alike. Each case runs in a fresh process that counts
// WebAssembly compilations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

const pkg = new URL("../../pkg/", import.meta.url).pathname;
const COUNT = "let compiled = 0; const Module = WebAssembly.Module; WebAssembly.Module = function (bytes) { compiled++; return new Module(bytes); };";

/** Runs `body` after `load` in a fresh Node; returns what it prints. */
function run(kind, load, body) {
  const code = `${COUNT} ${load} const seen = []; ${body}; console.log(JSON.stringify(seen));`;
  const args = kind === "esm" ? ["--input-type=module", "-e", code] : ["-e", code];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: pkg, encoding: "utf8" }));
}

for (const [kind, load] of [["esm", `const pg = await import(${JSON.stringify(pkg + "node.mjs")});`], ["cjs", `const pg = require(${JSON.stringify(pkg + "node.cjs")});`]]) {
  test(`${kind}: importing compiles nothing; the first call compiles once`, () => {
    const seen = run(kind, load, `seen.push(compiled); seen.push(pg.checkToken("pat_x").valid); seen.push(compiled); pg.tokenDigest("x"); pg.generateToken(); seen.push(compiled)`);
    assert.deepEqual(seen, [0, false, 1, 1]);
  });

  test(`${kind}: a new Gate or Policy loads the module; init() after use changes nothing`, () => {
    const seen = run(kind, load, `const g = new pg.Gate(); seen.push(compiled, g.verify(null, "A".repeat(43))); new pg.Policy(30, false); seen.push(compiled); pg.init(); seen.push(compiled)`);
    assert.deepEqual(seen, [1, 401, 1, 1]);
  });

  test(`${kind}: init() loads it up front`, () => {
    const seen = run(kind, load, `seen.push(compiled); pg.init(); seen.push(compiled); seen.push(pg.isDigest("A".repeat(43))); seen.push(compiled)`);
    assert.deepEqual(seen, [0, 1, true, 1]);
  });
}
