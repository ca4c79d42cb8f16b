// Nothing that held a token stays in the module's memory after its call: the core wipes the
// buffers it decodes headers into and the hasher's block, and the module's allocator wipes every
// block it frees, so a token passed in or out as a string (a header, the portal's calls, a new
// token) goes when its call returns. Searched in the memory of a module loaded here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import * as glue from "../../pkg/patgate.js";
import { defineGate } from "../../pkg/gate.js";
import { defineGenerateToken } from "../../pkg/generate.js";

const { memory } = glue.initSync({ module: readFileSync(new URL("../../pkg/patgate_bg.wasm", import.meta.url)) });
const Gate = defineGate(glue.GateCore);
const generateToken = defineGenerateToken(glue.generateTokenText);

// The module's data and heap: everything above its 1 MiB shadow stack (whose frames later calls
// overwrite).
const found = (text) => Buffer.from(memory.buffer).indexOf(Buffer.from(text, "latin1"), 1 << 20) !== -1;
const { token } = generateToken();
const digest = createHash("sha256").update(token).digest("base64url"); // node:crypto says what it is
const basic = (user) => "Basic " + Buffer.from(`${user}:${token}`, "utf8").toString("base64");

test("the search finds what is there: the module's own text", () => {
  assert.equal(found("the token is unknown, revoked or expired"), true);
  assert.equal(found("not in the module " + Math.random()), false);
});

test("a header does not stay in wasm memory after authenticate, verify or decide", () => {
  const gate = new Gate({ maxHeaderBytes: 65536 });
  const record = { id: "t", owner: "u", organizations: ["fabrikam"], scope: "vso.code", validFrom: 0, validTo: Date.now() + 86_400_000, digest };
  for (const h of [basic("git"), "Bearer " + token, basic("u".repeat(300)), basic("usé"), basic("u".repeat(9000))]) {
    const presented = gate.authenticate(h);
    assert.equal(presented.ok, true);
    assert.equal(gate.verify(h, digest), 200);
    assert.equal(gate.decide(presented.digest, record, { now: Date.now(), organization: "fabrikam", requiredScope: "vso.code" }).ok, true);
    for (const part of [token, h.slice(-40)]) assert.equal(found(part), false, `after ${h.slice(0, 20)}… (${h.length})`);
  }
});

test("a token passed in or out as a string does not stay in wasm memory", () => {
  assert.deepEqual(glue.checkToken(token), { valid: true });
  assert.equal(glue.tokenDigest(token), digest);
  assert.equal(glue.verifyToken(token, digest), true);
  const header = glue.formatBasic(token, "git");
  assert.equal(glue.parseAuthorization(header).token, token);
  const made = generateToken();
  assert.equal(made.digest, createHash("sha256").update(made.token).digest("base64url"));
  for (const secret of [token, made.token, header.slice(6)]) assert.equal(found(secret), false, "a token or its Basic credential");
});
