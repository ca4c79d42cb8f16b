// The JavaScript API of the wasm module, as a Node user calls it: shapes, camelCase names,
// errors for a developer's mistakes, verdicts (never exceptions) for a client's bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import * as pg from "../../pkg/node.mjs";

const g0 = () => pg.generateToken();


const NOW = Date.UTC(2026, 10, 27);
const DAY = 86_400_000;

test("generateToken returns the token, its digest and hint", () => {
  const g = pg.generateToken();
  assert.deepEqual(Object.keys(g).sort(), ["digest", "hint", "token"]);
  assert.match(g.token, /^pat_[0-9A-Za-z]{36}$/);
  assert.equal(g.hint, g.token.slice(-4));
  assert.equal(g.digest, createHash("sha256").update(g.token).digest("base64url"), "node:crypto, not patgate, says what the digest is");
  assert.match(g.digest, /^[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(pg.checkToken(g.token), { valid: true });
  assert.match(pg.generateToken("acme_pat").token, /^acme_pat_/);
  assert.notEqual(pg.generateToken().token, g.token);
});

test("isHint: four characters of the token alphabet, nothing else", () => {
  const { token, hint } = pg.generateToken();
  assert.equal(hint, token.slice(-4));
  assert.equal(pg.isHint(hint), true);
  for (const good of ["0000", "zzzz", "Lq17"]) assert.equal(pg.isHint(good), true, good);
  for (const bad of ["", "Lq1", "Lq170", "Lq_7", "Lq 7", "Lq1\u00e9", "\u017fq17", "Lq1\0"]) assert.equal(pg.isHint(bad), false, JSON.stringify(bad));
});

test("a bad prefix is a developer error and throws an Error", () => {
  for (const bad of ["", "PAT", "_x", "x_", "a".repeat(17), "pa-t"]) {
    assert.throws(() => pg.generateToken(bad), { name: "Error", message: /token prefix/ });
    assert.throws(() => pg.checkToken("pat_x", bad), /token prefix/);
  }
});

test("checkToken names each failure", () => {
  const t = pg.generateToken().token;
  const flip = t.slice(0, 10) + (t[10] === "A" ? "B" : "A") + t.slice(11);
  assert.deepEqual(pg.checkToken(flip).reason, "checksum");
  assert.deepEqual(pg.checkToken(t.slice(0, -1)).reason, "length");
  assert.deepEqual(pg.checkToken(t, "ghp").reason, "prefix");
  assert.deepEqual(pg.checkToken(t.replace(/.$/, "-")).reason, "alphabet");
  assert.equal(pg.checkToken("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", "ghp").valid, true);
  const bad = pg.checkToken(flip);
  assert.equal(bad.valid, false);
  assert.ok(!bad.message.includes(flip));
});

test("containsToken finds a token anywhere in a text, as a word of its own, in one call", () => {
  // GitHub's published vector (checksum 2oIfSC of the random part), under its own prefix.
  const t = "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";
  for (const text of [t, `/repos/${t}/info`, `q=1\nsee ${t}.`, `${"x ".repeat(5000)}${t}`]) assert.equal(pg.containsToken(text, "ghp"), true, text.slice(-60));
  for (const text of ["", `x${t}`, `${t}_`, t.slice(0, -1), t.replace("2oIfSC", "2oIfSD"), `ghp_${t}`]) assert.equal(pg.containsToken(text, "ghp"), false, text);
  assert.equal(pg.containsToken(t), false); // the default prefix is pat
  const own = pg.generateToken().token;
  assert.equal(pg.containsToken(`/a/${own}`), true);
  assert.throws(() => pg.containsToken(t, "Bad Prefix"), /token prefix/);
});

test("digests: SHA-256 known answer, pepper and constant-time verify", () => {
  assert.equal(pg.tokenDigest("abc"), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  const { token, digest } = pg.generateToken();
  const pepper = new Uint8Array(32).fill(7);
  const stored = pg.pepperDigest(digest, pepper);
  // The oracle: HMAC-SHA-256 keyed by the pepper over the digest's 32 raw bytes (node:crypto).
  assert.equal(stored, createHmac("sha256", pepper).update(Buffer.from(digest, "base64url")).digest("base64url"));
  assert.notEqual(stored, createHmac("sha256", pepper).update(digest).digest("base64url"), "over the bytes, not the base64 text");
  assert.equal(pg.verifyToken(token, digest), true);
  assert.equal(pg.verifyToken(token, stored, pepper), true);
  assert.equal(pg.verifyToken(token, stored), false);
  assert.equal(pg.verifyToken(pg.generateToken().token, digest), false);
  assert.throws(() => pg.pepperDigest(digest, new Uint8Array(8)), /pepper must be at least 16 bytes/);
  assert.throws(() => pg.verifyToken(token, "not-a-digest"), /digest must be 43/);
});

test("headers: format and parse, Azure DevOps and git forms", () => {
  const { token } = pg.generateToken();
  // RFC 7617's example credentials are no token: a header is never made of one.
  for (const notToken of ["open sesame", "", g0().digest, g0().hint, g0().token.slice(0, -1) + "x", "ghp_" + "a".repeat(36)]) {
    assert.throws(() => pg.formatBasic(notToken, "Aladdin"), /token/, notToken);
    assert.throws(() => pg.formatBearer(notToken), /token/, notToken);
  }
  // A token under another prefix is a token (its own prefix is checked, with its checksum).
  const acme = pg.generateToken("acme_pat").token;
  assert.equal(pg.formatBearer(acme), "Bearer " + acme);
  assert.equal(pg.formatBasic(token), "Basic " + Buffer.from(":" + token).toString("base64"));
  assert.equal(pg.formatBearer(token), "Bearer " + token);
  assert.deepEqual(pg.parseAuthorization(pg.formatBasic(token, "anything")), {
    ok: true, scheme: "basic", username: "anything", token,
  });
  assert.deepEqual(pg.parseAuthorization("bearer " + token), { ok: true, scheme: "bearer", username: null, token });
  assert.throws(() => pg.formatBasic(token, "a:b"), /user-id may not contain/);
});

test("bad client headers are results, never exceptions", () => {
  const cases = [
    [undefined, 401, null, "missing"],
    [null, 401, null, "missing"],
    ["Digest x", 401, null, "unknown_scheme"],
    ["Basic a b", 400, "invalid_request", "multiple_credentials"],
    ["Basic Zm9v", 400, "invalid_request", "no_colon"],
    ["Basic Zm9", 400, "invalid_request", "bad_base64"],
    ["Basic\tZm9v", 400, "invalid_request", "control_character"],
    ["Bearer x".padEnd(9000, "x"), 431, null, "too_large"],
    ["Bearer \u{1F600}", 400, "invalid_request", "bad_bearer"],
    ["Bearer \uD800", 400, "invalid_request", "bad_bearer"], // a lone surrogate
  ];
  for (const [value, status, error, reason] of cases) {
    const r = pg.parseAuthorization(value);
    assert.equal(r.ok, false);
    assert.deepEqual([r.status, r.error, r.reason], [status, error, reason], String(value).slice(0, 20));
    assert.equal(typeof r.message, "string");
  }
  assert.equal(pg.parseAuthorization("Bearer abc", 8).reason, "too_large");
});

test("scopes: catalog, validation, grants", () => {
  const catalog = pg.scopeCatalog();
  assert.equal(catalog.length, 34);
  assert.equal(catalog.flatMap((c) => c.scopes).length, 86);
  const code = catalog.find((c) => c.category === "Code").scopes.find((s) => s.scope === "vso.code_write");
  assert.deepEqual(code, {
    scope: "vso.code_write", name: "Code (read and write)", category: "Code", highPrivilege: true,
    implies: ["vso.code", "vso.code_write", "vso.hooks", "vso.hooks_write", "vso.profile"],
  });
  assert.deepEqual(pg.validateScopes("vso.build  vso.code"), {
    ok: true, scope: "vso.build vso.code", fullAccess: false, highPrivilege: false,
    implied: ["vso.build", "vso.code", "vso.hooks", "vso.hooks_write", "vso.profile"],
  });
  assert.deepEqual(pg.validateScopes("vso.code vso.bogus"), {
    ok: false, message: "the scope is not in the Azure DevOps catalog", unknown: "vso.bogus",
  });
  assert.equal(pg.validateScopes("").unknown, null);
  assert.equal(pg.validateScopes("app_token").fullAccess, true);
  assert.equal(pg.scopesGrant("vso.code_full", "vso.code"), true);
  assert.equal(pg.scopesGrant("vso.code", "vso.code_write"), false);
  assert.equal(pg.scopesGrant("app_token", "vso.build_execute"), true);
  assert.throws(() => pg.scopesGrant("vso.code", "vso.nope"), /not in the Azure DevOps catalog/);
});

test("lifespan: presets, validTo and the policy maximum", () => {
  assert.deepEqual(pg.lifespanPresets(), [30, 60, 90]);
  assert.deepEqual(pg.lifespanPresets(60), [30, 60]);
  assert.equal(pg.validToAfter(NOW, 30), NOW + 30 * DAY);
  assert.deepEqual(pg.checkValidTo(NOW, NOW + 90 * DAY), { ok: true });
  assert.deepEqual(pg.checkValidTo(NOW, NOW + 366 * DAY), {
    ok: false, message: "validTo is later than the maximum lifespan allows", latestValidTo: NOW + 365 * DAY,
  });
  assert.equal(pg.checkValidTo(NOW, NOW - 1).message, "validTo must be in the future");
  assert.equal(pg.checkValidTo(NOW, NOW + 40 * DAY, 30).ok, false);
  assert.throws(() => pg.checkValidTo(NaN, NOW), /now must be a finite number/);
  assert.throws(() => pg.lifespanPresets(400), /a whole number of days from 1 to 365/);
});

function record(g, over = {}) {
  return {
    id: "a1b2", owner: "alice", organizations: ["fabrikam"], scope: "vso.code_write",
    validFrom: NOW - DAY, validTo: NOW + 30 * DAY, revokedAt: null, digest: g.digest, ...over,
  };
}

test("Gate: authenticate, look up, decide", () => {
  const gate = new pg.Gate();
  const g = pg.generateToken();
  const presented = gate.authenticate(pg.formatBasic(g.token, "anything"));
  assert.deepEqual(presented, { ok: true, digest: g.digest, scheme: "basic", username: "anything" });
  const request = { now: NOW, organization: "fabrikam", requiredScope: "vso.code" };
  const v = gate.decide(presented.digest, record(g), request);
  assert.deepEqual(v, {
    ok: true, status: 200, error: null, reason: "granted", message: "granted", wwwAuthenticate: [],
    grant: { id: "a1b2", owner: "alice", organization: "fabrikam", scope: "vso.code_write" },
  });
  const refusals = [
    [null, 401, "invalid_token", "unknown"],
    [record(g, { revokedAt: NOW - 1 }), 401, "invalid_token", "revoked"],
    [record(g, { validTo: NOW }), 401, "invalid_token", "expired"],
    [record(g, { validFrom: NOW + 1 }), 401, "invalid_token", "not_yet_valid"],
    [record(g, { organizations: ["contoso"] }), 403, "insufficient_scope", "wrong_organization"],
    [record(g, { scope: "vso.build" }), 403, "insufficient_scope", "missing_scope"],
  ];
  for (const [r, status, error, reason] of refusals) {
    const v = gate.decide(presented.digest, r, request);
    assert.deepEqual([v.ok, v.status, v.error, v.reason, v.grant], [false, status, error, reason, null]);
    assert.ok(v.wwwAuthenticate.every((c) => !c.includes(g.token) && !c.includes(g.digest)));
  }
  assert.deepEqual(gate.decide(presented.digest, record(g, { scope: "vso.build" }), request).wwwAuthenticate, [
    'Bearer realm="patgate", error="insufficient_scope", error_description="the token lacks the scope this resource requires", scope="vso.code"',
  ]);
});

test("Policy: an unknown scope is named by its place in the list, never quoted", () => {
  const policy = new pg.Policy(365, false);
  const { token } = pg.generateToken();
  const table = [
    ["vso.code vso.nope", 2],
    [token, 1],
    [`vso.build  vso.code ${token} vso.nope`, 3],
    [`${"vso.build ".repeat(11)}VSO.CODE`, 12],
  ];
  for (const [list, place] of table) {
    const r = policy.create(NOW, list, NOW + DAY, "fabrikam");
    assert.deepEqual([r.ok, r.status, r.error, r.field, r.message], [false, 400, "invalidScope", "scope", `scope ${place} of the list is not in the Azure DevOps catalog`], list);
  }
  assert.equal(policy.create(NOW, "  ", NOW + DAY, "fabrikam").message, "at least one scope is required");
  policy.free();
});

test("Gate.authenticate: each scheme's result, its digest from node:crypto", () => {
  const gate = new pg.Gate();
  const { token } = pg.generateToken();
  const digest = createHash("sha256").update(token).digest("base64url");
  const basic = (user) => "Basic " + Buffer.from(`${user}:${token}`).toString("base64");
  // The digest alone (read without a TextDecoder), and with a user-id after it (with one).
  assert.deepEqual(gate.authenticate("Bearer " + token), { ok: true, digest, scheme: "bearer", username: null });
  assert.deepEqual(gate.authenticate(basic("")), { ok: true, digest, scheme: "basic", username: "" });
  assert.deepEqual(gate.authenticate(basic("a")), { ok: true, digest, scheme: "basic", username: "a" });
  assert.deepEqual(gate.authenticate(basic("Zoë")), { ok: true, digest, scheme: "basic", username: "Zoë" });
});

test("Gate.decide: many requests interleaved, each decided on its own digest", () => {
  const gate = new pg.Gate();
  const request = { now: NOW, organization: "fabrikam", requiredScope: "vso.code" };
  const tokens = Array.from({ length: 12 }, () => pg.generateToken());
  const presented = tokens.map((g, i) => gate.authenticate(i % 2 ? pg.formatBearer(g.token) : pg.formatBasic(g.token, "u" + i)));
  assert.equal(gate.authenticate("Basic ###").status, 400);
  for (const [i, g] of tokens.entries()) {
    assert.equal(presented[i].digest, g.digest);
    assert.equal(gate.decide(presented[i].digest, record(g), request).reason, "granted", `token ${i}`);
    assert.equal(gate.decide(presented[i].digest, record(tokens[(i + 1) % 12]), request).reason, "unknown", `token ${i} against another's record`);
    assert.equal(gate.decide(presented[i].digest, record(g, { revokedAt: NOW - 1 }), request).reason, "revoked", `token ${i} revoked`);
    assert.equal(gate.decide(presented[i].digest, record(g, { scope: "vso.build" }), request).reason, "missing_scope", `token ${i} without the scope`);
  }
  // Another gate decides alike; an equal digest string made elsewhere is the same digest.
  assert.equal(new pg.Gate().decide(tokens[11].digest, record(tokens[11]), request).reason, "granted");
  assert.equal(gate.decide((" " + tokens[11].digest).slice(1), record(tokens[11]), request).reason, "granted");
  // A malformed stored digest throws.
  assert.throws(() => gate.decide(tokens[11].digest, record(tokens[11], { digest: "A".repeat(42) }), request), /digest must be 43/);
  assert.throws(() => gate.decide(tokens[0].digest, record(tokens[0], { digest: "A".repeat(42) }), request), /digest must be 43/);
});

test("Gate: refusals before lookup carry the challenge git needs", () => {
  const gate = new pg.Gate({ realm: "fabrikam" });
  const none = gate.authenticate(undefined);
  assert.deepEqual(none.wwwAuthenticate, ['Basic realm="fabrikam", charset="UTF-8"', 'Bearer realm="fabrikam"']);
  assert.deepEqual([none.ok, none.status, none.error], [false, 401, null]);
  const bad = gate.authenticate("Basic " + Buffer.from(":pat_notatoken").toString("base64"));
  assert.deepEqual([bad.status, bad.error, bad.reason], [401, "invalid_token", "length"]);
  assert.equal(gate.authenticate("Basic ###").status, 400);
});

test("Gate.verify: the hot path in one call, returning a status", () => {
  const gate = new pg.Gate();
  const g = pg.generateToken();
  assert.equal(gate.verify(pg.formatBasic(g.token), g.digest), 200);
  assert.equal(gate.verify(pg.formatBasic(g.token), pg.generateToken().digest), 401);
  assert.equal(gate.verify("Basic !!", g.digest), 400);
  assert.equal(gate.verify(undefined, g.digest), 401);
  assert.throws(() => gate.verify(pg.formatBasic(g.token), "nope"), /digest must be 43/);
});

test("the boundary: every size and shape of input", () => {
  const digestOf = (t) => createHash("sha256").update(t).digest("base64url");
  const gate = new pg.Gate({ maxHeaderBytes: 64 * 1024 });
  const g = pg.generateToken();
  // User-ids from none to longer than the default header limit (this gate allows 64 KiB).
  for (const name of ["", "a", "é✓", "u".repeat(6000), "w".repeat(12_000)]) {
    const header = pg.formatBasic(g.token, name);
    const presented = gate.authenticate(header);
    assert.deepEqual(presented, { ok: true, digest: digestOf(g.token), scheme: "basic", username: name }, `user-id of ${name.length}`);
    assert.equal(gate.verify(header, g.digest), 200, `verify with a user-id of ${name.length}`);
    assert.equal(gate.decide(presented.digest, record(g), { now: NOW, organization: "fabrikam" }).ok, true);
  }
  // Over the default limit: 431, just over it and far over it.
  const small = new pg.Gate();
  for (const n of [8193 - 7, 8448, 8449, 100_000]) {
    const header = "Bearer " + "a".repeat(n);
    assert.equal(small.authenticate(header).status, 431, `${header.length} bytes`);
    assert.equal(small.verify(header, g.digest), 431);
  }
  // Absent and non-ASCII headers; interleaved requests share nothing.
  assert.equal(small.authenticate(null).status, 401);
  assert.equal(small.verify("Basic é", g.digest), 400);
  const other = pg.generateToken();
  const a = small.authenticate(pg.formatBearer(g.token));
  const b = small.authenticate(pg.formatBearer(other.token));
  assert.deepEqual([small.decide(a.digest, record(g), { now: NOW, organization: "fabrikam" }).ok, small.decide(a.digest, record(other), { now: NOW, organization: "fabrikam" }).reason], [true, "unknown"]);
  assert.equal(b.digest, other.digest);
  // A digest with a non-ASCII character, or of the wrong length, is a developer's mistake.
  const bad = g.digest.slice(0, 42) + "é";
  assert.throws(() => small.verify(pg.formatBearer(g.token), bad), /digest must be 43/);
  assert.throws(() => small.decide(bad, record(g), { now: NOW, organization: "fabrikam" }), /digest must be 43/);
  assert.throws(() => small.decide(g.digest, record(g, { digest: bad }), { now: NOW, organization: "fabrikam" }), /digest must be 43/);
  assert.throws(() => small.decide(g.digest + "A", record(g), { now: NOW, organization: "fabrikam" }), /digest must be 43/);
  // Stored scope lists: unknown names grant nothing, full access grants all.
  const decide = (scope, requiredScope) => small.decide(g.digest, record(g, { scope }), { now: NOW, organization: "fabrikam", requiredScope }).reason;
  assert.deepEqual([decide("vso.retired vso.code", "vso.code"), decide("vso.retired", "vso.code"), decide("app_token", "vso.build_execute"), decide("", "vso.code")],
    ["granted", "missing_scope", "granted", "missing_scope"]);
  // Growing wasm memory detaches old views: the next answers are still right.
  pg.scan("x".repeat(8 << 20));
  assert.deepEqual(small.authenticate(pg.formatBasic(g.token, "after")), { ok: true, digest: g.digest, scheme: "basic", username: "after" });
  assert.equal(pg.generateToken().token.length, 40);
});

test("Gate options are validated; a pepper changes the lookup digest", () => {
  assert.throws(() => new pg.Gate({ prefix: "Bad" }), /token prefix/);
  assert.throws(() => new pg.Gate({ realm: 'a"b' }), /realm must be/);
  assert.throws(() => new pg.Gate({ pepper: new Uint8Array(4) }), /pepper/);
  const pepper = crypto.getRandomValues(new Uint8Array(32));
  const gate = new pg.Gate({ pepper, maxHeaderBytes: 200 });
  const g = pg.generateToken();
  assert.equal(gate.authenticate(pg.formatBearer(g.token)).digest, createHmac("sha256", pepper).update(Buffer.from(g.digest, "base64url")).digest("base64url"));
  assert.equal(gate.authenticate("Bearer " + "a".repeat(300)).status, 431);
});

test("a pepper is bytes or base64url text, never a string read as bytes: two secrets of one length never make one key", () => {
  const g = pg.generateToken();
  const hmac = (key) => createHmac("sha256", key).update(Buffer.from(g.digest, "base64url")).digest("base64url");
  const lookup = (pepper) => new pg.Gate({ pepper }).authenticate(pg.formatBearer(g.token)).digest;
  // Text is base64url, decoded: the key is its bytes (node:crypto is the oracle).
  const bytes = Buffer.alloc(32, 9);
  const text = bytes.toString("base64url");
  assert.equal(lookup(text), hmac(bytes));
  assert.equal(pg.pepperDigest(g.digest, text), hmac(bytes));
  assert.equal(pg.verifyToken(g.token, hmac(bytes), text), true);
  // An ArrayBuffer is its bytes too.
  assert.equal(lookup(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 32)), hmac(bytes));
  // Anything else throws, with a code, at construction: a passphrase (not base64url, or too
  // short decoded), a number, an object. Two such strings of one length were one key before.
  for (const bad of ["a-30-character-secret-string..", "b-30-character-secret-string..", "short", Buffer.alloc(31).toString("base64url"), 42, {}, [1, 2, 3]]) {
    assert.throws(() => new pg.Gate({ pepper: bad }), (e) => e.code === "ERR_PATGATE_OPTION" && /pepper/.test(e.message), String(bad));
    assert.throws(() => pg.pepperDigest(g.digest, bad), /pepper/, String(bad));
  }
  assert.throws(() => pg.verifyToken(g.token, g.digest, "a-30-character-secret-string.."), /pepper/);
  assert.equal(pg.verifyToken(g.token, g.digest, undefined), true, "no pepper: the plain digest");
});

test("a Gate refuses an option it does not know, with a code: a misspelling is never ignored", () => {
  for (const options of [{ prefx: "acme" }, { pepper: undefined, relm: "x" }, { max_header_bytes: 10 }]) {
    assert.throws(() => new pg.Gate(options), (e) => e instanceof TypeError && e.code === "ERR_PATGATE_OPTION" && /unknown option/.test(e.message), JSON.stringify(options));
  }
  assert.throws(() => new pg.Gate("pat"), (e) => e.code === "ERR_PATGATE_OPTION");
  assert.equal(new pg.Gate({}).authenticate("Basic x").ok, false, "known options only: a working gate");
});

test("misshapen records throw a clear Error instead of deciding", () => {
  const gate = new pg.Gate();
  const g = pg.generateToken();
  const request = { now: NOW, organization: "fabrikam" };
  assert.throws(() => gate.decide(g.digest, record(g, { organizations: "fabrikam" }), request), /organizations must be an array/);
  assert.throws(() => gate.decide(g.digest, record(g, { validTo: "soon" }), request), /record.validTo must be a finite number/);
  assert.throws(() => gate.decide(g.digest, record(g, { digest: "x" }), request), /digest must be 43/);
  assert.throws(() => gate.decide(g.digest, record(g), { now: NOW, organization: "fabrikam", requiredScope: "vso.x" }), /catalog/);
  assert.throws(() => gate.decide(g.digest, record(g), { organization: "fabrikam" }), /request.now must be a finite number/);
  // The module is still healthy after every throw.
  assert.equal(gate.decide(g.digest, record(g), request).ok, true);
});

test("hostile strings never break the module", () => {
  const gate = new pg.Gate();
  const samples = ["", "\0", "\uFFFF", "\uD800\uDC00", "Basic " + "A".repeat(8000) + "==", "Bearer =", "basic ==", ":".repeat(100)];
  for (let i = 0; i < 2000; i++) {
    const bytes = crypto.getRandomValues(new Uint8Array(1 + (i % 64)));
    samples.push(String.fromCharCode(...bytes), "Basic " + Buffer.from(bytes).toString("base64"));
  }
  for (const s of samples) {
    const v = gate.authenticate(s);
    assert.ok(v.ok === false && [400, 401, 431].includes(v.status));
    pg.checkToken(s);
    assert.equal(pg.containsToken(s), false);
    pg.validateScopes(s);
    pg.tokenDigest(s);
  }
  assert.equal(pg.checkToken(pg.generateToken().token).valid, true);
});

test("a Gate with the deployment's own scopes: each name grants what it lists, transitively; cycles and unknown names refused at construction", () => {
  const scopes = { "read:packages": [], "write:packages": ["read:packages"], admin: ["write:packages"], "read:issues": [] };
  const gate = new pg.Gate({ scopes });
  const g = pg.generateToken();
  const decide = (scope, requiredScope) => gate.decide(g.digest, { id: "t", owner: "u", scope, validFrom: NOW - DAY, validTo: NOW + DAY, digest: g.digest }, { now: NOW, requiredScope });
  // Every pair, against a table written by hand.
  const grants = {
    "read:packages": ["read:packages"],
    "write:packages": ["read:packages", "write:packages"],
    admin: ["read:packages", "write:packages", "admin"],
    "read:issues": ["read:issues"],
  };
  for (const held of Object.keys(scopes)) {
    for (const needed of Object.keys(scopes)) {
      assert.equal(decide(held, needed).ok, grants[held].includes(needed), `${held} for ${needed}`);
    }
  }
  assert.equal(decide("read:issues read:packages", "read:packages").ok, true);
  assert.equal(decide("retired read:issues", "read:issues").ok, true, "a name the catalog no longer has grants nothing, the rest still count");
  assert.equal(decide("app_token", "read:packages").reason, "missing_scope", "Azure DevOps' full access means nothing in another catalog");
  assert.equal(decide("read:packages", null).ok, true, "no scope required");
  const refused = decide("read:packages", "admin");
  assert.deepEqual([refused.status, refused.error, refused.wwwAuthenticate], [403, "insufficient_scope",
    ['Bearer realm="patgate", error="insufficient_scope", error_description="the token lacks the scope this resource requires", scope="admin"']]);
  const unknown = (() => { try { decide("admin", "vso.code"); } catch (e) { return e; } })();
  assert.deepEqual([unknown.code, unknown.message], ["ERR_PATGATE_SCOPE", 'the scope is not in the catalog: "vso.code"']);
  // Refused catalogs, each with what is wrong and the name concerned.
  const refusal = (scopes) => { try { new pg.Gate({ scopes }); } catch (e) { return [e.code, e.message]; } };
  assert.deepEqual(refusal({ a: ["b"], b: ["c"], c: ["a"] }), ["ERR_PATGATE_OPTION", 'scopes grant each other in a cycle: "a"']);
  assert.deepEqual(refusal({ a: ["a"] }), ["ERR_PATGATE_OPTION", 'scopes grant each other in a cycle: "a"']);
  assert.deepEqual(refusal({ a: ["nope"] }), ["ERR_PATGATE_OPTION", 'a scope grants a name the catalog does not list: "nope"']);
  assert.deepEqual(refusal({ "read packages": [] }), ["ERR_PATGATE_OPTION", `a scope name is 1-128 printable ASCII characters without space, '"' or '\\': "read packages"`]);
  assert.deepEqual(refusal({ 'say"hi': [] })[0], "ERR_PATGATE_OPTION");
  assert.deepEqual(refusal({}), ["ERR_PATGATE_OPTION", "a scope catalog names at least one scope"]);
  assert.deepEqual(refusal({ a: "b" }), ["ERR_PATGATE_OPTION", `a scope's grants must be a list of scope names: "a"`]);
  assert.deepEqual(refusal({ a: [1] }), ["ERR_PATGATE_OPTION", `a scope's grants must be a list of scope names: "a"`]);
  assert.deepEqual(refusal(["a"])[0], "ERR_PATGATE_OPTION");
  assert.deepEqual(refusal("a")[0], "ERR_PATGATE_OPTION");
  const many = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, i ? [`s${i - 1}`] : []]));
  assert.equal(new pg.Gate({ scopes: many(127) }).decide(g.digest, { id: "t", owner: "u", scope: "s126", validFrom: 0, validTo: NOW + DAY, digest: g.digest }, { now: NOW, requiredScope: "s0" }).ok, true, "127 names, a chain through all of them");
  assert.deepEqual(refusal(many(128)), ["ERR_PATGATE_OPTION", "a scope catalog names at most 127 scopes"]);
  assert.deepEqual(refusal({ a: Array(127).fill("a") }), ["ERR_PATGATE_OPTION", 'a scope catalog names at most 127 scopes: "a"'], "a list longer than any catalog is refused before it is read");
  // The default catalog is still Azure DevOps'.
  assert.equal(new pg.Gate().decide(g.digest, { id: "t", owner: "u", scope: "vso.code_write", validFrom: 0, validTo: NOW + DAY, digest: g.digest }, { now: NOW, requiredScope: "vso.code" }).ok, true);
});

test("organizations are optional, and compare as Azure DevOps compares them (ASCII case ignored)", () => {
  const gate = new pg.Gate();
  const g = pg.generateToken();
  const decide = (organizations, organization) => gate.decide(g.digest, { id: "t", owner: "u", organizations, scope: "vso.code", validFrom: 0, validTo: NOW + DAY, digest: g.digest }, { now: NOW, organization, requiredScope: "vso.code" });
  const cases = [
    [undefined, undefined, "granted"], [null, null, "granted"], [[], undefined, "granted"], [["fabrikam"], undefined, "granted"],
    [["Fabrikam"], "fabrikam", "granted"], [["fabrikam", "contoso"], "CONTOSO", "granted"],
    [["fabrikam"], "fabrikam2", "wrong_organization"], [["fabrikam"], "fabrikam ", "wrong_organization"],
    [["kontoso"], "\u212aontoso", "wrong_organization"], // a Kelvin sign folds to k only outside ASCII
    [[], "fabrikam", "wrong_organization"], [undefined, "fabrikam", "wrong_organization"],
  ];
  for (const [organizations, organization, reason] of cases) {
    const v = decide(organizations, organization);
    assert.equal(v.reason, reason, `${JSON.stringify(organizations)} for ${JSON.stringify(organization)}`);
    if (v.ok) assert.equal(v.grant.organization, organization ?? null);
  }
});

test("every error the package throws for a developer's mistake carries a stable code", () => {
  const gate = new pg.Gate();
  const g = pg.generateToken();
  const code = (f) => { try { f(); } catch (e) { return e.code; } return "no error"; };
  const record = { id: "t", owner: "u", scope: "vso.code", validFrom: 0, validTo: NOW + DAY, digest: g.digest };
  assert.equal(code(() => new pg.Gate({ pepper: "short" })), "ERR_PATGATE_OPTION");
  assert.equal(code(() => new pg.Gate({ peper: new Uint8Array(32) })), "ERR_PATGATE_OPTION");
  assert.equal(code(() => gate.verify("Bearer x", "not a digest")), "ERR_PATGATE_ARGUMENT");
  assert.equal(code(() => gate.verify("Bearer x", 42)), "ERR_PATGATE_ARGUMENT");
  assert.equal(code(() => gate.decide(g.digest, { ...record, validTo: "soon" }, { now: NOW })), "ERR_PATGATE_ARGUMENT");
  assert.equal(code(() => gate.decide(g.digest, { ...record, organizations: "fabrikam" }, { now: NOW })), "ERR_PATGATE_ARGUMENT");
  assert.equal(code(() => gate.decide(g.digest, record, { now: NOW, organization: 7 })), "ERR_PATGATE_ARGUMENT");
  assert.equal(code(() => gate.decide(g.digest, record, null)), "ERR_PATGATE_ARGUMENT");
  assert.equal(code(() => gate.decide(g.digest, record, { now: NOW, requiredScope: "vso.nope" })), "ERR_PATGATE_SCOPE");
  assert.equal(code(() => gate.decide(g.digest, record, { now: NOW, requiredScope: 7 })), "ERR_PATGATE_ARGUMENT");
});

test("a Policy with the deployment's own scopes: lists read by that catalog, edits narrowed by its grants", () => {
  const policy = new pg.Policy(30, true, { scopes: { "read:packages": [], "write:packages": ["read:packages"] } });
  const created = policy.create(NOW, "write:packages  read:packages", NOW + DAY, "fabrikam");
  assert.deepEqual([created.ok, created.scope], [true, "read:packages write:packages"], "the catalog's order");
  const refused = policy.create(NOW, "read:packages vso.code", NOW + DAY, "fabrikam");
  assert.deepEqual([refused.ok, refused.status, refused.error, refused.message], [false, 400, "invalidScope", "scope 2 of the list is not in the catalog"]);
  assert.equal(policy.create(NOW, "app_token", NOW + DAY, "fabrikam").message, "scope 1 of the list is not in the catalog");
  // A token made when the policy allowed longer: narrowing it is allowed as it stands, widening is checked.
  const long = { validFrom: NOW - DAY, validTo: NOW + 60 * DAY, revokedAt: null, scope: "write:packages" };
  assert.equal(policy.edit(NOW, long, "read:packages").ok, true, "write:packages grants read:packages: a narrowing");
  assert.equal(policy.edit(NOW, { ...long, scope: "read:packages" }, "write:packages").error, "patLifespanPolicyViolation", "a widening is checked whole");
  assert.throws(() => new pg.Policy(30, false, { scopes: { a: ["a"] } }), /cycle/);
  assert.equal(new pg.Policy(30, false).create(NOW, "read:packages", NOW + DAY, "fabrikam").message, "scope 1 of the list is not in the Azure DevOps catalog");
});

test("every error the package throws carries a stable code, and a misspelt option of any object throws", () => {
  const { token, digest } = pg.generateToken();
  const gate = new pg.Gate();
  const policy = new pg.Policy(30, false);
  const record = { id: "t", owner: "u", scope: "vso.code", validFrom: NOW - DAY, validTo: NOW + DAY, digest };
  const org = (extra) => new pg.Policy(30, false, { organizations: [{ name: "fabrikam", restrictCreation: true, ...extra }] });
  const cases = {
    ERR_PATGATE_OPTION: [
      () => pg.checkToken(token, "Bad Prefix"), () => pg.containsToken(token, "Bad Prefix"), () => pg.generateToken("Bad Prefix"),
      () => pg.pepperDigest(digest, "short"), () => pg.verifyToken(token, digest, 7), () => pg.lifespanPresets(0), () => pg.checkValidTo(NOW, NOW + DAY, 400),
      () => pg.scan("x", { prefixs: ["pat"] }), () => pg.scan("x", { prefixes: ["Bad Prefix"] }),
      () => new pg.Policy(0, false), () => new pg.Policy(30, false, { globalToken: "retired" }), () => new pg.Policy(30, false, { globalTokens: "sometimes" }),
      () => new pg.Policy(30, false, { exempt: { fullAcces: true } }), () => org({ restrictCreaton: true }), () => new pg.Policy(30, false, { organizations: "fabrikam" }),
      () => new pg.Policy(30, false, { scopes: { a: ["b"] } }), () => new pg.Gate({ prefx: "pat" }), () => new pg.Gate({ realm: 'a"b' }), () => new pg.Gate({ scopes: { a: ["a"] } }),
    ],
    ERR_PATGATE_ARGUMENT: [
      () => pg.digestHex("x"), () => pg.pepperDigest("x", new Uint8Array(32)), () => pg.verifyToken(token, "x"), () => pg.formatBearer("not a token"),
      () => pg.formatBasic(token, "a:b"), () => pg.tokenStatus(NaN, NOW, null, NOW), () => pg.graceUntil(NOW, NOW, null, null, Infinity), () => pg.validToAfter(NaN, 1),
      () => pg.globalTokensFor("sometimes", false), () => pg.scan(42), () => policy.latestValidTo(NaN), () => policy.create(NaN, "vso.code", NOW + DAY, "fabrikam"),
      () => gate.verify("Bearer x", "x"), () => gate.decide(digest, { ...record, validTo: "tomorrow" }, { now: NOW }), () => gate.decide(digest, record, null),
    ],
    ERR_PATGATE_SCOPE: [
      () => pg.scopesGrant("vso.code", "vso.nope"), () => pg.scopesGrantAny("vso.code", "vso.nope"), () => pg.scopesWithin("vso.nope", "vso.code"),
      () => gate.decide(digest, record, { now: NOW, requiredScope: "vso.nope" }),
    ],
  };
  for (const [code, calls] of Object.entries(cases)) {
    for (const call of calls) {
      assert.throws(call, (e) => e instanceof Error && e.code === code && e.message.length > 0 && !e.message.includes(token), `${code}: ${call}`);
    }
  }
  // The name met is in the message, so the developer sees what they wrote.
  assert.throws(() => new pg.Policy(30, false, { globalToken: "retired" }), { code: "ERR_PATGATE_OPTION", message: 'unknown Policy option: "globalToken"' });
  assert.throws(() => org({ restrictCreaton: true }), { message: `unknown option of an organization's policy: "restrictCreaton"` });
  assert.throws(() => new pg.Policy(30, false, { exempt: { fullAcces: true } }), { message: 'unknown option of exempt: "fullAcces"' });
  assert.throws(() => pg.scan("x", { prefixs: ["pat"] }), { message: 'unknown scan option: "prefixs"' });
  // Every name the types list is taken.
  new pg.Policy(30, true, { scopes: undefined, globalTokens: "restricted", exempt: { fullAccess: true, lifespan: false, globalTokens: true }, organizations: [{ name: "a", restrictCreation: true, allowPackaging: true, exempt: false }] });
  pg.scan("x", { prefixes: ["pat"], github: true, reveal: false, basic: true });
});
