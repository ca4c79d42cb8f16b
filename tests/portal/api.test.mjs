// The portal's API client (www/public/api.js) with a fake fetch: JSON in and out, the CSRF
// header, errors as ApiError, and a `patgate:signed-out` event (not a page change) on 401.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError, SIGNED_OUT, createApi } from "../../www/public/api.js";

function fake(status, body) {
  const calls = [];
  const fetch = async (path, init) => {
    calls.push({ path, ...init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  const events = new EventTarget();
  let signedOut = 0;
  events.addEventListener(SIGNED_OUT, () => signedOut++);
  return { calls, fetch, events, signedOut: () => signedOut };
}

test("JSON in and out, with the session's CSRF token", async () => {
  const f = fake(200, { revoked: 2 });
  const api = createApi({ fetch: f.fetch, events: f.events, csrf: () => "csrf-1" });
  assert.deepEqual(await api("POST", "/_apis/tokens/pats/revokeall", {}), { revoked: 2 });
  const [call] = f.calls;
  assert.equal(call.method, "POST");
  assert.equal(call.headers["x-csrf-token"], "csrf-1");
  assert.equal(call.headers["content-type"], "application/json");
  assert.equal(call.body, "{}");
  assert.equal(call.credentials, "same-origin");
});

test("no body, no content type; no session, no CSRF header; 204 is null", async () => {
  const f = fake(204);
  const api = createApi({ fetch: f.fetch, events: f.events });
  assert.equal(await api("DELETE", "/_apis/tokens/pats?authorizationId=x"), null);
  assert.equal(f.calls[0].body, undefined);
  assert.deepEqual(Object.keys(f.calls[0].headers), ["accept"]);
});

test("an error answer rejects with its status and body", async () => {
  const body = { patToken: null, patTokenError: "patLifespanPolicyViolation", message: "validTo is later than the maximum lifespan allows", field: "validTo" };
  const f = fake(400, body);
  const api = createApi({ fetch: f.fetch, events: f.events });
  const err = await api("POST", "/_apis/tokens/pats", {}).catch((e) => e);
  assert.ok(err instanceof ApiError);
  assert.equal(err.status, 400);
  assert.deepEqual(err.body, body);
  assert.equal(err.message, body.message);
  assert.equal(f.signedOut(), 0);
});

test("401 raises patgate:signed-out, except from the session route itself", async () => {
  const f = fake(401, { error: "not_signed_in", message: "sign in first" });
  const api = createApi({ fetch: f.fetch, events: f.events });
  await assert.rejects(api("GET", "/_apis/tokens/pats"), (e) => e.status === 401);
  assert.equal(f.signedOut(), 1);
  await assert.rejects(api("POST", "/_apis/session", { userName: "alice", password: "x" }), (e) => e.status === 401);
  await assert.rejects(api("GET", "/_apis/session"), (e) => e.status === 401);
  assert.equal(f.signedOut(), 1, "a wrong password or no session yet is an answer, not a lost session");
});

test("a body that is not JSON is an empty error body", async () => {
  const api = createApi({ fetch: async () => new Response("<html>", { status: 502 }), events: new EventTarget() });
  const err = await api("GET", "/_apis/notifications").catch((e) => e);
  assert.equal(err.status, 502);
  assert.deepEqual(err.body, {});
});

test("each answer's Patgate-Now, the worker's instant, goes to serverTime; an answer without one, or with a malformed one, tells nothing", async () => {
  const seen = [];
  const answer = (headers) => async () => new Response("{}", { status: 200, headers: { "content-type": "application/json", ...headers } });
  for (const [headers, expected] of [[{ "patgate-now": "1796083200123" }, [1796083200123]], [{}, []], [{ "patgate-now": "soon" }, []], [{ "patgate-now": "1.5" }, []]]) {
    seen.length = 0;
    const api = createApi({ fetch: answer(headers), events: new EventTarget(), serverTime: (at) => seen.push(at) });
    await api("GET", "/_apis/session");
    assert.deepEqual(seen, expected, JSON.stringify(headers));
  }
});
