// The worker's HTTP plumbing (www/src/http.js) on its own. Request bodies are read as they arrive
// and given up as soon as they pass their limit, so a body with no Content-Length (chunked) is
// never held whole: readBody against a stream that never ends, counting what it was made to pull.
// Client addresses as the per-address limits count them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DRAIN_BYTES, MAX_FIELD_BYTES, UNPROXIED, clientAddress, fieldValue, readBody } from "../../www/src/http.js";

/** A JSON request whose body never ends, in 4 KiB chunks; `pulled()` is how many bytes were read. */
function endless() {
  let pulled = 0;
  const body = new ReadableStream({
    pull(controller) {
      pulled += 4096;
      controller.enqueue(new Uint8Array(4096).fill(0x20));
    },
  }, { highWaterMark: 0 });
  const request = new Request("http://127.0.0.1/_apis/session", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" });
  return { request, pulled: () => pulled };
}

test("a body with no end is refused with 413: what passes the limit is read and dropped, up to a bound", async () => {
  for (const limit of [16 * 1024, 128 * 1024]) {
    const { request, pulled } = endless();
    // A reader that waits for the end never answers: 10 s says so instead of a hang.
    let timer;
    const waited = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("readBody waited for the end of the body")), 10_000)));
    await assert.rejects(Promise.race([readBody(request, limit), waited]).finally(() => clearTimeout(timer)), (e) => e.status === 413 && e.code === "payload_too_large");
    assert.ok(pulled() > limit + DRAIN_BYTES && pulled() <= limit + DRAIN_BYTES + 2 * 4096, `${pulled()} bytes pulled for a limit of ${limit}`);
  }
});

test("a body within the limit is read whole, whatever its chunks", async () => {
  const parts = ['{"userName":', '"alice",', '"password":"x"}'];
  const body = new ReadableStream({ start(c) { for (const p of parts) c.enqueue(new TextEncoder().encode(p)); c.close(); } });
  const request = new Request("http://127.0.0.1/", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" });
  assert.equal(new TextDecoder().decode(await readBody(request, 64)), parts.join(""));
  const exact = new Request("http://127.0.0.1/", { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(64) });
  assert.equal((await readBody(exact, 64)).length, 64, "exactly the limit is within it");
  const over = new Request("http://127.0.0.1/", { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(65) });
  await assert.rejects(readBody(over, 64), (e) => e.status === 413);
  // A chunked body a little over the limit is read to its end (and dropped) before the 413.
  let sent = 0;
  const chunked = new ReadableStream({ pull(c) { if (sent >= 1 << 20) return c.close(); sent += 4096; c.enqueue(new Uint8Array(4096)); } });
  const large = new Request("http://127.0.0.1/", { method: "POST", headers: { "content-type": "application/json" }, body: chunked, duplex: "half" });
  await assert.rejects(readBody(large, 64), (e) => e.status === 413);
  assert.equal(sent, 1 << 20);
});

test("a client address: IPv4 whole, IPv6 by its /64 however it is written, anything else as sent", () => {
  const from = (ip) => clientAddress(new Request("http://127.0.0.1/", ip === null ? {} : { headers: { "cf-connecting-ip": ip } }));
  const table = [
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002:ffff:ffff:ffff:fffe", "2001:db8:1:2::/64"],
    ["2001:db8::2:1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["::ffff:203.0.113.7", "::ffff:203.0.113.7"],
    ["2001:db8::1::2", "2001:db8::1::2"],
    ["2001:db8:1:2:3:4:5:6:7", "2001:db8:1:2:3:4:5:6:7"],
    ["not an address", "not an address"],
    ["x".repeat(100), "x".repeat(64)],
    [null, "unknown"],
  ];
  for (const [ip, counted] of table) assert.equal(from(ip), counted, String(ip));
});

test("with the peer proxy's key set, only a request that carries it is counted by its header; any other is one shared address", () => {
  const env = { PATGATE_PEER_KEY: "k".repeat(32) };
  const from = (headers) => clientAddress(new Request("http://127.0.0.1/", { headers }), env);
  assert.equal(from({ "cf-connecting-ip": "203.0.113.7", "x-patgate-peer-key": "k".repeat(32) }), "203.0.113.7");
  assert.equal(from({ "cf-connecting-ip": "203.0.113.7" }), UNPROXIED);
  assert.equal(from({ "cf-connecting-ip": "203.0.113.7", "x-patgate-peer-key": "k".repeat(31) + "j" }), UNPROXIED);
  assert.equal(from({ "cf-connecting-ip": "203.0.113.7", "x-patgate-peer-key": "k".repeat(33) }), UNPROXIED);
  assert.equal(from({ "cf-connecting-ip": "203.0.113.7", "x-patgate-peer-key": "" }), UNPROXIED);
});

test("a header value over the cap comes back untouched: nothing scans it character by character", () => {
  // As workerd passes values (Node's Headers would trim them first).
  const headers = (value) => ({ get: (name) => (name === "authorization" ? value : null) });
  for (const c of [" ", "\t"]) {
    const flood = c.repeat(MAX_FIELD_BYTES) + "x" + c;
    assert.equal(fieldValue(headers(flood), "authorization"), flood, "not trimmed: not scanned");
  }
  // At the cap, trimmed (RFC 9110's whitespace only: SP and HTAB).
  const at = " ".repeat(MAX_FIELD_BYTES - 3) + "x\t\u00a0";
  assert.equal(at.length, MAX_FIELD_BYTES);
  assert.equal(fieldValue(headers(at), "authorization"), "x\t\u00a0", "leading spaces trimmed; a trailing NBSP is no whitespace, so the tab before it stays");
  assert.equal(fieldValue(headers(" \tx \t"), "authorization"), "x");
  assert.equal(fieldValue(headers(null), "authorization"), null);
});
