// The portal's calendar rule (www/public/time.js) at fixed instants: every hour of a day in
// three time zones, a month end, a year end and four daylight-saving changes. Expected values
// come from elsewhere: Python's zoneinfo (the system's tz database) for the tables, and dates
// written out by hand for the named cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { addDays, calendarDate, calendarDays, dateText, dueText, endOfDay, localTimeZone, sinceText, timeText, whenText } from "../../www/public/time.js";

const HOUR = 3_600_000;
const at = (iso) => Date.parse(iso);

/** The words a person reads for a number of calendar days, written out. */
function words(days) {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 1 ? `in ${days} days` : `${-days} days ago`;
}

/**
 * Asks Python's zoneinfo. `days`: [fromMs, toMs, zone] → calendar days between the local dates;
 * `dates`: [ms, zone, k] → the local date of ms plus k days; `ends`: [date, zone] → 23:59:59 of
 * that date in that zone, in ms.
 */
function python(query) {
  const script = `
import json, sys
from datetime import datetime, date, time, timedelta, timezone
from zoneinfo import ZoneInfo
q = json.load(sys.stdin)
local = lambda ms, z: datetime.fromtimestamp(ms / 1000, timezone.utc).astimezone(ZoneInfo(z)).date()
print(json.dumps({
  "days": [(local(b, z) - local(a, z)).days for a, b, z in q.get("days", [])],
  "dates": [(local(ms, z) + timedelta(days=k)).isoformat() for ms, z, k in q.get("dates", [])],
  "ends": [round(datetime.combine(date.fromisoformat(d), time(23, 59, 59), ZoneInfo(z)).timestamp() * 1000) for d, z in q.get("ends", [])],
}))`;
  return JSON.parse(execFileSync("python3", ["-c", script], { input: JSON.stringify(query), encoding: "utf8" }));
}

// Expiries and past events around `now`, in hours: both sides of every midnight nearby.
const OFFSETS = [-30 * 24, -72, -49, -48, -47, -25, -24, -23, -12, -1, 0, 1, 12, 23, 24, 25, 47, 48, 49, 71, 72, 73, 7 * 24, 30 * 24, 90 * 24];

/**
 * For each instant and zone: today's date, the date 3 days ahead and its end agree with Python,
 * that end reads "in 3 days", and every offset reads Python's number of calendar days.
 */
function checkInstants(instants, zones) {
  const cases = instants.flatMap((now) => zones.map((zone) => ({ now, zone })));
  const expected = python({
    dates: cases.flatMap(({ now, zone }) => [[now, zone, 0], [now, zone, 3]]),
    days: cases.flatMap(({ now, zone }) => OFFSETS.map((h) => [now, now + h * HOUR, zone])),
  });
  const ends = python({ ends: cases.map((_, i) => [expected.dates[2 * i + 1], cases[i].zone]) }).ends;
  cases.forEach(({ now, zone }, i) => {
    const where = `${new Date(now).toISOString()} in ${zone}`;
    const today = expected.dates[2 * i];
    const ahead = expected.dates[2 * i + 1];
    assert.equal(calendarDate(now, zone), today, where);
    assert.equal(addDays(today, 3), ahead, where);
    assert.equal(endOfDay(ahead, zone), ends[i], `end of ${ahead}, ${where}`);
    assert.equal(dueText(endOfDay(ahead, zone), now, zone), "in 3 days", where);
    assert.equal(dateText(endOfDay(ahead, zone), zone), dateText(Date.parse(`${ahead}T12:00:00Z`), "UTC"), `the date picked is the date shown, ${where}`);
    OFFSETS.forEach((h, j) => {
      const days = expected.days[i * OFFSETS.length + j];
      assert.equal(calendarDays(now, now + h * HOUR, zone), days, `${h} h after ${where}`);
      assert.equal(dueText(now + h * HOUR, now, zone), words(days), `${h} h after ${where}`);
    });
  });
}

const everyHour = (day) => Array.from({ length: 24 }, (_, h) => at(`${day}T00:00:00Z`) + h * HOUR);

test("every hour of a day, in UTC, New York and Kolkata: a date 3 days ahead reads 'in 3 days'", () => {
  const instants = [...everyHour("2026-11-27"), ...everyHour("2026-11-27").map((t) => t + 30 * 60_000)];
  checkInstants(instants, ["UTC", "America/New_York", "Asia/Kolkata"]);
});

test("a month end: 2026-11-30T23:30Z", () => {
  const now = at("2026-11-30T23:30:00Z");
  // Hand table: the viewer's today, the end of 2026-12-03 there, and how it reads.
  const table = [
    ["UTC", "2026-11-30", "2026-12-03T23:59:59Z", "in 3 days"],
    ["America/New_York", "2026-11-30", "2026-12-04T04:59:59Z", "in 3 days"],
    ["Asia/Kolkata", "2026-12-01", "2026-12-03T18:29:59Z", "in 2 days"],
  ];
  for (const [zone, today, end, text] of table) {
    assert.equal(calendarDate(now, zone), today, zone);
    assert.equal(endOfDay("2026-12-03", zone), at(end), zone);
    assert.equal(dueText(at(end), now, zone), text, zone);
    assert.equal(dateText(at(end), zone), "Dec 3, 2026", zone);
  }
  assert.equal(addDays("2026-11-30", 3), "2026-12-03");
  assert.equal(addDays("2026-12-03", -3), "2026-11-30");
  checkInstants(everyHour("2026-11-30"), ["UTC", "America/New_York", "Asia/Kolkata"]);
});

test("a year end: 2026-12-31T23:30Z", () => {
  const now = at("2026-12-31T23:30:00Z");
  assert.equal(addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(addDays("2026-12-31", 3), "2027-01-03");
  assert.equal(calendarDate(now, "UTC"), "2026-12-31");
  assert.equal(calendarDate(now, "Asia/Kolkata"), "2027-01-01");
  assert.equal(dueText(endOfDay("2027-01-01", "UTC"), now, "UTC"), "tomorrow");
  assert.equal(dueText(endOfDay("2027-01-03", "UTC"), now, "UTC"), "in 3 days");
  assert.equal(endOfDay("2027-01-01", "Asia/Kolkata"), at("2027-01-01T18:29:59Z"));
  assert.equal(dueText(endOfDay("2027-01-01", "Asia/Kolkata"), now, "Asia/Kolkata"), "today");
  assert.equal(dueText(at("2026-12-30T12:00:00Z"), now, "UTC"), "yesterday");
  assert.equal(dueText(at("2026-12-29T12:00:00Z"), now, "UTC"), "2 days ago");
  checkInstants(everyHour("2026-12-31"), ["UTC", "America/New_York", "Asia/Kolkata"]);
});

test("leap days and impossible dates", () => {
  assert.equal(addDays("2028-02-28", 1), "2028-02-29");
  assert.equal(addDays("2026-02-28", 1), "2026-03-01");
  assert.ok(Number.isNaN(endOfDay("2026-02-30", "UTC")));
  assert.ok(Number.isNaN(endOfDay("", "UTC")));
  assert.ok(Number.isNaN(endOfDay("3 Dec 2026", "UTC")));
  assert.throws(() => addDays("2026-13-01", 1), RangeError);
});

test("daylight-saving changes: New York 2026-03-08 and 2026-11-01, Berlin 2026-03-29 and 2026-10-25", () => {
  // Hand table: the last second of each day around the changes, in UTC.
  const ends = [
    ["2026-03-07", "America/New_York", "2026-03-08T04:59:59Z"], // EST, UTC−5
    ["2026-03-08", "America/New_York", "2026-03-09T03:59:59Z"], // EDT from 02:00, UTC−4
    ["2026-10-31", "America/New_York", "2026-11-01T03:59:59Z"], // EDT
    ["2026-11-01", "America/New_York", "2026-11-02T04:59:59Z"], // EST from 02:00 (back to 01:00)
    ["2026-03-28", "Europe/Berlin", "2026-03-28T22:59:59Z"], // CET, UTC+1
    ["2026-03-29", "Europe/Berlin", "2026-03-29T21:59:59Z"], // CEST from 02:00, UTC+2
    ["2026-10-24", "Europe/Berlin", "2026-10-24T21:59:59Z"], // CEST
    ["2026-10-25", "Europe/Berlin", "2026-10-25T22:59:59Z"], // CET from 03:00 (back to 02:00)
  ];
  for (const [date, zone, end] of ends) {
    assert.equal(endOfDay(date, zone), at(end), `${date} in ${zone}`);
    assert.equal(calendarDate(at(end), zone), date, `${date} in ${zone}`);
  }
  // Just before and after each change, the day's count does not move with the clock.
  assert.equal(dueText(endOfDay("2026-03-11", "America/New_York"), at("2026-03-08T06:59:00Z"), "America/New_York"), "in 3 days"); // 01:59 EST
  assert.equal(dueText(endOfDay("2026-03-11", "America/New_York"), at("2026-03-08T07:00:00Z"), "America/New_York"), "in 3 days"); // 03:00 EDT
  assert.equal(dueText(endOfDay("2026-03-29", "Europe/Berlin"), at("2026-03-28T23:30:00Z"), "Europe/Berlin"), "today"); // 00:30 CET
  assert.equal(dueText(endOfDay("2026-10-25", "Europe/Berlin"), at("2026-10-24T21:30:00Z"), "Europe/Berlin"), "tomorrow"); // 23:30 CEST on the 24th
  assert.equal(dueText(endOfDay("2026-10-25", "Europe/Berlin"), at("2026-10-25T00:30:00Z"), "Europe/Berlin"), "today"); // 02:30 CEST, before the change
  assert.equal(dueText(endOfDay("2026-10-25", "Europe/Berlin"), at("2026-10-25T01:30:00Z"), "Europe/Berlin"), "today"); // 02:30 CET, after it
  const around = (day) => Array.from({ length: 48 }, (_, h) => at(`${day}T12:00:00Z`) - 24 * HOUR + h * HOUR);
  checkInstants([...around("2026-03-08"), ...around("2026-11-01")], ["America/New_York"]);
  checkInstants([...around("2026-03-29"), ...around("2026-10-25")], ["Europe/Berlin"]);
});

test("past events: minutes and hours while under a day old, then calendar days", () => {
  const now = at("2026-11-30T01:00:00Z");
  assert.equal(sinceText(null, now), "never");
  assert.equal(sinceText(now - 20_000, now), "this minute");
  assert.equal(sinceText(now - 5 * 60_000, now), "5 minutes ago");
  assert.equal(sinceText(now - 3 * HOUR, now), "3 hours ago");
  assert.equal(sinceText(now - 23 * HOUR, now), "23 hours ago");
  assert.equal(sinceText(at("2026-11-28T23:00:00Z"), now, "UTC"), "2 days ago"); // 26 hours, two midnights
  assert.equal(sinceText(at("2026-11-28T23:00:00Z"), now, "America/New_York"), "yesterday"); // 18:00 on the 28th; now 20:00 on the 29th
});

test("without a time zone, the local one (the browser's; here the process's TZ)", () => {
  const now = at("2026-11-30T23:30:00Z");
  const end = endOfDay("2026-12-03", localTimeZone());
  assert.equal(dueText(end, now), dueText(end, now, localTimeZone()));
  const code = `import { dueText, endOfDay, calendarDate } from ${JSON.stringify(new URL("../../www/public/time.js", import.meta.url).href)};
const now = Date.parse("2026-11-30T23:30:00Z");
console.log(JSON.stringify([calendarDate(now), dueText(endOfDay("2026-12-03"), now)]));`;
  for (const [zone, expected] of [["UTC", ["2026-11-30", "in 3 days"]], ["Asia/Kolkata", ["2026-12-01", "in 2 days"]], ["America/New_York", ["2026-11-30", "in 3 days"]]]) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { env: { ...process.env, TZ: zone }, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), expected, zone);
  }
});

test("every time shown names its zone: the same instant in UTC, Berlin (winter and summer) and Kolkata", () => {
  assert.equal(whenText(at("2026-12-07T22:13:05Z"), "UTC"), "Dec 7, 2026 10:13:05 PM UTC");
  assert.equal(whenText(at("2026-12-07T22:13:05Z"), "Europe/Berlin"), "Dec 7, 2026 11:13:05 PM GMT+1");
  assert.equal(timeText(at("2026-07-07T22:13:05Z"), "Europe/Berlin"), "12:13:05 AM GMT+2");
  assert.equal(whenText(at("2026-12-07T22:13:05Z"), "Asia/Kolkata"), "Dec 8, 2026 3:43:05 AM GMT+5:30");
  assert.equal(whenText(null, "UTC"), "—");
});
