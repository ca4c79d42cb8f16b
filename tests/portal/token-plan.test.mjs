// The token form's verdict (www/public/token-plan.js) against the core the worker runs: what the
// portal sends is what the server's Policy accepts, what it refuses the server refuses for the
// same field, and a custom date is the end of that day in the viewer's time zone, capped at the
// policy's maximum. Runs the browser build the portal ships (www/public/pkg, from
// scripts/build-www.sh), initialised from its .wasm bytes.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as server from "../../pkg/node.mjs";

const shipped = new URL("../../www/public/pkg/", import.meta.url);
let plan;
before(async () => {
  const core = await import(new URL("browser.js", shipped));
  await core.init(readFileSync(new URL("patgate_bg.wasm", shipped)));
  plan = await import("../../www/public/token-plan.js");
});

const at = (iso) => Date.parse(iso);
const NOW = at("2026-11-30T23:30:00Z");
const OPEN = { maxLifespanDays: 365, restrictFullAccess: false };
const form = (over = {}) => ({ name: "ci", full: false, scopes: ["vso.build"], lifespan: "30", date: "", organization: "fabrikam", ...over });

/** The worker's verdict on the body the portal would send, a little later (the request's trip). */
function serverVerdict(policy, body, now = NOW + 250) {
  const p = new server.Policy(policy.maxLifespanDays, policy.restrictFullAccess);
  try {
    return p.create(now, body.scope, Date.parse(body.validTo), body.allOrgs ? null : body.organization);
  } finally {
    p.free();
  }
}

test("presets: validTo is the lifespan in whole days from now, and the server accepts it", () => {
  // Hand table (Python's datetime + timedelta(days=n) agrees): from 2026-11-30T23:30Z.
  const table = { 30: "2026-12-30T23:30:00.000Z", 60: "2027-01-29T23:30:00.000Z", 90: "2027-02-28T23:30:00.000Z" };
  for (const days of ["30", "60", "90"]) {
    const r = plan.planToken(form({ lifespan: days }), { policy: OPEN, now: NOW });
    assert.equal(r.ok, true);
    assert.equal(r.body.validTo, table[days]);
    assert.deepEqual(Object.keys(r.body).sort(), ["allOrgs", "displayName", "organization", "scope", "validTo"]);
    assert.equal(serverVerdict(OPEN, r.body).ok, true);
  }
  const all = plan.planToken(form({ organization: "*" }), { policy: OPEN, now: NOW });
  assert.equal(all.body.allOrgs, true);
  assert.equal("organization" in all.body, false);
});

test("a custom date is the end of that day in the viewer's time zone", () => {
  // Hand table at 2026-11-30T23:30Z: the date picked, the zone, the instant sent.
  const table = [
    ["2026-12-03", "UTC", "2026-12-03T23:59:59.000Z"],
    ["2026-12-03", "America/New_York", "2026-12-04T04:59:59.000Z"],
    ["2026-12-03", "Asia/Kolkata", "2026-12-03T18:29:59.000Z"],
    ["2027-03-14", "America/New_York", "2027-03-15T03:59:59.000Z"], // after the 2027 spring change
  ];
  for (const [date, timeZone, sent] of table) {
    const r = plan.planToken(form({ lifespan: "custom", date }), { policy: OPEN, now: NOW, timeZone });
    assert.equal(r.ok, true, timeZone);
    assert.equal(r.body.validTo, sent, `${date} in ${timeZone}`);
    assert.equal(serverVerdict(OPEN, r.body).ok, true);
  }
});

test("the picker's bounds: tomorrow to the policy's last day, in the viewer's zone", () => {
  assert.deepEqual(plan.dateBounds(OPEN, NOW, NOW, "UTC"), { min: "2026-12-01", max: "2027-11-30" });
  assert.deepEqual(plan.dateBounds(OPEN, NOW, NOW, "Asia/Kolkata"), { min: "2026-12-02", max: "2027-12-01" });
  assert.deepEqual(plan.dateBounds({ maxLifespanDays: 30, restrictFullAccess: false }, NOW, NOW, "America/New_York"), { min: "2026-12-01", max: "2026-12-30" });
  // 00:30 EDT on 2026-11-01, a 25-hour day: one day later is 23:30 EST the same day.
  const fallBack = at("2026-11-01T04:30:00Z");
  assert.deepEqual(plan.dateBounds({ maxLifespanDays: 1, restrictFullAccess: false }, fallBack, fallBack, "America/New_York"), { min: "2026-11-01", max: "2026-11-01" });
});

test("the picker's last day is allowed at every hour and in every zone; the day after is refused like the server refuses it", () => {
  const zones = ["UTC", "America/New_York", "Asia/Kolkata", "Europe/Berlin", "Pacific/Auckland"];
  for (const policy of [OPEN, { maxLifespanDays: 30, restrictFullAccess: false }, { maxLifespanDays: 1, restrictFullAccess: false }]) {
    for (let h = 0; h < 24; h++) {
      const now = at("2026-11-27T00:00:00Z") + h * 3_600_000 + 17 * 60_000;
      for (const timeZone of zones) {
        const { min, max } = plan.dateBounds(policy, now, now, timeZone);
        for (const date of [min, max]) {
          const r = plan.planToken(form({ lifespan: "custom", date }), { policy, now, timeZone });
          assert.equal(r.ok, true, `${date} in ${timeZone} at ${new Date(now).toISOString()}`);
          assert.equal(serverVerdict(policy, r.body, now + 250).ok, true);
        }
      }
    }
  }
  // The last day ends at the limit (23:30, not midnight); a later date is refused.
  const thirty = { maxLifespanDays: 30, restrictFullAccess: false };
  const last = plan.planToken(form({ lifespan: "custom", date: "2026-12-30" }), { policy: thirty, now: NOW, timeZone: "UTC" });
  assert.equal(last.body.validTo, "2026-12-30T23:30:00.000Z");
  const over = plan.planToken(form({ lifespan: "custom", date: "2026-12-31" }), { policy: thirty, now: NOW, timeZone: "UTC" });
  assert.deepEqual(over, { ok: false, problems: { validTo: "The policy allows at most 30 days (until Dec 30, 2026)." } });
});

test("refusals carry the server's field and the portal's words", () => {
  const thirty = { maxLifespanDays: 30, restrictFullAccess: true };
  const cases = [
    [form({ lifespan: "60" }), thirty, "UTC", { validTo: "The policy allows at most 30 days (until Dec 30, 2026)." }],
    [form({ lifespan: "60" }), thirty, "Asia/Kolkata", { validTo: "The policy allows at most 30 days (until Dec 31, 2026)." }],
    [form({ full: true }), thirty, "UTC", { scope: "Full access is restricted by policy: choose scopes." }],
    [form({ lifespan: "custom", date: "2026-11-29" }), OPEN, "UTC", { validTo: "The expiration date must be in the future." }],
    [form({ scopes: ["vso.nope"] }), OPEN, "UTC", { scope: "Scope 1 of the list is not in the Azure DevOps catalog." }],
  ];
  for (const [f, policy, timeZone, problems] of cases) {
    const r = plan.planToken(f, { policy, now: NOW, timeZone });
    assert.deepEqual(r, { ok: false, problems });
    // The server refuses the same request for the same field.
    const p = new server.Policy(policy.maxLifespanDays, policy.restrictFullAccess);
    const scope = f.full ? "app_token" : f.scopes.join(" ");
    const validTo = f.lifespan === "custom" ? Date.parse(`${f.date}T23:59:59Z`) : server.validToAfter(NOW, Number(f.lifespan));
    const verdict = p.create(NOW + 250, scope, validTo, f.organization === "*" ? null : f.organization);
    p.free();
    assert.equal(verdict.ok, false);
    assert.equal(verdict.field, Object.keys(problems)[0]);
  }
  // Today's date is still in the future until its last second.
  assert.equal(plan.planToken(form({ lifespan: "custom", date: "2026-11-30" }), { policy: OPEN, now: NOW, timeZone: "UTC" }).ok, true);
});

test("an incomplete form lists every missing part at once and asks the core nothing", () => {
  const r = plan.planToken(form({ name: "  ", scopes: [], lifespan: "custom", date: "" }), { policy: OPEN, now: NOW });
  assert.deepEqual(Object.keys(r.problems).sort(), ["displayName", "scope", "validTo"]);
  assert.match(r.problems.displayName, /Give the token a name/);
  assert.match(r.problems.scope, /Choose at least one scope/);
  assert.match(r.problems.validTo, /Pick an expiration date/);
});

test("an edit keeps the token's date unless another is picked, and follows the core's edit rules", () => {
  const editing = {
    authorizationId: "a", displayName: "ci", scope: "vso.build", validFrom: "2026-11-20T10:00:00.000Z", validTo: "2026-12-20T10:00:00.000Z", revokedAt: null,
  };
  const same = plan.planToken(form({ lifespan: "custom", date: "2026-12-20" }), { policy: OPEN, now: NOW, timeZone: "UTC", editing });
  assert.equal(same.ok, true);
  assert.equal("validTo" in same.body, false, "the date shown is the token's own: its validTo is kept");
  const moved = plan.planToken(form({ lifespan: "custom", date: "2026-12-24" }), { policy: OPEN, now: NOW, timeZone: "UTC", editing });
  assert.equal(moved.body.validTo, "2026-12-24T23:59:59.000Z");
  // The lifespan counts from the token's start: with 30 days, the 24th is too late.
  const thirty = { maxLifespanDays: 30, restrictFullAccess: false };
  assert.deepEqual(plan.dateBounds(thirty, Date.parse(editing.validFrom), NOW, "UTC"), { min: "2026-12-01", max: "2026-12-20" });
  assert.equal(plan.planToken(form({ lifespan: "custom", date: "2026-12-19" }), { policy: thirty, now: NOW, timeZone: "UTC", editing }).body.validTo, "2026-12-19T23:59:59.000Z");
  const late = plan.planToken(form({ lifespan: "custom", date: "2026-12-24" }), { policy: thirty, now: NOW, timeZone: "UTC", editing });
  assert.deepEqual(late, { ok: false, problems: { validTo: "The policy allows at most 30 days (until Dec 20, 2026)." } });
  const revoked = plan.planToken(form(), { policy: OPEN, now: NOW, timeZone: "UTC", editing: { ...editing, revokedAt: "2026-11-25T00:00:00.000Z" } });
  assert.equal(revoked.ok, false);
  assert.deepEqual(Object.keys(revoked.problems), ["authorizationId"]);
});
