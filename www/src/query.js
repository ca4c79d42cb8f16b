// The list routes' query options (Azure DevOps' names), parsed strictly: each option is looked
// up among its own allowed values only (never an object's prototype), and every scan is linear.
import { HttpError } from "./http.js";
import { LIMITS } from "./settings.js";
import { LIST_FILTERS, LIST_SORTS } from "./stores/index.js";

/** `value` as one of `allowed`, compared without case (clients send `Active`, `True`), or undefined. */
function oneOf(value, allowed) {
  if (value.length > 32) return undefined;
  const lower = value.toLowerCase();
  return allowed.find((a) => a.toLowerCase() === lower);
}

/** A page size `$top`: 1 to `max`, `max` when absent (400 otherwise). */
function topOf(text, max) {
  const top = text === null ? max : /^[0-9]{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(top >= 1 && top <= max)) throw new HttpError(400, "invalid_field", `$top must be 1 to ${max}`, { field: "$top" });
  return top;
}

/**
 * Azure DevOps' list query options, looked up as own names only (never a prototype's), with its
 * defaults: active tokens by display name, ascending, 100 a page.
 */
export function listQuery(url) {
  const q = url.searchParams;
  const filter = oneOf(q.get("displayFilterOption") ?? "active", LIST_FILTERS);
  if (!filter) throw new HttpError(400, "invalid_field", "displayFilterOption must be active, revoked, expired or all", { field: "displayFilterOption" });
  const sort = oneOf(q.get("sortByOption") ?? "displayName", LIST_SORTS);
  if (!sort) throw new HttpError(400, "invalid_field", "sortByOption must be displayName, displayDate, validTo or status", { field: "sortByOption" });
  const top = topOf(q.get("$top") ?? q.get("pageSize"), LIMITS.pageMax);
  const continuation = q.get("continuationToken");
  let after = null;
  if (continuation) {
    if (!GUID.test(continuation)) throw new HttpError(400, "invalid_field", "continuationToken is not one this API returned", { field: "continuationToken" });
    after = continuation.toLowerCase();
  }
  return { filter, sort, ascending: booleanOption(url, "isSortAscending", true), top, after };
}

/** A true/false query option (`True` too), or `fallback` when absent; 400 otherwise. */
export function booleanOption(url, name, fallback) {
  const text = url.searchParams.get(name);
  if (text === null) return fallback;
  const value = oneOf(text, ["true", "false"]);
  if (!value) throw new HttpError(400, "invalid_field", `${name} must be true or false`, { field: name });
  return value === "true";
}

// A continuation token is the id of the last token of the page before (a GUID, as the token
// administration spec wants it): the next page starts after it (keyset paging).
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The next page's continuation token, or the spec's "no more" (`""` for PATs, null for admins). */
export function continuationToken(next, { guid = false } = {}) {
  if (next === null) return guid ? null : "";
  return next;
}

/** What each audit filter may be: an action's name, a user's id, a token's id. */
const AUDIT_FILTER_FORMS = {
  action: [/^[a-z][A-Za-z.]{0,63}$/, "an action's name (token.create, signin.failed, …)"],
  actor: [/^[a-z0-9_-]{1,64}$/, "a user's id"],
  subject: [/^[a-z0-9_-]{1,64}$/, "a user's id"],
  authorizationId: [GUID, "a token's authorizationId"],
};

/**
 * The audit log's page options: `$top` 1–200 (default 200), `continuationToken` an entry id,
 * and the filters (`action`, `actor`, `subject`, `authorizationId`), each an exact value.
 */
export function auditQuery(url) {
  const q = url.searchParams;
  const top = topOf(q.get("$top"), 200);
  const continuation = q.get("continuationToken");
  if (continuation !== null && !/^[1-9][0-9]{0,15}$/.test(continuation)) {
    throw new HttpError(400, "invalid_field", "continuationToken is not one this API returned", { field: "continuationToken" });
  }
  const filters = {};
  for (const [name, [form, what]] of Object.entries(AUDIT_FILTER_FORMS)) {
    const value = q.get(name);
    if (value === null || value === "") continue;
    if (!form.test(value)) throw new HttpError(400, "invalid_field", `${name} must be ${what}`, { field: name });
    filters[name] = name === "authorizationId" ? value.toLowerCase() : value;
  }
  return { top, before: continuation === null ? null : Number(continuation), filters };
}
