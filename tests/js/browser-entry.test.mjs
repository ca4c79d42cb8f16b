// The browser entry's loading, run in Node with the module's bytes passed in: an engine that
// cannot compile the module gets an error that says what the module needs, and may try again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const pkg = new URL("../../pkg/", import.meta.url);

test("browser entry: a module the engine cannot compile is explained, and init() can be retried", async () => {
  const pg = await import(new URL("browser.js", pkg));
  assert.throws(() => pg.checkToken("pat_x"), /call `await init\(\)` before using it/);
  // What is not a module at all fails as the engine says.
  const other = await pg.init(42).then(() => null, (error) => error);
  assert.ok(other instanceof TypeError && !/SIMD/.test(other.message));
  // A wasm header followed by a section id no engine knows: what an engine without SIMD sees in
  // the real module is the same kind of error, a WebAssembly.CompileError.
  const refused = await pg.init(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x7f, 0x00])).then(
    () => null,
    (error) => error,
  );
  assert.ok(refused instanceof Error && !(refused instanceof WebAssembly.CompileError));
  assert.match(refused.message, /^patgate: this engine cannot compile patgate's module: it needs WebAssembly SIMD \(Chrome and Edge 91\+, Firefox 89\+, Safari 16\.4\+\)/);
  assert.ok(refused.cause instanceof WebAssembly.CompileError);
  assert.throws(() => pg.checkToken("pat_x"), /call `await init\(\)` before using it/);
  // The next init() tries again, with the package's module.
  await pg.init(readFileSync(new URL("patgate_bg.wasm", pkg)));
  assert.equal(pg.checkToken("pat_x").valid, false);
  assert.equal(pg.isDigest("A".repeat(43)), true);
});
