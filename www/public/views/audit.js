// The administrator's audit log: every action recorded by the worker, newest first, a page at a
// time, with how long the deployment keeps entries. It never holds a token, digest or password.
import { $, h } from "../dom.js";
import { api, clock } from "../context.js";
import { pagedTable } from "../paged-table.js";
import { dateText, timeText } from "../time.js";

/** An entry's detail as `key: value` pairs (text, never markup: a leak report's URL stays text). */
function detailText(detail) {
  return Object.entries(detail ?? {})
    .map(([k, v]) => `${k}: ${v !== null && typeof v === "object" ? JSON.stringify(v) : v}`)
    .join(", ");
}

const table = pagedTable({
  table: $("audit-table"),
  more: $("audit-more"),
  empty: $("audit-empty"),
  async fetchPage(continuation) {
    const q = new URLSearchParams({ $top: "50" });
    if (continuation) q.set("continuationToken", continuation);
    const page = await api("GET", `/_apis/tokenadmin/audit?${q}`);
    $("audit-retention").textContent = `Entries are kept for ${page.retentionDays} days.`;
    return { items: page.value, continuation: page.continuationToken };
  },
  row: (a) => {
    const at = Date.parse(a.at);
    return h("tr", {},
      h("td", { "data-label": "When" }, h("time", { datetime: a.at }, `${dateText(at, clock.timeZone)} ${timeText(at, clock.timeZone)}`)),
      h("td", { "data-label": "Action" }, a.action),
      h("td", { "data-label": "By" }, a.actor ?? "patgate"),
      h("td", { "data-label": "Whose" }, a.subject ?? ""),
      h("td", { "data-label": "Token" }, a.authorizationId ?? ""),
      h("td", { "data-label": "Detail", class: "detail" }, detailText(a.detail)));
  },
});

/** Shows the first page of the audit log. */
export const loadAudit = () => table.reload();
