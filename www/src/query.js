// The list routes' query options (Azure DevOps' names), parsed strictly: each option is looked
// up among its own allowed values only (never an object's prototype), and every scan is linear.
import { HttpError } from "./http.js";
import { LIMITS } from "./settings.js";
import { LIST_FILTERS, LIST_SORTS } from "./store.js";

/** `value` as one of `allowed`, compared without case (clients send `Active`, `True`), or undefined. */
function oneOf(value, allowed) {
  if (value.length > 32) return undefined;
  const lower = value.toLowerCase();
  return allowed.find((a) => a.toLowerCase() === lower);
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
  const ascendingText = oneOf(q.get("isSortAscending") ?? "true", ["true", "false"]);
  if (!ascendingText) throw new HttpError(400, "invalid_field", "isSortAscending must be true or false", { field: "isSortAscending" });
  const topText = q.get("$top") ?? q.get("pageSize");
  const top = topText === null ? LIMITS.pageMax : /^[0-9]{1,3}$/.test(topText) ? Number(topText) : NaN;
  if (!(top >= 1 && top <= LIMITS.pageMax)) throw new HttpError(400, "invalid_field", `$top must be 1 to ${LIMITS.pageMax}`, { field: "$top" });
  const continuation = q.get("continuationToken");
  let offset = 0;
  if (continuation) {
    const guid = GUID_TOKEN.exec(continuation);
    if (!guid && !/^[0-9a-z]{1,6}$/.test(continuation)) throw new HttpError(400, "invalid_field", "continuationToken is not one this API returned", { field: "continuationToken" });
    offset = guid ? Number.parseInt(guid[1], 16) : Number.parseInt(continuation, 36);
  }
  return { filter, sort, ascending: ascendingText === "true", top, offset };
}

// The token administration API's continuation tokens are GUIDs (its spec says so): the offset
// of the next page in the last twelve hex digits.
const GUID_TOKEN = /^00000000-0000-4000-8000-([0-9a-f]{12})$/;

/** The next page's continuation token, or the spec's "no more" (`""` for PATs, null for admins). */
export function continuationToken(next, { guid = false } = {}) {
  if (next === null) return guid ? null : "";
  return guid ? `00000000-0000-4000-8000-${next.toString(16).padStart(12, "0")}` : next.toString(36);
}

