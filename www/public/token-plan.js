// What the new-token and edit forms send, and why not. The verdict is the core's `Policy`, the
// same code and inputs the worker uses, so the portal refuses exactly what the server would and
// only adds words a person reads; this module keeps no rule of its own. No DOM: Node tests it.
import { Policy, validToAfter } from "./pkg/browser.js";
import { addDays, calendarDate, dateText, endOfDay } from "./time.js";

/** The scope list the API uses for a full-access token. */
export const FULL_ACCESS = "app_token";

/** Calls `use` with the core's policy for the session's (`{ maxLifespanDays, restrictFullAccess, … }`). */
function withPolicy({ maxLifespanDays, restrictFullAccess, globalTokens = "allowed", organizations = [] }, use) {
  // The session's policy is already the one that applies to this user (allowlists applied; their
  // organizations' creation policies say whether they are on each one's allowlist).
  const policy = new Policy(maxLifespanDays, restrictFullAccess, { globalTokens, organizations });
  try {
    return use(policy);
  } finally {
    policy.free?.();
  }
}

/** A token as the core's Policy reads it, from the API's PatToken. */
const stored = (t) => ({
  validFrom: Date.parse(t.validFrom), validTo: Date.parse(t.validTo), revokedAt: t.revokedAt ? Date.parse(t.revokedAt) : null, scope: t.scope,
  organization: t.allOrgs ? null : t.organization,
});

/** When a token starting at `from` must end at the latest, under `policy`. */
export const latestValidTo = (policy, from) => withPolicy(policy, (p) => p.latestValidTo(from));

/**
 * The date picker's bounds (`YYYY-MM-DD`): tomorrow, and the last day the policy allows (today,
 * when a one-day lifespan meets a 25-hour day).
 */
export function dateBounds(policy, from, now, timeZone) {
  const tomorrow = addDays(calendarDate(now, timeZone), 1);
  const max = calendarDate(latestValidTo(policy, from), timeZone);
  return { min: tomorrow <= max ? tomorrow : max, max };
}

/**
 * `validTo` for a lifespan choice: a preset's days from now, or a custom date's end. A custom
 * date means the end of that calendar day in the viewer's time zone (`timeZone`), the same zone
 * the portal shows dates in, so the date picked is the date the list shows; the server receives
 * the instant. The picker's last day ends where the policy's maximum does, within that day;
 * a later date is left for the core to refuse. Undefined when an edit keeps the token's own
 * date; NaN when no date was picked.
 */
export function chosenValidTo({ lifespan, date }, { policy, now, timeZone, editing = null }) {
  if (lifespan !== "custom") return validToAfter(now, Number(lifespan));
  if (editing && date === calendarDate(Date.parse(editing.validTo), timeZone)) return undefined;
  if (!date) return NaN;
  const latest = latestValidTo(policy, editing ? Date.parse(editing.validFrom) : now);
  const end = endOfDay(date, timeZone);
  return date === calendarDate(latest, timeZone) ? Math.min(end, latest) : end;
}

/** The core's refusal in the portal's words, keyed by the request field it blames. */
function refusal(outcome, policy, timeZone) {
  const words = {
    fullScopePatPolicyViolation: "Full access is restricted by policy: choose scopes.",
    invalidValidTo: "The expiration date must be in the future.",
    patLifespanPolicyViolation: `The policy allows at most ${policy.maxLifespanDays} days (until ${dateText(outcome.latestValidTo, timeZone)}).`,
  }[outcome.error];
  const message = words ?? outcome.message.charAt(0).toUpperCase() + outcome.message.slice(1) + ".";
  return { [outcome.field]: message };
}

/**
 * Checks the form `{ name, full, scopes: [names], lifespan: "30"|…|"custom", date, organization:
 * name|"*" }` at `now` under the session's `policy`. Returns `{ ok: true, body }`, the request
 * body for a create (or, with `editing`, an update), or `{ ok: false, problems }`: a message
 * per request field (`displayName`, `scope`, `validTo`, …).
 */
export function planToken(form, { policy, now, timeZone, editing = null }) {
  const problems = {};
  const name = form.name.trim();
  if (!name) problems.displayName = "Give the token a name, such as the tool and machine that use it.";
  const scope = form.full ? FULL_ACCESS : form.scopes.join(" ");
  if (!scope) problems.scope = "Choose at least one scope, or Full access.";
  const validTo = chosenValidTo(form, { policy, now, timeZone, editing });
  if (Number.isNaN(validTo)) problems.validTo = "Pick an expiration date.";
  if (scope && !problems.validTo) {
    const organization = form.organization === "*" ? null : form.organization;
    const outcome = withPolicy(policy, (p) => (editing ? p.edit(now, stored(editing), scope, validTo, organization) : p.create(now, scope, validTo, organization)));
    if (!outcome.ok) Object.assign(problems, refusal(outcome, policy, timeZone));
  }
  if (Object.keys(problems).length) return { ok: false, problems };
  const body = { displayName: name, scope, ...(form.organization === "*" ? { allOrgs: true } : { organization: form.organization, allOrgs: false }) };
  if (validTo !== undefined) body.validTo = new Date(validTo).toISOString();
  return { ok: true, body };
}
