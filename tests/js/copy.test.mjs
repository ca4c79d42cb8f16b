// How Gate's inputs reach wasm memory: the Node entries encode every one with `encodeInto`; the
// other entries (browsers, workerd, Deno) copy ASCII text of up to 256 characters with a loop and
// encode the rest. Both must give the same answers for every input: the browser entry (loaded
// here in Node) is checked against the Node entry, across ASCII and non-ASCII headers and digests
// and lengths either side of 256 characters.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import * as node from "../../pkg/node.mjs";
import * as copied from "../../pkg/browser.js";
import { scratchView } from "../../pkg/patgate.js"; // the browser entry's glue: its wasm memory

await copied.init(readFileSync(new URL("../../pkg/patgate_bg.wasm", import.meta.url)));

const NOW = Date.UTC(2026, 10, 27);
const DAY = 86_400_000;
const { token } = node.generateToken();
const digest = createHash("sha256").update(token).digest("base64url"); // node:crypto says what it is
const other = createHash("sha256").update("another").digest("base64url");
const basic = (user) => "Basic " + Buffer.from(`${user}:${token}`, "utf8").toString("base64");

/** What a call answers, or the message it throws. */
function outcome(f) {
  try {
    return { value: f() };
  } catch (e) {
    return { threw: `${e.constructor.name}: ${e.message}` };
  }
}

// Headers: the ordinary ones, non-ASCII in the header itself and in what Basic decodes to, and
// user-ids that put the header (and the digest with it, for verify) either side of 256 characters.
const headers = [basic(""), basic("git"), basic("usé"), "Bearer " + token, "Bearer é" + token.slice(1), "Basic é", "basic " + token, "", " ", "Bearer"];
const base = basic("").length;
for (const total of [212, 213, 214, 255, 256, 257, 300]) {
  for (const n of [total - base - 2, total - base - 1, total - base]) if (n > 0) headers.push(basic("u".repeat(n)));
}
const digests = [digest, other, digest.slice(0, 42) + "é", "é" + digest.slice(1), digest + "A", digest.slice(0, 42), "", "A".repeat(300)];

test("verify: the same answer whether the input is copied or encoded", () => {
  const [a, b] = [new node.Gate(), new copied.Gate()];
  let granted = 0;
  for (const h of headers) {
    for (const d of digests) {
      const expected = outcome(() => a.verify(h, d));
      assert.deepEqual(outcome(() => b.verify(h, d)), expected, `${JSON.stringify(h.slice(0, 40))}… (${h.length}) with ${JSON.stringify(d.slice(0, 50))}`);
      if (expected.value === 200) granted++;
    }
  }
  // The token's digest is granted exactly where the header carries the token, whatever its length.
  assert.equal(granted, headers.filter((h) => a.authenticate(h).ok).length);
  assert.ok(granted >= 15, `${granted} headers carry the token`);
  assert.equal(a.verify(basic("usé"), digest), 200);
  assert.equal(b.verify(basic("u".repeat(300)), digest), 200);
});

test("a header is measured in UTF-8 bytes, copied or encoded: é is two of them, Ã© four", () => {
  // With a 100-byte limit, 99 characters with two é are 101 bytes: too large (431) either way.
  const [a, b] = [new node.Gate({ maxHeaderBytes: 100 }), new copied.Gate({ maxHeaderBytes: 100 })];
  for (let chars = 96; chars <= 101; chars++) {
    // "Ã©" is four UTF-8 bytes, and two bytes that would read as "é" if copied as Latin-1.
    for (const [accent, count] of [["é", 0], ["é", 1], ["é", 2], ["Ã©", 1]]) {
      const h = "Bearer " + accent.repeat(count) + "x".repeat(chars - 7 - accent.length * count);
      const bytes = Buffer.byteLength(h, "utf8");
      for (const gate of [a, b]) {
        assert.equal(gate.authenticate(h).status === 431, bytes > 100, `${chars} characters, ${bytes} bytes`);
        assert.equal(gate.verify(h, digest) === 431, bytes > 100, `${chars} characters, ${bytes} bytes`);
      }
      assert.deepEqual(b.authenticate(h), a.authenticate(h));
    }
  }
});

test("authenticate and decide: the same verdicts whether the input is copied or encoded", () => {
  const [a, b] = [new node.Gate(), new copied.Gate()];
  const request = { now: NOW, organization: "fabrikam", requiredScope: "vso.code" };
  for (const h of headers) {
    const [pa, pb] = [outcome(() => a.authenticate(h)), outcome(() => b.authenticate(h))];
    assert.deepEqual(pb, pa, `${JSON.stringify(h.slice(0, 40))}… (${h.length})`);
    if (!pa.value?.ok) continue;
    assert.equal(pa.value.digest, digest);
    for (const stored of digests) {
      const record = { id: "t1", owner: "alice", organizations: ["fabrikam"], scope: "vso.code", validFrom: NOW - DAY, validTo: NOW + DAY, revokedAt: null, digest: stored };
      // The presented digest as the gate kept it, and as text it no longer holds.
      for (const presented of [pa.value.digest, digest.slice(0) + ""]) {
        const expected = outcome(() => a.decide(presented, record, request));
        assert.deepEqual(outcome(() => b.decide(presented, record, request)), expected, `${JSON.stringify(stored.slice(0, 50))}`);
        assert.equal(expected.value?.ok ?? false, stored === digest);
      }
      // Another gate holds no slot for it: the presented digest crosses as text.
      const fresh = new copied.Gate();
      assert.deepEqual(outcome(() => fresh.decide(pa.value.digest, record, request)), outcome(() => a.decide(pa.value.digest, record, request)));
    }
  }
  // A stored digest that is not ASCII is a malformed record on both paths.
  const bad = { id: "t1", owner: "alice", organizations: ["fabrikam"], scope: "vso.code", validFrom: NOW - DAY, validTo: NOW + DAY, revokedAt: null, digest: "é".repeat(43) };
  assert.throws(() => b.decide(digest, bad, request), /digest/);
  assert.throws(() => a.decide(digest, bad, request), /digest/);
});

test("a header does not stay in wasm memory after authenticate or verify", () => {
  const gate = new copied.Gate();
  const leftover = (n) => scratchView().subarray(0, n).some((b) => b !== 0);
  for (const h of [basic("git"), "Bearer " + token, basic("u".repeat(300)), basic("usé")]) {
    assert.equal(gate.authenticate(h).ok, true);
    assert.equal(leftover(h.length), false, `after authenticate(${h.slice(0, 20)}…)`); // where it was written
    assert.equal(gate.verify(h, digest), 200);
    assert.equal(leftover(digest.length + h.length), false, `after verify(${h.slice(0, 20)}…)`); // the digest, then the header
  }
});

test("a token passed in or out as a string does not stay in wasm memory (freed blocks are wiped)", () => {
  // The module's data, the scratch bytes and the heap: everything above its 1 MiB shadow stack
  // (whose frames later calls overwrite).
  const found = (text) => Buffer.from(scratchView().buffer).indexOf(Buffer.from(text, "latin1"), 1 << 20) !== -1;
  const gate = new copied.Gate({ maxHeaderBytes: 65536 });
  // A header longer than the scratch bytes crosses as a string (the fallback path).
  const long = basic("u".repeat(9000));
  assert.equal(gate.authenticate(long).ok, true);
  assert.equal(gate.verify(long, digest), 200);
  assert.equal(found(long.slice(-40)), false, "the end of a long Basic header (the token in base64)");
  // The portal's calls that take or give a token as a string.
  assert.deepEqual(copied.checkToken(token), { valid: true });
  assert.equal(copied.tokenDigest(token), digest);
  assert.equal(copied.verifyToken(token, digest), true);
  const header = copied.formatBasic(token, "git");
  assert.equal(copied.parseAuthorization(header).token, token);
  const made = copied.generateToken();
  for (const secret of [token, made.token, header.slice(6)]) assert.equal(found(secret), false, "a token or its Basic credential");
  // The search finds what is there: a digest the gate answered with stays in its output bytes.
  assert.equal(gate.authenticate(basic("git")).ok, true);
  assert.equal(found(digest), true);
});
