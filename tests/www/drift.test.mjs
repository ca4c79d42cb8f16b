// No drift between patgate's faces: the worker (over HTTP, in workerd with D1), the core in Node
// (pkg/node.mjs) and the portal in headless Chromium (www/public's token-plan.js and the core it
// ships, /pkg/browser.js) give the same answer to the same question, so no face keeps a copy of
// a rule of its own. Tables: scope lists under both full-access policies; lifespans around the
// policy's limits (365 and 30 days), each compared at the worker's own instant, read back from
// its answer; digests on create, against node:crypto as the independent oracle; token status
// (and the list filters) before and after the worker's clock moves; Authorization headers at the
// gate, whole verdicts included (status, error code, message, challenges). Every expectation
// comes from comparing the faces with each other, plus node:crypto and Buffer as anchors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import { launchChromium } from "../chromium.mjs";
import * as core from "../../pkg/node.mjs";
import { DAY, PEPPER, freshWorker, signedIn } from "./harness.mjs";

let worker;
let alice;
let admin;
let browser;
let page;
let original;

/** The independent digest oracle: SHA-256 from node:crypto, as unpadded base64url. */
const sha256 = (text) => createHash("sha256").update(text).digest("base64url");
/** Buffer's view of "a canonical base64url encoding of 32 bytes": decode, re-encode, compare. */
const canonicalDigest = (text) => {
  const bytes = Buffer.from(text, "base64url");
  return bytes.length === 32 && bytes.toString("base64url") === text;
};
const iso = (ms) => new Date(ms).toISOString();
const b64 = (text) => Buffer.from(text, "utf8").toString("base64");

/** A fresh token and the digest and hint the portal would send for it (digest by node:crypto). */
function fresh() {
  const { token } = core.generateToken();
  return { token, digest: sha256(token), hint: token.slice(-4) };
}

before(async () => {
  worker = await freshWorker("drift");
  [alice, admin] = await signedIn(worker, "alice", "admin");
  original = (await admin.get("/_apis/tokenadmin/policies")).body;
  browser = await launchChromium();
  const context = await browser.newContext({ timezoneId: "UTC" });
  await context.clock.install({ time: worker.now() });
  page = await context.newPage();
  await page.goto(worker.base + "/");
  await page.waitForSelector("html[data-ready]");
});

after(async () => {
  if (admin && original) await admin.request("PUT", "/_apis/tokenadmin/policies", original);
  await browser?.close();
  await worker?.stop();
});

/** Sets the administrator's policy; returns it as the portal reads it (GET /_apis/policies). */
async function usePolicy(policy) {
  const r = await admin.request("PUT", "/_apis/tokenadmin/policies", policy);
  assert.equal(r.status, 200, r.text);
  const seen = (await alice.get("/_apis/policies")).body;
  const { allowlists, ...set } = policy; // a user never reads who is on an allowlist
  assert.deepEqual(seen, { autoRevokeLeaked: true, globalTokens: "retired", organizations: [], ...set }, "the portal reads the policy the administrator set");
  return seen;
}

/**
 * The portal's answers, computed inside the portal page: `jobs` run in order against the core
 * the portal ships (/pkg/browser.js, after `init()`) and the form's verdict (/token-plan.js).
 */
function portal(jobs) {
  return page.evaluate(async (jobs) => {
    const pg = await import("/pkg/browser.js");
    await pg.init();
    const plan = await import("/token-plan.js");
    const scoped = (make, use) => {
      const thing = make();
      try {
        return use(thing);
      } finally {
        thing.free();
      }
    };
    return jobs.map((j) => {
      switch (j.kind) {
        case "create": return scoped(() => new pg.Policy(j.policy.maxLifespanDays, j.policy.restrictFullAccess), (p) => p.create(j.now, j.scope, j.validTo, "fabrikam"));
        case "plan": return plan.planToken(j.form, { policy: j.policy, now: j.now, timeZone: "UTC" });
        case "isDigest": return pg.isDigest(j.text);
        case "tokenDigest": return pg.tokenDigest(j.token);
        case "authenticate": return scoped(() => new pg.Gate(), (g) => g.authenticate(j.header ?? undefined));
        case "decide": return scoped(() => new pg.Gate(), (g) => g.decide(j.digest, j.record, j.request));
        case "status": return pg.tokenStatus(j.validFrom, j.validTo, j.revokedAt, j.now);
        case "now": return Date.now();
        default: throw new Error("unknown job " + j.kind);
      }
    });
  }, jobs);
}

test("one core: the portal serves the .wasm the worker and Node load, and runs on the worker's clock", async () => {
  const served = Buffer.from(await (await fetch(worker.base + "/pkg/patgate_bg.wasm")).arrayBuffer());
  const built = readFileSync(new URL("../../pkg/patgate_bg.wasm", import.meta.url));
  assert.equal(sha256(served), sha256(built), "www/public/pkg is a copy of pkg/ (scripts/build-www.sh)");
  const [browserNow] = await portal([{ kind: "now" }]);
  assert.ok(Math.abs(browserNow - worker.now()) < 60_000, `browser ${iso(browserNow)}, worker ${iso(worker.now())}`);
});

// ---- create: one request, three answers ------------------------------------------------------

/** The core's Policy outcome in the API's terms (201 for an accepted create). */
function outcomeOf(o) {
  return o.ok
    ? { ok: true, status: 201, error: null, field: null, scope: o.scope, validTo: o.validTo }
    : { ok: false, status: o.status, error: o.error, field: o.field };
}

/** The worker's answer to a create, in the same terms. */
function answerOf(r) {
  if (r.status === 201) return { ok: true, status: 201, error: null, field: null, scope: r.body.patToken.scope, validTo: Date.parse(r.body.patToken.validTo) };
  return { ok: false, status: r.status, error: r.body?.patTokenError ?? null, field: r.body?.field ?? null };
}

/** The Node core's outcome for a create. */
function nodeCreate(policy, now, scope, validTo) {
  const p = new core.Policy(policy.maxLifespanDays, policy.restrictFullAccess);
  try {
    return p.create(now, scope, validTo, "fabrikam");
  } finally {
    p.free();
  }
}

/** Observed delays from "the test reads worker.now()" to "the worker reads its clock", in ms. */
const delays = [];

/**
 * POSTs a create and reads back the instant the worker decided at: `validFrom` when it
 * accepted, the "at the latest" instant less the maximum for a lifespan refusal. Otherwise
 * only a bracket is known: the worker's now lies between `t0` and `t1`.
 */
async function workerCreate(policy, { scope, validTo, digest }, t0) {
  const secret = digest !== undefined ? { digest, hint: "abcd" } : fresh();
  const r = await alice.request("POST", "/_apis/tokens/pats", {
    displayName: "drift", scope, organization: "fabrikam", allOrgs: false, validTo: iso(validTo), digest: secret.digest, hint: secret.hint,
  });
  const t1 = worker.now();
  let now = null;
  if (r.status === 201) now = Date.parse(r.body.patToken.validFrom);
  else if (r.body?.patTokenError === "patLifespanPolicyViolation") {
    const latest = /at the latest (\S+)\)/.exec(r.body.message);
    if (latest) now = Date.parse(latest[1]) - policy.maxLifespanDays * DAY;
  }
  if (now !== null) {
    assert.ok(now >= t0 - 5 && now <= t1 + 5, `the worker's instant ${now} lies within [${t0}, ${t1}]`);
    delays.push(now - t0);
  }
  return { r, t0, t1, now };
}

/**
 * Compares one create across the faces. `sent` is what went to the worker and its answer;
 * the Node core and the portal's core are asked at the worker's exact instant when it is known,
 * else at both ends of the bracket (which must agree); `planned` is the form's verdict.
 */
function agreeOnCreate(label, policy, sent, portalAt, planned) {
  const { scope, validTo, r, t0, t1, now } = sent;
  const nows = now !== null ? [now] : [t0, t1];
  const node = nows.map((n) => outcomeOf(nodeCreate(policy, n, scope, validTo)));
  for (const n of node.slice(1)) assert.deepEqual(n, node[0], `${label}: the core's answer is the same over the request's bracket`);
  for (const p of portalAt) assert.deepEqual(outcomeOf(p), node[0], `${label}: the portal's core (Chromium) = the core (Node)`);
  const worker = answerOf(r);
  assert.deepEqual(worker, node[0], `${label}: the worker (HTTP ${r.status} ${r.text.slice(0, 160)}) = the core (Node)`);
  if (!worker.ok) assert.ok(r.body.message.startsWith(nodeCreate(policy, nows[0], scope, validTo).message), `${label}: the worker words the core's refusal`);
  else assert.equal(Date.parse(r.body.patToken.validFrom), now, `${label}: validFrom is the worker's now`);
  if (planned) {
    const verdict = planned.ok ? { ok: true, field: null } : { ok: false, fields: Object.keys(planned.problems) };
    const expected = node[0].ok ? { ok: true, field: null } : { ok: false, fields: [node[0].field] };
    assert.deepEqual(verdict, expected, `${label}: the portal's form verdict = the core's`);
    if (planned.ok) assert.equal(planned.body.validTo, iso(validTo), `${label}: the form sends the validTo the worker got`);
  }
  return worker;
}

const SCOPE_ROWS = [
  ["one scope", "vso.build"],
  ["two scopes", "vso.build vso.code"],
  ["a scope and one it implies", "vso.code_write vso.code"],
  ["a high-privilege scope", "vso.code_full"],
  ["unknown name", "vso.nope"],
  ["a known and an unknown name", "vso.build vso.nope"],
  ["upper case", "VSO.BUILD"],
  ["empty", ""],
  ["spaces only", "   "],
  ["duplicates", "vso.build vso.build"],
  ["leading, trailing and double spaces", "  vso.build   vso.code  "],
  ["a tab between names", "vso.build\tvso.code"],
  ["a newline between names", "vso.build\nvso.code"],
  ["a comma between names", "vso.build,vso.code"],
  ["a no-break space between names", "vso.build\u00a0vso.code"],
  ["full access", "app_token"],
  ["full access and a scope", "app_token vso.build"],
  ["a scope and full access", "vso.build app_token"],
  ["full access twice", "app_token app_token"],
];

test("scope lists: the worker, the core and the portal's form agree, full access restricted or not", async (t) => {
  let rows = 0;
  for (const restrictFullAccess of [false, true]) {
    const policy = await usePolicy({ maxLifespanDays: 365, restrictFullAccess });
    const nominal = worker.now();
    const validTo = nominal + 30 * DAY;
    // The form as a person fills it: the scope list as typed, or the "Full access" choice.
    const forms = SCOPE_ROWS.map(([, scope]) => ({
      name: "drift", full: scope === "app_token", scopes: scope === "app_token" ? [] : [scope], lifespan: "30", date: "", organization: "fabrikam",
    }));
    const planned = await portal(forms.map((form) => ({ kind: "plan", form, policy, now: nominal })));
    const sent = [];
    for (const [i, [, scope]] of SCOPE_ROWS.entries()) {
      // What the portal would send when its form accepts, else the same fields by hand.
      const body = planned[i].ok ? planned[i].body : { scope, validTo: iso(validTo) };
      assert.equal(body.scope, scope);
      assert.equal(body.validTo, iso(validTo));
      const t0 = worker.now();
      sent.push({ scope, validTo, ...(await workerCreate(policy, { scope, validTo }, t0)) });
    }
    const asked = await portal(sent.flatMap((s) => (s.now !== null ? [s.now] : [s.t0, s.t1]).map((now) => ({ kind: "create", policy, now, scope: s.scope, validTo: s.validTo }))));
    let k = 0;
    for (const [i, [name]] of SCOPE_ROWS.entries()) {
      const n = sent[i].now !== null ? 1 : 2;
      const label = `${JSON.stringify(SCOPE_ROWS[i][1])} (${name}), restrictFullAccess ${restrictFullAccess}`;
      const w = agreeOnCreate(label, policy, sent[i], asked.slice(k, k + n), planned[i]);
      k += n;
      rows++;
      t.diagnostic(`${label}: ${w.ok ? `201 ${w.scope}` : `${w.status} ${w.error} (${w.field})`}`);
    }
  }
  await usePolicy(original);
  assert.equal(rows, SCOPE_ROWS.length * 2);
});

// ---- lifespans -------------------------------------------------------------------------------

/**
 * validTo relative to now. `days`: a whole number of days, which the form's lifespan choice
 * expresses (its verdict is then compared too; the other offsets only the core the portal ships
 * can be asked). The worker's clock is frozen, so it decides each at exactly the offset given.
 */
const LIFESPAN_ROWS = (max) => [
  { name: `now + max (${max} days)`, offset: max * DAY, days: max },
  { name: `now + max (${max} days) + 1 ms`, offset: max * DAY + 1 },
  { name: "now", offset: 0, days: 0 },
  { name: "now - 1 ms", offset: -1 },
  { name: "now + 1 ms", offset: 1 },
  { name: "1 day", offset: DAY, days: 1 },
  { name: "30 days", offset: 30 * DAY, days: 30 },
  { name: "365 days", offset: 365 * DAY, days: 365 },
  { name: "366 days", offset: 366 * DAY, days: 366 },
];

test("lifespans: validTo at and around the policy's limits, at the worker's own instant", async (t) => {
  let rows = 0;
  await worker.freeze();
  t.after(() => worker.freeze(false));
  for (const max of [365, 30]) {
    const policy = await usePolicy({ maxLifespanDays: max, restrictFullAccess: false });
    const cases = [];
    for (const row of LIFESPAN_ROWS(max)) {
      // The worker's clock stands still (frozen below): it decides at exactly the instant read here.
      const t0 = worker.now();
      const validTo = t0 + row.offset;
      const sent = { scope: "vso.build", validTo, nominal: t0, ...(await workerCreate(policy, { scope: "vso.build", validTo }, t0)) };
      assert.equal(sent.now ?? t0, t0, `${row.name}: the worker decided at its frozen instant`);
      cases.push({ row, sent, nominal: t0 });
    }
    const jobs = [];
    for (const c of cases) {
      const { sent } = c;
      c.at = [];
      for (const now of sent.now !== null ? [sent.now] : [sent.t0, sent.t1]) {
        c.at.push(jobs.length);
        jobs.push({ kind: "create", policy, now, scope: sent.scope, validTo: sent.validTo });
      }
      if (c.row.days !== undefined && c.nominal !== null) {
        c.planAt = jobs.length;
        jobs.push({ kind: "plan", policy, now: c.nominal, form: { name: "drift", full: false, scopes: ["vso.build"], lifespan: String(c.row.days), date: "", organization: "fabrikam" } });
      }
    }
    const asked = await portal(jobs);
    for (const c of cases) {
      const label = `${c.row.name}, max ${max} days`;
      const planned = c.planAt === undefined ? null : asked[c.planAt];
      // The form's verdict is at its own now; the core at that same instant must say the same.
      if (planned) {
        assert.deepEqual(outcomeOf(nodeCreate(policy, c.nominal, "vso.build", c.sent.validTo)).ok, planned.ok, `${label}: the form and the core at the form's instant`);
      }
      const w = agreeOnCreate(label, policy, c.sent, c.at.map((i) => asked[i]), planned);
      rows++;
      const seen = c.sent.now === null ? "" : `, validTo - worker's now = ${c.sent.validTo - c.sent.now} ms`;
      t.diagnostic(`${label}: ${w.ok ? "201" : `${w.status} ${w.error} (${w.field})`}${seen}`);
    }
  }
  await usePolicy(original);
  assert.ok(rows >= LIFESPAN_ROWS(365).length * 2);
});

// ---- digests ---------------------------------------------------------------------------------

test("digests on create: the worker accepts exactly what isDigest accepts, in Node and in Chromium, and both match node:crypto", async (t) => {
  const real = fresh();
  // A digest whose last character carries non-zero bits past the 256th (43 × 6 = 258 bits).
  const loose = fresh();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const last = alphabet.indexOf(loose.digest.at(-1));
  const trailing = loose.digest.slice(0, 42) + alphabet[last | 1];
  // A digest in the standard alphabet: one whose encoding holds a "+" or a "/".
  let standard = null;
  for (let i = 0; i < 1000 && !standard; i++) {
    const s = createHash("sha256").update(fresh().token).digest("base64").replace(/=+$/, "");
    if (/[+/]/.test(s)) standard = s;
  }
  const d = () => fresh().digest;
  const rows = [
    ["a real digest (node:crypto)", real.digest],
    ["another real digest", d()],
    ["43 characters, non-zero trailing bits", trailing],
    ["the standard base64 alphabet", standard],
    ["42 characters", d().slice(0, 42)],
    ["44 characters (one more character)", d() + "A"],
    ["44 characters (padded)", d() + "="],
    ["a non-ASCII last character", d().slice(0, 42) + "é"],
    ["a full-width letter inside", (() => { const x = d(); return x.slice(0, 20) + "Ａ" + x.slice(21); })()],
    ["an emoji (43 UTF-16 units)", d().slice(0, 41) + "😀"],
    ["a space inside", (() => { const x = d(); return x.slice(0, 20) + " " + x.slice(21); })()],
    ["empty", ""],
  ];
  assert.ok(!canonicalDigest(trailing) && canonicalDigest(loose.digest), "the oracle tells the two apart");
  assert.equal(core.tokenDigest(real.token), real.digest, "the core digests as node:crypto does (Node)");
  const [browserDigest, ...browserIs] = await portal([{ kind: "tokenDigest", token: real.token }, ...rows.map(([, text]) => ({ kind: "isDigest", text }))]);
  assert.equal(browserDigest, real.digest, "the core digests as node:crypto does (Chromium)");
  const policy = await usePolicy(original);
  for (const [i, [name, text]] of rows.entries()) {
    const anchor = canonicalDigest(text);
    const node = core.isDigest(text);
    assert.equal(node, anchor, `${name}: isDigest (Node) = node:crypto/Buffer`);
    assert.equal(browserIs[i], node, `${name}: isDigest (Chromium) = isDigest (Node)`);
    const t0 = worker.now();
    const { r } = await workerCreate(policy, { scope: "vso.build", validTo: t0 + 30 * DAY, digest: text }, t0);
    const w = answerOf(r);
    const expected = node ? { ok: true, status: 201, error: null, field: null } : { ok: false, status: 400, error: "invalidToken", field: "digest" };
    assert.deepEqual({ ok: w.ok, status: w.status, error: w.error, field: w.field }, expected, `${name}: the worker (${r.status} ${r.text.slice(0, 160)}) = isDigest`);
    t.diagnostic(`${name}: isDigest ${node}, HTTP ${r.status}${w.ok ? "" : ` ${w.error} (${w.field})`}`);
  }
});

// ---- Authorization headers -------------------------------------------------------------------

/** A raw GET (node:http sends the header as given); a reset before any answer comes back as `{ reset }`. */
function rawGet(path, authorization) {
  return new Promise((resolve) => {
    let answered = false;
    const headers = authorization === undefined ? {} : { authorization };
    const req = httpRequest({ host: "127.0.0.1", port: worker.port, path, headers }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => {
        const challenges = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i].toLowerCase() === "www-authenticate") challenges.push(res.rawHeaders[i + 1]);
        let json = null;
        try {
          json = JSON.parse(body);
        } catch {}
        resolve({ status: res.statusCode, body: json, challenges });
      });
    });
    req.on("error", (e) => {
      if (!answered) resolve({ reset: e.code ?? String(e) });
    });
    req.end();
  });
}

test("Authorization headers: the gate over HTTP, Gate.authenticate in Node and in Chromium give one verdict", async (t) => {
  await usePolicy(original);
  // Tokens registered the portal's way (only node:crypto digests are sent).
  const register = async (scope, organization = "fabrikam") => {
    const s = fresh();
    const r = await alice.request("POST", "/_apis/tokens/pats", { displayName: `drift ${scope}`, scope, organization, validTo: worker.at(30 * DAY), digest: s.digest, hint: s.hint });
    assert.equal(r.status, 201, r.text);
    return { ...s, patToken: r.body.patToken };
  };
  const project = await register("vso.project");
  const build = await register("vso.build");
  const revoked = await register("vso.project");
  assert.equal((await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${revoked.patToken.authorizationId}`)).status, 204);
  const gone = (await alice.get(`/_apis/tokens/pats?authorizationId=${revoked.patToken.authorizationId}`)).body.patToken;
  const unregistered = fresh();
  // The store keeps HMAC-SHA-256(pepper, SHA-256 bytes): node:crypto, the core and the worker agree.
  const pepper = Buffer.from(PEPPER, "base64url");
  const hmac = createHmac("sha256", pepper).update(Buffer.from(project.digest, "base64url")).digest("base64url");
  assert.equal(core.pepperDigest(project.digest, pepper), hmac);
  assert.equal(worker.sql(`SELECT digest FROM tokens WHERE id = '${project.patToken.authorizationId}'`)[0].digest, hmac);
  const peppered = new core.Gate({ pepper });
  assert.equal(peppered.authenticate(core.formatBasic(project.token)).digest, hmac);
  peppered.free();

  // The records the worker would find, by the digest the gate presents (unpeppered here).
  const recordOf = (p, digest) => ({
    id: p.authorizationId, owner: p.owner, organizations: p.organization ? [p.organization] : ["contoso", "fabrikam"], scope: p.scope,
    validFrom: Date.parse(p.validFrom), validTo: Date.parse(p.validTo), revokedAt: p.revokedAt ? Date.parse(p.revokedAt) : null, digest,
  });
  const records = new Map([
    [project.digest, recordOf(project.patToken, project.digest)],
    [build.digest, recordOf(build.patToken, build.digest)],
    [revoked.digest, recordOf(gone, revoked.digest)],
  ]);

  const tok = project.token;
  const wrongChecksum = tok.slice(0, -1) + (tok.at(-1) === "A" ? "B" : "A");
  const padded = b64(`anything:${tok}`);
  assert.match(padded, /=$/, "these Basic credentials need padding");
  // "~~~" encodes as "fn5+": the standard alphabet's "+", which the url-safe one writes "-".
  const tilde = b64(`~~~:${tok}`);
  assert.match(tilde, /^fn5\+/);
  const PROJECTS = "/fabrikam/_apis/projects";
  const rows = [
    { name: "Basic with a user name", header: "Basic " + padded, token: tok },
    { name: "Basic without a user name", header: "Basic " + b64(`:${tok}`), token: tok },
    { name: "Basic, user name \"~~~\" (a \"+\" in the base64)", header: "Basic " + tilde, token: tok },
    { name: "Bearer", header: `Bearer ${tok}`, token: tok },
    { name: "Basic, lower-case scheme", header: "basic " + b64(`:${tok}`), token: tok },
    { name: "Basic, two spaces after the scheme", header: "Basic  " + b64(`:${tok}`), token: tok },
    { name: "Basic, bad base64", header: "Basic !!!not-base64!!!" },
    { name: "Basic, padding removed", header: "Basic " + padded.replace(/=+$/, "") },
    { name: "Basic, url-safe alphabet", header: "Basic " + tilde.replaceAll("+", "-").replaceAll("/", "_") },
    { name: "Basic, no colon", header: "Basic " + b64(tok) },
    { name: "Basic, a tab after the scheme", header: "Basic\t" + b64(`:${tok}`) },
    { name: "Basic, a tab inside the credentials", header: "Basic " + b64(`:${tok}`).slice(0, 8) + "\t" + b64(`:${tok}`).slice(8) },
    { name: "Basic, two credentials", header: "Basic " + b64(`:${tok}`) + " " + b64(`:${tok}`) },
    { name: "Basic, scheme only", header: "Basic" },
    { name: "unknown scheme", header: `Token ${tok}` },
    { name: "Digest scheme", header: 'Digest username="x"' },
    { name: "8 KiB exactly", header: "Basic " + "A".repeat(8192 - 6) },
    { name: "8 KiB + 1", header: "Basic " + "A".repeat(8192 - 5) },
    { name: "wrong checksum, Basic", header: "Basic " + b64(`:${wrongChecksum}`) },
    { name: "wrong checksum, Bearer", header: `Bearer ${wrongChecksum}` },
    { name: "a GitHub token's prefix", header: `Bearer ghp_${tok.slice(4)}` },
    { name: "no Authorization header", header: undefined },
    { name: "a well-formed token never registered", header: "Basic " + b64(`:${unregistered.token}`), token: unregistered.token },
    { name: "a token without the scope (vso.build)", header: "Basic " + b64(`:${build.token}`), token: build.token },
    { name: "a revoked token", header: `Bearer ${revoked.token}`, token: revoked.token },
    { name: "the right token, another organization", header: `Bearer ${tok}`, token: tok, path: "/contoso/_apis/projects" },
  ];
  assert.equal(rows.find((r) => r.name === "8 KiB exactly").header.length, 8192);
  assert.equal(core.formatBasic(tok), rows[1].header, "formatBasic writes what Buffer does");
  assert.equal(core.formatBearer(tok), rows[3].header);

  const gate = new core.Gate();
  const nodeAuth = rows.map((row) => gate.authenticate(row.header));
  const browserAuth = await portal(rows.map((row) => ({ kind: "authenticate", header: row.header ?? null })));
  // Over HTTP, with the core's decision (Node and Chromium) on the record the store holds, at the same instants.
  const http = [];
  const decideJobs = [];
  for (const [i, row] of rows.entries()) {
    const path = row.path ?? PROJECTS;
    const t0 = worker.now();
    const r = await rawGet(path, row.header);
    const t1 = worker.now();
    const a = nodeAuth[i];
    const decide = (now) => gate.decide(a.digest, records.get(a.digest) ?? null, { now, organization: path.split("/")[1], requiredScope: "vso.project" });
    let verdict = a;
    if (a.ok) {
      assert.ok(row.token, `${row.name}: the core accepts credentials the table calls bad`);
      assert.equal(a.digest, sha256(row.token), `${row.name}: the presented digest is node:crypto's`);
      verdict = decide(t0);
      assert.deepEqual(decide(t1), verdict, `${row.name}: the verdict is the same over the request's bracket`);
      for (const now of [t0, t1]) decideJobs.push({ kind: "decide", digest: a.digest, record: records.get(a.digest) ?? null, request: { now, organization: path.split("/")[1], requiredScope: "vso.project" } });
    }
    http.push({ r, verdict });
  }
  const browserDecide = await portal(decideJobs);
  let d = 0;
  for (const [i, row] of rows.entries()) {
    const { r, verdict } = http[i];
    const a = nodeAuth[i];
    assert.deepEqual(browserAuth[i], a, `${row.name}: Gate.authenticate (Chromium) = Gate.authenticate (Node)`);
    if (a.ok) {
      assert.deepEqual(browserDecide.slice(d, d + 2), [verdict, verdict], `${row.name}: Gate.decide (Chromium) = Gate.decide (Node)`);
      d += 2;
    }
    if (r.reset) {
      // A server may refuse an oversized request before it has read it to the end.
      assert.equal(verdict.status, 431, `${row.name}: connection ${r.reset} without an answer`);
      t.diagnostic(`${row.name}: refused mid-request (${r.reset}); the core says 431`);
      continue;
    }
    // Challenges compared as one comma-separated list (RFC 9110 §5.3): workerd joins the
    // worker's appended WWW-Authenticate values into one field line.
    const over = { status: r.status, error: r.status === 200 ? null : r.body?.error ?? null, message: r.status === 200 ? null : r.body?.message ?? null, challenges: r.challenges.join(", ") };
    const expected = verdict.ok
      ? { status: 200, error: null, message: null, challenges: "" }
      : { status: verdict.status, error: verdict.error ?? "unauthorized", message: verdict.message, challenges: verdict.wwwAuthenticate.join(", ") };
    assert.deepEqual(over, expected, `${row.name}: HTTP = the core's verdict (authenticate: ${a.ok ? "ok" : a.reason}; decide: ${verdict.reason})`);
    if (verdict.ok) assert.deepEqual(r.body.value.map((p) => p.name), ["demo"], row.name);
    t.diagnostic(`${row.name}: HTTP ${r.status}${over.error ? ` ${over.error}` : ""}; authenticate ${a.ok ? "ok" : `${a.status} ${a.reason}`}${a.ok ? `; decide ${verdict.status} ${verdict.reason}` : ""}`);
  }
  gate.free();
  const good = rows.filter((_, i) => nodeAuth[i].ok && http[i].verdict.ok && http[i].r.status === 200).length;
  assert.equal(good, 6, "every row with good credentials for this organization and scope: 200, and authenticate ok");
});

// ---- token status (last: it moves the worker's clock) ----------------------------------------

/** Every page of a list route. */
async function listAll(client, path, key) {
  const out = [];
  let continuation = null;
  do {
    const r = await client.get(`${path}&$top=100${continuation ? `&continuationToken=${continuation}` : ""}`);
    assert.equal(r.status, 200, r.text);
    out.push(...r.body[key]);
    continuation = r.body.continuationToken;
  } while (continuation);
  return out;
}

test("token status: the API's status, its list filters, tokenStatus in Node and in Chromium agree as the clock moves", async (t) => {
  await usePolicy(original);
  const made = {};
  const create = async (name, validTo) => {
    const s = fresh();
    const r = await alice.request("POST", "/_apis/tokens/pats", { displayName: `status: ${name}`, scope: "vso.build", organization: "fabrikam", validTo, digest: s.digest, hint: s.hint });
    assert.equal(r.status, 201, r.text);
    made[name] = r.body.patToken.authorizationId;
    return made[name];
  };
  await create("active, 30 days", worker.at(30 * DAY));
  await create("active, 1 day", worker.at(DAY));
  const own = await create("revoked by its owner", worker.at(30 * DAY));
  assert.equal((await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${own}`)).status, 204);
  const byAdmin = await create("revoked by an administrator", worker.at(30 * DAY));
  assert.equal((await admin.request("POST", "/_apis/tokenadmin/revocations", [{ authorizationId: byAdmin }])).status, 200);
  const short = await create("1 day, then revoked", worker.at(DAY));
  assert.equal((await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${short}`)).status, 204);
  const regen = await create("regenerated with a grace period", worker.at(30 * DAY));
  const s = fresh();
  assert.equal((await alice.request("POST", `/_apis/tokens/pats/${regen}/regenerate`, { digest: s.digest, hint: s.hint, graceMinutes: 60 })).status, 200);
  await create("2 days", worker.at(2 * DAY));
  const ids = new Set(Object.values(made));

  let checked = 0;
  const snapshot = async (when) => {
    const t0 = worker.now();
    const mine = (await listAll(alice, "/_apis/tokens/pats?displayFilterOption=all", "patTokens")).filter((p) => ids.has(p.authorizationId));
    const everyone = (await listAll(admin, "/_apis/tokenadmin/personalaccesstokens?displayFilterOption=all", "value")).filter((p) => ids.has(p.authorizationId));
    const filtered = {};
    for (const filter of ["active", "revoked", "expired"]) {
      filtered[filter] = (await listAll(alice, `/_apis/tokens/pats?displayFilterOption=${filter}`, "patTokens")).map((p) => p.authorizationId).filter((id) => ids.has(id));
    }
    const single = {};
    for (const id of ids) single[id] = (await alice.get(`/_apis/tokens/pats?authorizationId=${id}`)).body.patToken.status;
    const t1 = worker.now();
    assert.equal(mine.length, ids.size);
    const times = (p) => [Date.parse(p.validFrom), Date.parse(p.validTo), p.revokedAt ? Date.parse(p.revokedAt) : null];
    const jobs = mine.flatMap((p) => [t0, t1].map((now) => ({ kind: "status", validFrom: times(p)[0], validTo: times(p)[1], revokedAt: times(p)[2], now })));
    const inBrowser = await portal(jobs);
    for (const [i, p] of mine.entries()) {
      const name = Object.keys(made).find((k) => made[k] === p.authorizationId);
      const label = `${name}, ${when}`;
      const node = [t0, t1].map((now) => core.tokenStatus(...times(p), now));
      assert.equal(node[0], node[1], `${label}: tokenStatus is the same over the requests' bracket`);
      assert.deepEqual(inBrowser.slice(2 * i, 2 * i + 2), node, `${label}: tokenStatus (Chromium) = tokenStatus (Node)`);
      assert.equal(p.status, node[0], `${label}: the API's status (list) = tokenStatus (Node)`);
      assert.equal(single[p.authorizationId], node[0], `${label}: the API's status (get one) = tokenStatus (Node)`);
      assert.equal(everyone.find((q) => q.authorizationId === p.authorizationId).status, node[0], `${label}: the administrator's list agrees`);
      for (const filter of ["active", "revoked", "expired"]) {
        assert.equal(filtered[filter].includes(p.authorizationId), node[0] === filter, `${label}: displayFilterOption=${filter} lists it iff its status is ${filter}`);
      }
      checked++;
      t.diagnostic(`${label}: ${node[0]}`);
    }
  };
  // Sessions last hours: after each move of the clock, both sign in again.
  const later = async (ms, when) => {
    await worker.advance(ms);
    assert.equal((await alice.signIn("alice")).status, 200);
    assert.equal((await admin.signIn("admin")).status, 200);
    await snapshot(when);
  };
  await snapshot("just created");
  await later(DAY + 60_000, "a day and a minute later");
  await later(DAY, "two days and a minute later");
  await later(29 * DAY, "31 days later");
  assert.equal(checked, ids.size * 4);
});
