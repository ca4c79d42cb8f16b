// Dates as a person reads them. An expiry is "today", "tomorrow", "in 3 days": the number of
// calendar days between today's date and the expiry's date in the viewer's time zone, whatever
// the hour. Only past events ("last used") are told in minutes and hours, while under a day old.
//
// Pure: the clock (`now`, milliseconds since the epoch) is always an argument, and the time zone
// an optional IANA name (default: the browser's). No DOM, so Node can import it for the tests.

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const formatters = new Map();

// Milliseconds in an hour and in a day of UTC, which has no daylight-saving changes: the day
// numbers below are dates counted in UTC, never lengths of a local day.
const HOUR = 3_600_000;
const UTC_DAY = 86_400_000;

function fieldsFormatter(timeZone) {
  const key = timeZone ?? "";
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23",
    });
    formatters.set(key, f);
  }
  return f;
}

/** The wall-clock fields of the instant `ms` in `timeZone`. */
function wallClock(ms, timeZone) {
  const out = {};
  for (const p of fieldsFormatter(timeZone).formatToParts(ms)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** Days from 1970-01-01 to the calendar date `y-m-d` (proleptic Gregorian). */
const dayNumber = (y, m, d) => Date.UTC(y, m - 1, d) / UTC_DAY;

const pad = (n, width = 2) => String(n).padStart(width, "0");

function parseDate(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? "");
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Refuses dates that do not exist (2026-02-30, 2026-13-01), which Date.UTC would roll over.
  const check = new Date(dayNumber(y, mo, d) * UTC_DAY);
  return check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? { y, mo, d } : null;
}

/** The browser's (or Node's) time zone. */
export const localTimeZone = () => new Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The calendar date of the instant `ms` in `timeZone`, as `YYYY-MM-DD` (a date input's value). */
export function calendarDate(ms, timeZone) {
  const w = wallClock(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** `date` (`YYYY-MM-DD`) moved by `days` calendar days. */
export function addDays(date, days) {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  const d = new Date((dayNumber(p.y, p.mo, p.d) + days) * UTC_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Calendar days from the date of `from` to the date of `to`, both read in `timeZone`. */
export function calendarDays(from, to, timeZone) {
  const a = wallClock(from, timeZone);
  const b = wallClock(to, timeZone);
  return dayNumber(b.year, b.month, b.day) - dayNumber(a.year, a.month, a.day);
}

/** How far `ms`'s wall clock in `timeZone` is ahead of UTC at that instant. */
function offsetAt(ms, timeZone) {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The last second of the calendar day `date` (`YYYY-MM-DD`) in `timeZone`: 23:59:59 on that
 * day's wall clock, as milliseconds since the epoch; NaN for anything but a real date.
 */
export function endOfDay(date, timeZone) {
  const p = parseDate(date);
  if (!p) return NaN;
  const wall = Date.UTC(p.y, p.mo - 1, p.d, 23, 59, 59);
  // The offset at a guess one offset away, then at the answer itself: right across a change
  // of offset, since 23:59:59 is never inside a daylight-saving jump.
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}

/** An expiry (or any date) relative to now: "today", "tomorrow", "in 3 days", "yesterday", "3 days ago". */
export function dueText(ms, now, timeZone) {
  return relative.format(calendarDays(now, ms, timeZone), "day");
}

/**
 * A past event relative to now: "5 minutes ago", "3 hours ago" while under a day old, then in
 * calendar days like `dueText` ("yesterday", "4 days ago"); "never" for none.
 */
export function sinceText(ms, now, timeZone) {
  if (ms == null || Number.isNaN(ms)) return "never";
  const diff = ms - now;
  if (Math.abs(diff) < HOUR) return relative.format(Math.round(diff / 60_000), "minute");
  if (Math.abs(diff) < 24 * HOUR) return relative.format(Math.round(diff / HOUR), "hour");
  return dueText(ms, now, timeZone);
}

/** "Dec 3, 2026": the date of `ms` in `timeZone`; "—" for none. */
export function dateText(ms, timeZone) {
  if (ms == null || Number.isNaN(ms)) return "—";
  return new Date(ms).toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric", timeZone });
}

/** "3:04:05 PM UTC": the time of day of `ms` in `timeZone`, the zone named. */
export function timeText(ms, timeZone) {
  return new Date(ms).toLocaleTimeString("en", { timeZone, timeZoneName: "short" });
}

/** "Dec 3, 2026 3:04:05 PM UTC": the instant `ms` in `timeZone`, the zone named; "—" for none. */
export function whenText(ms, timeZone) {
  if (ms == null || Number.isNaN(ms)) return "—";
  return `${dateText(ms, timeZone)} ${timeText(ms, timeZone)}`;
}

/** Milliseconds since the epoch for an ISO date-time from the API; null for none. */
export const instant = (iso) => (iso ? Date.parse(iso) : null);
