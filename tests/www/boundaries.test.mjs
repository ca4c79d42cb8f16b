// Every time rule pinned at its exact boundary over HTTP, on a worker whose clock stands still
// (the test clock frozen: time moves only when a test moves it, never with the wall clock).
// Expected instants are computed here from the contract's numbers, not read from the worker.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { generateToken } from "../../pkg/node.mjs";
import { Client, DAY, basic, freshWorker, signedIn, waitFor } from "./harness.mjs";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let worker;

before(async () => {
  worker = await freshWorker("boundaries", { config: "test/wrangler.scheduled.toml" });
});

after(async () => {
  await worker?.stop();
});

const iso = (ms) => new Date(ms).toISOString();

/** Runs `body(t0)` with the worker's clock frozen at `t0`, and lets it run again afterwards. */
async function frozen(body) {
  const t0 = await worker.freeze();
  try {
    await body(t0);
  } finally {
    await worker.freeze(false);
  }
}

const use = async (token) => (await fetch(`${worker.base}/fabrikam/_apis/projects`, { headers: { authorization: basic(token) } })).status;

test("validFrom == now is live, revokedAt == now is revoked, validTo == now is expired", async () => {
  await frozen(async (t0) => {
    const [alice] = await signedIn(worker, "alice");
    const live = await alice.createToken({ scope: "vso.project", validTo: iso(t0 + DAY) });
    assert.equal(live.body.patToken.validFrom, iso(t0));
    assert.equal(await use(live.token), 200, "live from validFrom exactly");
    assert.equal((await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${live.id}`)).status, 204);
    assert.equal(await use(live.token), 401, "revoked at revokedAt exactly");
    const brief = await alice.createToken({ scope: "vso.project", validTo: iso(t0 + MINUTE) });
    await worker.advance(MINUTE - 1);
    assert.equal(await use(brief.token), 200, "1 ms before validTo");
    await worker.advance(1);
    assert.equal(await use(brief.token), 401, "expired at validTo exactly");
    assert.equal((await alice.get(`/_apis/tokens/pats?authorizationId=${brief.id}`)).body.patToken.status, "expired");
  });
});

test("a grace period ends on its own, to the millisecond", async () => {
  await frozen(async (t0) => {
    const [alice] = await signedIn(worker, "alice");
    const t = await alice.createToken({ scope: "vso.project", validTo: iso(t0 + 30 * DAY) });
    const g = generateToken();
    const r = await alice.request("POST", `/_apis/tokens/pats/${t.id}/regenerate`, { digest: g.digest, hint: g.hint, graceMinutes: 1 });
    assert.deepEqual([r.status, r.body.patToken.graceUntil], [200, iso(t0 + MINUTE)]);
    await worker.advance(MINUTE - 1);
    assert.deepEqual([await use(t.token), await use(g.token)], [200, 200], "the old secret 1 ms before its grace ends");
    await worker.advance(1);
    assert.deepEqual([await use(t.token), await use(g.token)], [401, 200], "the old secret at its grace's end");
  });
});

test("lastUsedAt is written on use, then not again until more than five minutes have passed", async () => {
  await frozen(async (t0) => {
    const [alice] = await signedIn(worker, "alice");
    const t = await alice.createToken({ scope: "vso.project", validTo: iso(t0 + DAY) });
    const lastUsed = async () => (await alice.get(`/_apis/tokens/pats?authorizationId=${t.id}`)).body.patToken.lastUsedAt;
    assert.equal(await lastUsed(), null);
    // The write goes on after the response (ctx.waitUntil): a read waits for it to land.
    const written = (at, what) => waitFor(async () => (await lastUsed()) === iso(at), { what });
    assert.equal(await use(t.token), 200);
    await written(t0, "the first use written");
    await worker.advance(5 * MINUTE);
    assert.equal(await use(t.token), 200);
    assert.equal(await lastUsed(), iso(t0), "five minutes exactly: not yet");
    await worker.advance(1);
    assert.equal(await use(t.token), 200);
    // Had the use at five minutes exactly been written, this one would not be (it would be within
    // five minutes of that), and this wait would fail.
    await written(t0 + 5 * MINUTE + 1, "five minutes and 1 ms: written");
  });
});

test("the sign-in lock: five failures lock a name at an address for exactly 15 minutes from the first", async () => {
  await frozen(async (t0) => {
    for (let i = 0; i < 5; i++) assert.equal((await new Client(worker).signIn("bob", "wrong")).status, 401);
    assert.equal((await new Client(worker).signIn("bob")).status, 429);
    const locks = () => worker.sql("SELECT subject, detail FROM audit WHERE action = 'signin.locked' ORDER BY id");
    assert.deepEqual(locks().at(-1), { subject: "bob", detail: JSON.stringify({ until: new Date(t0 + 15 * MINUTE).toISOString(), by: "address" }) }, "the lock is audited with its end and what it locked");
    const lockCount = locks().length;
    for (let i = 0; i < 5; i++) assert.equal((await new Client(worker).signIn("made-up", "wrong")).status, 401);
    assert.equal((await new Client(worker).signIn("made-up", "wrong")).status, 429);
    assert.equal(locks().length, lockCount, "a made-up name's lock is not audited");
    await worker.advance(15 * MINUTE - 1);
    const locked = await new Client(worker).signIn("bob");
    assert.equal(locked.status, 429, "1 ms before the window ends");
    assert.equal(locked.headers.get("retry-after"), "1");
    await worker.advance(1);
    assert.equal((await new Client(worker).signIn("bob")).status, 200, "the window ends 15 minutes after the first failure");
    assert.equal(worker.now(), t0 + 15 * MINUTE);
  });
});

test("the expiry notice: within 7 days of validTo inclusive, none once expired, again after regeneration", async () => {
  await frozen(async (t0) => {
    const [bob] = await signedIn(worker, "bob");
    const kinds = (id) => worker.sql(`SELECT kind FROM notifications WHERE token_id = '${id}' ORDER BY id`).map((r) => r.kind);
    const edge = await bob.createToken({ displayName: "edge", scope: "vso.project", organization: "contoso", validTo: iso(t0 + 7 * DAY) });
    const beyond = await bob.createToken({ displayName: "beyond", scope: "vso.project", organization: "contoso", validTo: iso(t0 + 7 * DAY + 1) });
    const ending = await bob.createToken({ displayName: "ending", scope: "vso.project", organization: "contoso", validTo: iso(t0 + 1) });
    await worker.advance(1); // `ending` is expired at its validTo exactly; `beyond` is now 7 days away exactly
    await worker.cron();
    assert.deepEqual([kinds(edge.id), kinds(beyond.id), kinds(ending.id)], [["created", "expiring"], ["created", "expiring"], ["created"]]);
    await worker.cron();
    assert.deepEqual(kinds(edge.id), ["created", "expiring"], "once per validTo, however often the scan runs");
    // Regenerating opens a new cycle: its new end, when near, is noticed again.
    const g = generateToken();
    const r = await bob.request("POST", `/_apis/tokens/pats/${edge.id}/regenerate`, { digest: g.digest, hint: g.hint, validTo: iso(t0 + 1 + 6 * DAY) });
    assert.equal(r.status, 200);
    await worker.cron();
    assert.deepEqual(kinds(edge.id).filter((k) => k === "expiring").length, 2);
    const late = await bob.createToken({ displayName: "late", scope: "vso.project", organization: "contoso", validTo: iso(t0 + 1 + 7 * DAY + 1) });
    await worker.cron();
    assert.deepEqual(kinds(late.id), ["created"], "7 days and 1 ms away: not yet");
  });
});

test("every sort order, both ways, pages through the owner's and the administrator's lists alike", async () => {
  await frozen(async (t0) => {
    // The administrator's own tokens: no other test here makes any.
    const [admin] = await signedIn(worker, "admin");
    // Six tokens with distinct names (case mixed), creation times, ends and statuses.
    const made = [];
    const spec = [["Kilo", 9], ["alpha", 3], ["echo", 20], ["Bravo", 1], ["delta", 14], ["charlie", 6]];
    for (const [name, hours] of spec) {
      const t = await admin.createToken({ displayName: name, scope: "vso.project", validTo: iso(worker.now() + hours * HOUR) });
      assert.equal(t.status, 201);
      made.push({ id: t.id, name, created: worker.now(), validTo: worker.now() + hours * HOUR });
      await worker.advance(1000);
    }
    assert.equal((await admin.request("DELETE", `/_apis/tokens/pats?authorizationId=${made[2].id}`)).status, 204);
    made[2].revoked = worker.now();
    await worker.advance(2 * HOUR); // Bravo (1 hour) is now expired
    const now = worker.now();
    const status = (t) => (t.revoked !== undefined && t.revoked <= now ? 2 : t.validTo <= now ? 1 : 0);
    // The expected orders, computed here: ties broken by id, as the API's keyset paging does.
    const keys = {
      displayName: (t) => t.name.toLowerCase(),
      displayDate: (t) => t.created,
      validTo: (t) => t.validTo,
      status,
    };
    const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const expected = (sort, ascending) => {
      const sign = ascending ? 1 : -1;
      return [...made].sort((a, b) => {
        const x = keys[sort](a), y = keys[sort](b);
        return x < y ? -sign : x > y ? sign : sign * byId(a, b);
      }).map((t) => t.name);
    };
    const walk = async (client, path, field) => {
      const seen = [];
      let continuation = "";
      for (let page = 0; page < 10; page++) {
        const r = await client.get(`${path}&$top=2${continuation ? `&continuationToken=${continuation}` : ""}`);
        assert.equal(r.status, 200, path);
        assert.ok(r.body[field].length <= 2);
        seen.push(...r.body[field].map((t) => t.displayName));
        continuation = r.body.continuationToken;
        if (!continuation) break;
      }
      return seen;
    };
    for (const sort of Object.keys(keys)) {
      for (const ascending of [true, false]) {
        const query = `displayFilterOption=all&sortByOption=${sort}&isSortAscending=${ascending}`;
        const want = expected(sort, ascending);
        assert.deepEqual(await walk(admin, `/_apis/tokens/pats?${query}`, "patTokens"), want, `owner, ${sort} ${ascending ? "ascending" : "descending"}`);
        assert.deepEqual(await walk(admin, `/_apis/tokenadmin/personalaccesstokens/admin?${query}`, "value"), want, `admin, ${sort} ${ascending ? "ascending" : "descending"}`);
      }
    }
    assert.equal(now, t0 + 6000 + 2 * HOUR);
  });
});

test("a session ends on the server exactly 8 hours after sign-in, whatever the cookie's Max-Age", async () => {
  await frozen(async () => {
    const alice = new Client(worker);
    assert.equal((await alice.signIn("alice")).status, 200);
    await worker.advance(8 * 3600_000 - 1);
    assert.equal((await alice.get("/_apis/session")).status, 200, "1 ms before its end");
    await worker.advance(1);
    const ended = await alice.get("/_apis/session");
    assert.equal(ended.status, 401, "at its end: the server no longer knows it");
    assert.equal(ended.body.error, "not_signed_in");
  });
});
