// Leak response against the real worker: GitHub's signed secret-scanning reports (a key pair
// made here, signatures by node:crypto), public revocation by token or digest, the owner's
// notice, the audit log, the administrator's policy, and git refused after a report.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, sign, verify } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateToken } from "../../pkg/node.mjs";
import { DAY, freshWorker, signedIn, waitFor, withToken } from "./harness.mjs";
import { rawSignature } from "../../www/src/ecdsa.js";

const home = mkdtempSync(join(tmpdir(), "patgate-leaks-"));
const pair = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const github = pair();
const stranger = pair();
const KEY_ID = createHash("sha256").update(github.publicKey.export({ type: "spki", format: "der" })).digest("hex");
// GitHub publishes several keys at once (a current one and those it rotates out): each verifies.
const previous = pair();
const PREVIOUS_ID = createHash("sha256").update(previous.publicKey.export({ type: "spki", format: "der" })).digest("hex");
const keys = { public_keys: [
  { key_identifier: PREVIOUS_ID, key: previous.publicKey.export({ type: "spki", format: "pem" }), is_current: false },
  { key_identifier: KEY_ID, key: github.publicKey.export({ type: "spki", format: "pem" }), is_current: true },
] };
const sha256hex = (text) => createHash("sha256").update(text).digest("hex");
const sha256b64url = (text) => createHash("sha256").update(text).digest("base64url");

let worker;
let alice;
let admin;

before(async () => {
  worker = await freshWorker("leaks", { vars: { PATGATE_GITHUB_SCANNING_KEYS: JSON.stringify(keys) } });
  [alice, admin] = await signedIn(worker, "alice", "admin");
});

after(async () => {
  await worker?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** POSTs `body` (a string) to GitHub's endpoint with these headers. */
function post(body, headers) {
  return fetch(`${worker.base}/_apis/tokens/leaks/github`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

/** GitHub's headers for `body`, signed (ASN.1 DER ECDSA, SHA-256) with `key` under `id`. */
function signed(body, key = github.privateKey, id = KEY_ID) {
  return { "Github-Public-Key-Identifier": id, "Github-Public-Key-Signature": sign("sha256", Buffer.from(body), key).toString("base64") };
}

function clones(token) {
  const dir = mkdtempSync(join(home, "clone-"));
  const r = spawnSync("git", ["-c", "credential.helper=", "clone", "--quiet", `http://anything:${token}@127.0.0.1:${worker.port}/fabrikam/demo/_git/demo`, join(dir, "demo")], {
    encoding: "utf8", env: { ...process.env, HOME: home, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "" },
  });
  return r.status === 0;
}

/** What a report could change. */
const snapshot = () => JSON.stringify([
  worker.sql("SELECT id, revoked_at, leaked_at, leak_source, leak_url FROM tokens ORDER BY id"),
  worker.sql("SELECT count(*) AS n FROM notifications"),
  worker.sql("SELECT count(*) AS n FROM audit WHERE action LIKE 'token.leaked%'"),
]);

const patOf = async (id) => (await alice.get(`/_apis/tokens/pats?authorizationId=${id}`)).body.patToken;

test("a signed GitHub report revokes a live token, tells its owner, and git is refused next", async () => {
  const t = await alice.createToken({ scope: "vso.code", displayName: "laptop" });
  assert.equal(t.status, 201);
  assert.ok(clones(t.token), "the token clones before the report");
  const unknown = generateToken().token;
  const url = "https://github.com/octocat/Hello-World/blob/12345600b9cbe38a219f39a9941c9319b600c002/foo/bar.txt";
  const body = JSON.stringify([
    { token: t.token, type: "patgate_pat", url, source: "content" },
    { token: unknown, type: "patgate_pat", url, source: "content" },
    { token: "not a token at all", type: "patgate_pat", url, source: "commit" },
  ]);
  const r = await post(body, signed(body));
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), [
    { token_hash: sha256hex(t.token), token_type: "patgate_pat", label: "true_positive" },
    { token_hash: sha256hex(unknown), token_type: "patgate_pat", label: "false_positive" },
    { token_hash: sha256hex("not a token at all"), token_type: "patgate_pat", label: "false_positive" },
  ]);
  assert.equal(clones(t.token), false, "git is refused after the report");
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 401);
  const p = await patOf(t.id);
  assert.equal(p.status, "revoked");
  assert.ok(Math.abs(Date.parse(p.revokedAt) - worker.now()) < 60_000, "revoked at the report");
  assert.deepEqual({ source: p.leak.source, url: p.leak.url }, { source: "github", url });
  const notices = (await alice.get("/_apis/notifications")).body.value.filter((n) => n.authorizationId === t.id && n.kind === "leaked");
  assert.equal(notices.length, 1);
  assert.match(notices[0].message, /"laptop" was reported as leaked \(found at "https:\/\/github\.com\/octocat\/[^"]*"\); it has been revoked/);
  const audit = (await admin.get("/_apis/tokenadmin/audit")).body.value.filter((a) => a.authorizationId === t.id && a.action === "token.leaked.revoked");
  assert.deepEqual(audit.map((a) => a.detail), [{ source: "github", url }]);
  // The same report again: still answered, the token now a false positive, one notice only.
  const again = await post(body, signed(body));
  assert.equal((await again.json())[0].label, "false_positive");
  assert.equal((await alice.get("/_apis/notifications")).body.value.filter((n) => n.authorizationId === t.id && n.kind === "leaked").length, 1);
});

test("unsigned, wrongly signed, tampered and unknown-key reports are refused with 401 and change nothing", async () => {
  const t = await alice.createToken({ scope: "vso.project" });
  const body = JSON.stringify([{ token: t.token, type: "patgate_pat", url: "https://example.com/x", source: "content" }]);
  const good = signed(body);
  const before = snapshot();
  const cases = {
    "no headers": {},
    "no signature": { "Github-Public-Key-Identifier": KEY_ID },
    "no key id": { "Github-Public-Key-Signature": good["Github-Public-Key-Signature"] },
    "unknown key id": signed(body, github.privateKey, "f".repeat(64)),
    "another key's signature": signed(body, stranger.privateKey),
    "a signature of another body": signed(body + " "),
    "not base64": { ...good, "Github-Public-Key-Signature": "%%%" },
    "truncated signature": { ...good, "Github-Public-Key-Signature": good["Github-Public-Key-Signature"].slice(0, 20) },
  };
  for (const [label, headers] of Object.entries(cases)) {
    const r = await post(body, headers);
    assert.equal(r.status, 401, label);
    assert.equal((await r.json()).error, "invalid_signature", label);
  }
  const tampered = body.replace("example.com", "example.org");
  assert.equal((await post(tampered, good)).status, 401, "tampered body");
  assert.equal(snapshot(), before);
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 200, "the token still works");
  // Signed but not a list of matches: a clear 400, nothing changed.
  for (const bad of ["{}", "[1]", JSON.stringify([{ token: 1, type: "x" }])]) {
    assert.equal((await post(bad, signed(bad))).status, 400, bad);
  }
  assert.equal(snapshot(), before);
});

test("a signature is read from DER alone: each integer positive and minimal, so one signature has one encoding", () => {
  const { privateKey, publicKey } = pair();
  const data = Buffer.from("report");
  // DER: SEQUENCE { INTEGER r, INTEGER s } as node:crypto writes it (minimal), and re-encoded.
  const parts = (der) => {
    const r = der.subarray(4, 4 + der[3]);
    return [r, der.subarray(6 + r.length, 6 + r.length + der[5 + r.length])];
  };
  const encode = (r, s) => Buffer.concat([Buffer.from([0x30, r.length + s.length + 4, 0x02, r.length]), r, Buffer.from([0x02, s.length]), s]);
  const p1363 = (raw) => verify("sha256", data, { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(raw));
  const seen = { padded: 0, bare: 0 };
  for (let k = 0; k < 200 && (seen.padded < 3 || seen.bare < 3); k++) {
    const der = sign("sha256", data, privateKey);
    const raw = rawSignature(der);
    assert.ok(raw && p1363(raw), "node:crypto's DER reads as the r‖s it verifies with");
    const [r, s] = parts(der);
    for (const which of ["r", "s"]) {
      const x = which === "r" ? r : s;
      const other = (v) => (which === "r" ? encode(v, s) : encode(r, v));
      if (x.length === 33) {
        // Its top bit is set, so DER puts a zero before it; without the zero it is negative.
        seen.bare++;
        assert.equal(rawSignature(other(x.subarray(1))), null, `${which} with its top bit set and no zero before it`);
      } else if (x[0] < 0x80) {
        // Its top bit is clear: a zero before it is not the minimal form.
        seen.padded++;
        assert.equal(rawSignature(other(Buffer.concat([Buffer.from([0]), x]))), null, `a zero before ${which} when its top bit is clear`);
      }
    }
  }
  assert.ok(seen.padded >= 3 && seen.bare >= 3, `both forms seen: ${JSON.stringify(seen)}`);
});

test("public revocation: a token or its digest, always the same 202, limited per client", async () => {
  const byDigest = await alice.createToken({ scope: "vso.code" });
  const byToken = await alice.createToken({ scope: "vso.code" });
  const send = (credentials) => fetch(`${worker.base}/_apis/tokens/revocations/public`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ credentials }) });
  const live = await send([sha256b64url(byDigest.token), byToken.token]);
  const dead = await send([sha256b64url(generateToken().token), "junk", 42]);
  assert.deepEqual([live.status, dead.status], [202, 202]);
  // The whole answer, headers too, is made before the store is read (the revocation runs after it,
  // in waitUntil): nothing in it can depend on whether a credential was live.
  const answer = async (r) => ({ headers: [...r.headers].filter(([k]) => k !== "date"), body: await r.text() });
  assert.deepEqual(await answer(live), await answer(dead), "the answer does not tell whether a credential was live");
  const again = await send([byToken.token]); // live or already revoked by now: the same answer
  assert.deepEqual(await answer(again), await answer(await send(["x"])));
  for (const t of [byDigest, byToken]) {
    await waitFor(async () => (await patOf(t.id)).status === "revoked", { what: "the reported token revoked" });
    assert.deepEqual((await patOf(t.id)).leak.source, "public");
    assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 401);
  }
  assert.equal((await send([])).status, 400);
  assert.equal((await send(Array(1001).fill("x"))).status, 400);
  // Ten reports per client address a minute, exactly: the tenth of a new window is taken, the
  // eleventh refused, with the window's remaining seconds.
  await worker.advance(61_000);
  await worker.freeze();
  try {
    for (let i = 1; i <= 10; i++) assert.equal((await send(["x"])).status, 202, `report ${i}`);
    await worker.advance(59_000);
    const limited = await send(["x"]);
    assert.equal(limited.status, 429, "the eleventh report in a minute is refused");
    assert.equal(limited.headers.get("retry-after"), "1");
  } finally {
    await worker.freeze(false);
  }
  await worker.advance(61_000);
  assert.equal((await send(["x"])).status, 202, "a new window");
});

test("with autoRevokeLeaked off a reported token is flagged, not revoked, and its owner asked to revoke it", async () => {
  const policy = (await admin.get("/_apis/tokenadmin/policies")).body;
  assert.equal(policy.autoRevokeLeaked, true, "on by default");
  assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { ...policy, autoRevokeLeaked: false })).status, 200);
  try {
    const t = await alice.createToken({ scope: "vso.project", displayName: "flag only" });
    const body = JSON.stringify([{ token: t.token, type: "patgate_pat", url: "https://example.com/leak", source: "content" }]);
    assert.equal((await (await post(body, signed(body))).json())[0].label, "true_positive");
    const p = await patOf(t.id);
    assert.deepEqual([p.status, p.leak.source, p.leak.url], ["active", "github", "https://example.com/leak"]);
    const notice = (await alice.get("/_apis/notifications")).body.value.find((n) => n.authorizationId === t.id && n.kind === "leaked");
    assert.match(notice.message, /"flag only" was reported as leaked .*revoke it now/);
    assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 200);
  } finally {
    await admin.request("PUT", "/_apis/tokenadmin/policies", policy);
  }
});

/** A signed GitHub report of `token` found at `url`; its label. */
async function report(token, url) {
  const body = JSON.stringify([{ token, type: "patgate_pat", url, source: "content" }]);
  return (await (await post(body, signed(body))).json())[0].label;
}

const leakNotices = async (id) => (await alice.get("/_apis/notifications")).body.value.filter((n) => n.authorizationId === id && n.kind === "leaked").map((n) => n.message);

test("a leaked secret that a regeneration replaced, still in its grace, loses its grace; the new secret keeps working", async () => {
  const t = await alice.createToken({ scope: "vso.project", displayName: "rotated" });
  const g = generateToken();
  const regen = await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: g.digest, hint: g.hint, graceMinutes: 1440 });
  assert.equal(regen.status, 200);
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 200, "the old secret, within its grace");
  assert.equal(await report(t.token, "https://example.com/old"), "true_positive");
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 401, "the reported secret stops");
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g.token)).status, 200, "the current secret, not reported, works");
  const p = await patOf(t.id);
  assert.deepEqual([p.status, p.leak, p.graceUntil], ["active", null, null]);
  // The docs say what this test shows, in these words.
  const readme = readFileSync(new URL("../../docs/LEAKS.md", import.meta.url), "utf8").replace(/\s+/g, " ");
  assert.ok(readme.includes("A leak of a regenerated token's old secret during its grace period ends that secret's grace; the token's current secret keeps working."), "docs/LEAKS.md states the rule");
  assert.deepEqual((await leakNotices(t.id)).map((m) => /previous secret of personal access token "rotated".*found at "https:\/\/example\.com\/old".*it no longer works\. The current secret is unaffected\./.test(m)), [true]);
  assert.equal(await report(t.token, "https://example.com/old"), "false_positive", "reported again: no longer live");
});

test("a replaced secret reported once its grace is over is no live secret: nothing flagged, nothing told", async () => {
  const t = await alice.createToken({ scope: "vso.project", displayName: "rotated long ago" });
  const g = generateToken();
  assert.equal((await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: g.digest, hint: g.hint, graceMinutes: 1 })).status, 200);
  await worker.advance(60_000); // the grace end, exclusive: over
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", t.token)).status, 401);
  assert.equal(await report(t.token, "https://example.com/late"), "false_positive");
  const p = await patOf(t.id);
  assert.deepEqual([p.status, p.leak, p.graceUntil], ["active", null, null]);
  assert.deepEqual(await leakNotices(t.id), []);
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g.token)).status, 200);
});

test("every leaked secret and every outcome is told: a regenerated token's second leak, a flagged token revoked by a later report", async () => {
  const policy = (await admin.get("/_apis/tokenadmin/policies")).body;
  assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { ...policy, autoRevokeLeaked: false })).status, 200);
  try {
    const t = await alice.createToken({ scope: "vso.project", displayName: "twice" });
    assert.equal(await report(t.token, "https://example.com/first"), "true_positive");
    assert.equal((await leakNotices(t.id)).length, 1);
    const g = generateToken();
    assert.equal((await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: g.digest, hint: g.hint })).status, 200);
    assert.equal((await patOf(t.id)).leak, null, "the new secret has not leaked");
    assert.equal(await report(g.token, "https://example.com/second"), "true_positive");
    let notices = await leakNotices(t.id);
    assert.equal(notices.length, 2);
    assert.match(notices[0], /"twice" was reported as leaked \(found at "https:\/\/example\.com\/second"\); revoke it now/);
    assert.equal((await patOf(t.id)).leak.url, "https://example.com/second");
    // The same secret flagged again: no second notice; then revoked under the policy: told so.
    assert.equal(await report(g.token, "https://example.com/second"), "true_positive");
    assert.equal((await leakNotices(t.id)).length, 2);
    assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { ...policy, autoRevokeLeaked: true })).status, 200);
    assert.equal(await report(g.token, "https://example.com/third"), "true_positive");
    notices = await leakNotices(t.id);
    assert.equal(notices.length, 3);
    assert.match(notices[0], /"twice" was reported as leaked \(found at "https:\/\/example\.com\/third"\); it has been revoked/);
    assert.equal((await patOf(t.id)).status, "revoked");
  } finally {
    await admin.request("PUT", "/_apis/tokenadmin/policies", policy);
  }
});

test("only a web address is kept as where a token was found", async () => {
  for (const url of ["javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>", "http://example.com/plain"]) {
    const t = await alice.createToken({ scope: "vso.project" });
    assert.equal(await report(t.token, url), "true_positive");
    assert.deepEqual([(await patOf(t.id)).leak.source, (await patOf(t.id)).leak.url], ["github", null], url);
  }
});

test("GitHub's reports: any of its published keys verifies, a body over 512 KiB is a 413, more than 1,000 matches a 400, each changing nothing", async () => {
  const live = await alice.createToken({ scope: "vso.project" });
  const before = snapshot();
  const one = JSON.stringify([{ token: generateToken().token, type: "patgate_pat", url: "https://example.com/x", source: "content" }]);
  assert.equal((await post(one, signed(one, previous.privateKey, PREVIOUS_ID))).status, 200, "the key GitHub rotates out");
  assert.equal((await post(one, signed(one))).status, 200, "the current key");
  assert.equal((await post(one, signed(one, previous.privateKey, KEY_ID))).status, 401, "a key under another's identifier");
  // 512 KiB exactly is read; one byte more is refused before its signature is checked.
  const pad = (n) => { const b = JSON.stringify([{ token: "x", type: "t", url: "https://e.com/", source: "" }]); return b.slice(0, -1) + " ".repeat(n - b.length) + "]"; };
  const atLimit = pad(512 * 1024);
  assert.equal(Buffer.byteLength(atLimit), 512 * 1024);
  assert.equal((await post(atLimit, signed(atLimit))).status, 200);
  const over = pad(512 * 1024 + 1);
  assert.equal((await post(over, signed(over))).status, 413);
  const many = (n) => JSON.stringify(Array.from({ length: n }, () => ({ token: "x", type: "t", url: "", source: "" })));
  assert.equal((await post(many(1000), signed(many(1000)))).status, 200, "1,000 matches");
  const tooMany = many(1001);
  const r = await post(tooMany, signed(tooMany));
  assert.equal(r.status, 400);
  assert.match((await r.json()).message, /at most 1000/);
  assert.equal(snapshot(), before, "nothing live was reported: nothing changed");
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", live.token)).status, 200);
});
