// The list routes' query options (Azure DevOps' names), parsed strictly: each option is looked
// up among its own allowed values only (never an object's prototype), and every scan is linear.
import { HttpError } from "./http.js";
import { LIMITS } from "./settings.js";
import { LIST_FILTERS, LIST_SORTS } from "./store.js";

/** Azure DevOps' list query options, looked up as own names only (never a prototype's). */
export function listQuery(url) {
  const q = url.searchParams;
  const filter = q.get("displayFilterOption") ?? "active";
  if (!LIST_FILTERS.includes(filter)) throw new HttpError(400, "invalid_field", "displayFilterOption must be active, revoked, expired or all", { field: "displayFilterOption" });
  const sort = q.get("sortByOption") ?? "displayDate";
  if (!LIST_SORTS.includes(sort)) throw new HttpError(400, "invalid_field", "sortByOption must be displayName, displayDate or validTo", { field: "sortByOption" });
  const ascendingText = q.get("isSortAscending") ?? "false";
  if (ascendingText !== "true" && ascendingText !== "false") throw new HttpError(400, "invalid_field", "isSortAscending must be true or false", { field: "isSortAscending" });
  const topText = q.get("$top");
  const top = topText === null ? LIMITS.pageMax : /^[0-9]{1,3}$/.test(topText) ? Number(topText) : NaN;
  if (!(top >= 1 && top <= LIMITS.pageMax)) throw new HttpError(400, "invalid_field", `$top must be 1 to ${LIMITS.pageMax}`, { field: "$top" });
  const continuation = q.get("continuationToken");
  let offset = 0;
  if (continuation) {
    if (!/^[0-9a-z]{1,6}$/.test(continuation)) throw new HttpError(400, "invalid_field", "continuationToken is not one this API returned", { field: "continuationToken" });
    offset = Number.parseInt(continuation, 36);
  }
  return { filter, sort, ascending: ascendingText === "true", top, offset };
}

