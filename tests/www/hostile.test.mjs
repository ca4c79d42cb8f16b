// Hostile input over HTTP against the real worker: the Authorization table (status, challenge,
// body) and the management API's inputs, each answered by a clear 4xx with nothing stored.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { readFileSync } from "node:fs";
import { generateToken } from "../../pkg/node.mjs";
import { DAY, freshWorker, signedIn } from "./harness.mjs";

const table = JSON.parse(readFileSync(new URL("../hostile/headers.json", import.meta.url), "utf8"));
let worker;
let alice;
let bob;
let registered;

before(async () => {
  worker = await freshWorker("hostile");
  [alice, bob] = await signedIn(worker, "alice", "bob");
  // The table's token, registered the portal's way: only its digest is sent.
  const digest = createHash("sha256").update(table.token).digest("base64url");
  const r = await alice.request("POST", "/_apis/tokens/pats", {
    displayName: "hostile table", scope: "vso.project", organization: "fabrikam",
    validTo: worker.at(30 * DAY), digest, hint: table.token.slice(-4),
  });
  assert.equal(r.status, 201);
  registered = r.body.patToken.authorizationId;
});

after(() => worker?.stop());

/** Everything the store holds that a request could change, except the throttled lastUsedAt. */
function snapshot() {
  return JSON.stringify([
    worker.sql("SELECT id, owner, display_name, organization, scope, valid_from, valid_to, revoked_at, digest, hint, previous_digest FROM tokens ORDER BY id"),
    worker.sql("SELECT count(*) AS n FROM audit"),
    worker.sql("SELECT count(*) AS n FROM notifications"),
    worker.sql("SELECT count(*) AS n FROM sessions"),
    worker.sql("SELECT * FROM policies ORDER BY key"),
  ]);
}

/**
 * A raw GET, so that repeated headers go out as separate lines. A server may refuse an
 * oversized request while it is still being written: its answer is read if it arrived, and a
 * connection reset before any answer is returned as `{ reset }` for the caller to judge.
 */
function rawGet(path, headers) {
  return new Promise((resolve) => {
    let answered = false;
    const req = httpRequest({ host: "127.0.0.1", port: worker.port, path, headers }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
      res.on("error", () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", (e) => {
      if (!answered) resolve({ reset: e.code ?? String(e) });
    });
    req.end();
  });
}

/**
 * GET with an Authorization value sent as raw bytes over a socket (UTF-8), for the rows fetch
 * and node:http refuse to send: non-Latin-1 text, an empty value, control characters.
 */
function rawSocketGet(path, value) {
  return new Promise((resolve) => {
    const socket = connect(worker.port, "127.0.0.1");
    let data = Buffer.alloc(0);
    socket.on("data", (d) => (data = Buffer.concat([data, d])));
    socket.on("end", () => {
      const text = data.toString("utf8");
      const [head, ...rest] = text.split("\r\n\r\n");
      const headers = {};
      for (const line of head.split("\r\n").slice(1)) {
        const i = line.indexOf(":");
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(head.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
    socket.on("error", (e) => resolve({ reset: e.code ?? String(e) }));
    socket.end(Buffer.concat([
      Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${worker.port}\r\nConnection: close\r\nAuthorization: `),
      Buffer.from(value, "utf8"), Buffer.from("\r\n\r\n"),
    ]));
  });
}

function errorOf(r) {
  try {
    return JSON.parse(r.body).error;
  } catch {
    return undefined;
  }
}

test("the hostile Authorization table over HTTP: status, challenge and body; nothing changes", async (t) => {
  const before = snapshot();
  let sent = 0;
  for (const row of [...table.rows, ...table.httpOnly]) {
    const expect = row.http ?? row.expect;
    const header = row.repeat ? row.repeat.prefix + row.repeat.repeat.repeat(row.repeat.count) : row.header;
    const headers = row.multi ? { authorization: row.multi } : header === null ? {} : { authorization: header };
    const path = `/fabrikam/_apis/projects${row.query ? "?" + row.query : ""}`;
    const r = expect.raw ? await rawSocketGet(path, header) : await rawGet(path, headers);
    sent++;
    if (r.reset) {
      // Refused while the request was still being written: a legitimate refusal, but only for
      // a request refused by its size; any other row must be answered.
      assert.ok(expect.status === 431, `${row.name}: connection ${r.reset} without an answer`);
      t.diagnostic(`${row.name}: refused mid-request (${r.reset}), counted as its 431`);
      continue;
    }
    if (expect.anyRefusal) {
      assert.ok(r.status >= 400 && r.status < 500, `${row.name}: ${r.status}`);
      continue;
    }
    assert.equal(r.status, expect.status, row.name);
    const challenge = [r.headers["www-authenticate"]].flat().join(", ");
    if (expect.status === 200) {
      assert.deepEqual(JSON.parse(r.body).value.map((p) => p.name), ["demo"], row.name);
      continue;
    }
    if (expect.layer === "runtime") {
      // Refused by workerd's HTTP parser before the worker runs: no JSON, so nothing looked up.
      assert.equal(errorOf(r), undefined, row.name);
      continue;
    }
    // The error code is in the body and, from RFC 6750, in the Bearer challenge.
    assert.equal(errorOf(r), expect.error ?? "unauthorized", row.name);
    if (expect.status === 401) assert.match(challenge, /^Basic realm="patgate", charset="UTF-8", Bearer realm="patgate"/, row.name);
    if (expect.error && !row.query) assert.match(challenge, new RegExp(`error="${expect.error}"`), row.name);
    if (expect.status === 431) assert.equal(challenge, "", row.name);
    assert.ok(!r.body.includes(table.token) && !challenge.includes(table.token), `${row.name}: the token leaked`);
  }
  assert.equal(sent, table.rows.length + table.httpOnly.length, "every row is sent, none skipped");
  assert.equal(snapshot(), before, "no request changed the store");
});

test("management API: hostile bodies get a clear 4xx naming the problem, and nothing is stored", async () => {
  const before = snapshot();
  const g = generateToken();
  const base = { displayName: "x", scope: "vso.code", organization: "fabrikam", validTo: worker.at(DAY), digest: g.digest, hint: g.hint };
  const nested = "[".repeat(100_000) + "]".repeat(100_000);
  const cases = [
    ["deeply nested JSON", { raw: nested }, 413],
    ["moderately nested JSON", { raw: "[".repeat(3000) + "]".repeat(3000) }, 400],
    ["__proto__ field", { raw: JSON.stringify(base).replace("{", '{"__proto__":{"isAdmin":true},') }, 400, "__proto__"],
    ["constructor field", { body: { ...base, constructor: "x" } }, 400, "constructor"],
    ["duplicate keys: the last wins, then validated", { raw: JSON.stringify(base).replace("{", '{"scope":"vso.nope",').replace('"scope":"vso.code"', '"scope":"vso.bogus"') }, 400, "scope"],
    ["a number as the name", { body: { ...base, displayName: 12 } }, 400, "displayName"],
    ["an object as the name", { body: { ...base, displayName: { toString: "x" } } }, 400, "displayName"],
    ["right-to-left override in the name", { body: { ...base, displayName: "invoice\u202Egpj.exe" } }, 400, "displayName"],
    ["zero-width isolate in the name", { body: { ...base, displayName: "a\u2066b" } }, 400, "displayName"],
    ["a line separator in the name", { body: { ...base, displayName: "a\u2028b" } }, 400, "displayName"],
    ["huge number as validTo", { body: { ...base, validTo: 1e308 } }, 400, "validTo"],
    ["validTo in year 275760", { body: { ...base, validTo: "+275760-09-13T00:00:00.000Z" } }, 400, "validTo"],
    ["validTo at the epoch", { body: { ...base, validTo: "1970-01-01T00:00:00Z" } }, 400, "validTo"],
    ["validTo without a zone", { body: { ...base, validTo: "2027-01-01T00:00:00" } }, 400, "validTo"],
    ["validTo as a date only", { body: { ...base, validTo: "2027-01-01" } }, 400, "validTo"],
    ["scope list of 10,000 names", { body: { ...base, scope: "vso.code ".repeat(2000) } }, 413],
    ["scope with a tab", { body: { ...base, scope: "vso.code\tvso.build" } }, 400, "scope"],
    ["SQL in the scope", { body: { ...base, scope: "vso.code' OR '1'='1" } }, 400, "scope"],
    ["organization of someone else", { body: { ...base, organization: "northwind" } }, 400, "organization"],
    ["organization as an array", { body: { ...base, organization: ["fabrikam"] } }, 400, "organization"],
    ["digest with a NUL", { body: { ...base, digest: g.digest.slice(0, 42) + "\u0000" } }, 400, "digest"],
    ["digest in standard base64", { body: { ...base, digest: Buffer.from(g.digest, "base64url").toString("base64") } }, 400, "digest"],
    ["the token itself", { body: { ...base, token: g.token } }, 400, "token"],
    ["hint longer than 4", { body: { ...base, hint: "abcde" } }, 400, "hint"],
    ["null body", { raw: "null" }, 400],
    ["string body", { raw: '"hello"' }, 400],
    ["trailing garbage", { raw: JSON.stringify(base) + "x" }, 400],
    ["UTF-16 body", { raw: Buffer.from(JSON.stringify(base), "utf16le") }, 400],
    ["form-encoded body", { raw: "displayName=x", type: "application/x-www-form-urlencoded" }, 415],
    ["no content type", { raw: JSON.stringify(base), type: "" }, 415],
    ["text/json", { raw: JSON.stringify(base), type: "text/json" }, 415],
    ["a 100 KB body", { raw: JSON.stringify({ ...base, displayName: "x".repeat(100_000) }) }, 413],
  ];
  for (const [name, c, status, field] of cases) {
    const type = c.type ?? "application/json";
    const raw = c.raw ?? JSON.stringify(c.body);
    const r = await alice.request("POST", "/_apis/tokens/pats", undefined, { headers: type ? { "content-type": type } : {}, raw });
    assert.equal(r.status, status, `${name}: ${r.text.slice(0, 120)}`);
    assert.equal(typeof r.body?.message, "string", name);
    if (field) assert.equal(r.body.field, field, name);
  }
  // Another user's ids: indistinguishable from missing, nothing changes.
  for (const [method, path, body] of [
    ["GET", `/_apis/tokens/pats?authorizationId=${registered}`],
    ["PUT", "/_apis/tokens/pats", { authorizationId: registered, displayName: "taken over" }],
    ["DELETE", `/_apis/tokens/pats?authorizationId=${registered}`],
    ["POST", `/_apis/tokens/pats/${registered}/regenerate`, { digest: g.digest, hint: g.hint }],
  ]) {
    assert.equal((await bob.request(method, path, body)).status, 404, method);
  }
  // Not found when it could be an id (64 characters or fewer); malformed when longer.
  for (const [id, status, code] of [["'; DELETE FROM tokens; --", 404, "authorizationNotFound"], ["../../etc/passwd", 404, "authorizationNotFound"], ["%00", 404, "authorizationNotFound"], ["x".repeat(5000), 400, "invalidAuthorizationId"]]) {
    const r = await alice.get(`/_apis/tokens/pats?authorizationId=${encodeURIComponent(id)}`);
    assert.deepEqual([r.status, r.body.patTokenError], [status, code], id.slice(0, 20));
  }
  assert.equal(snapshot(), before, "nothing stored or changed");
  // Unicode and SQL-looking names are data: stored verbatim, shown verbatim.
  for (const displayName of ["日本語のトークン 🚀", "Robert'); DROP TABLE tokens;--", "<script>alert(1)</script>"]) {
    const t = await alice.createToken({ displayName });
    assert.equal(t.status, 201);
    assert.equal(t.body.patToken.displayName, displayName);
  }
  assert.equal(worker.sql("SELECT count(*) AS n FROM tokens")[0].n, 4);
});
