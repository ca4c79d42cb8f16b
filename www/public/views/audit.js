// The administrator's audit log: every action recorded by the worker, newest first, a page at a
// time, with how long the deployment keeps entries, narrowed by action, by who acted, by whose
// account or token it was, and by token. It never holds a token, digest or password.
import { $, h } from "../dom.js";
import { ApiError } from "../api.js";
import { api, clock } from "../context.js";
import { pagedTable } from "../paged-table.js";
import { dateText, timeText } from "../time.js";

/** The filter fields and the query option each sets (the API checks their values). */
const FILTERS = { "audit-action": "action", "audit-actor": "actor", "audit-subject": "subject", "audit-token": "authorizationId" };

/** An entry's detail as `key: value` pairs (text, never markup: a leak report's URL stays text). */
function detailText(detail) {
  return Object.entries(detail ?? {})
    .map(([k, v]) => `${k}: ${v !== null && typeof v === "object" ? JSON.stringify(v) : v}`)
    .join(", ");
}

/**
 * An audit entry as a table row: when, what, by whom, whose (left out with `whose: false`), the
 * token (as `token(id)` shows it) and the detail.
 */
export function auditRow(a, { whose = true, token = (id) => id ?? "" } = {}) {
  const at = Date.parse(a.at);
  return h("tr", {},
    h("td", { "data-label": "When" }, h("time", { datetime: a.at }, `${dateText(at, clock.timeZone)} ${timeText(at, clock.timeZone)}`)),
    h("td", { "data-label": "Action" }, a.action),
    h("td", { "data-label": "By" }, a.actor ?? "patgate"),
    whose ? h("td", { "data-label": "Whose" }, a.subject ?? "") : null,
    h("td", { "data-label": "Token" }, token(a.authorizationId)),
    h("td", { "data-label": "Detail", class: "detail" }, detailText(a.detail)));
}

/** A token's id in an entry: a button that shows that token's history. */
function tokenCell(id) {
  if (!id) return "";
  const button = h("button", { type: "button", class: "link", title: "Show this token's entries only" }, id);
  button.addEventListener("click", () => {
    $("audit-token").value = id;
    loadAudit().then(() => $("audit-token").focus());
  });
  return button;
}

const table = pagedTable({
  table: $("audit-table"),
  more: $("audit-more"),
  empty: $("audit-empty"),
  async fetchPage(continuation) {
    // The filters as they were when the list was loaded: "Show more" continues that list.
    const q = new URLSearchParams(filtered);
    if (continuation) q.set("continuationToken", continuation);
    const page = await api("GET", `/_apis/tokenadmin/audit?${q}`);
    $("audit-retention").textContent = `Entries are kept for ${page.retentionDays} days.`;
    return { items: page.value, continuation: page.continuationToken };
  },
  row: (a) => auditRow(a, { token: tokenCell }),
});

/** The query of the list shown: its page size and filters. */
let filtered = "";

/** Shows the first page of the audit log under the current filters; a refused filter says why. */
export async function loadAudit() {
  const q = new URLSearchParams({ $top: "50" });
  for (const [id, name] of Object.entries(FILTERS)) if ($(id).value.trim()) q.set(name, $(id).value.trim());
  filtered = q.toString();
  $("audit-filter-error").textContent = "";
  $("audit-token").removeAttribute("aria-invalid");
  try {
    await table.reload();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    // No rows from an earlier filter under this one's error.
    $("audit-table").tBodies[0].replaceChildren();
    $("audit-more").hidden = true;
    $("audit-empty").hidden = true;
    $("audit-filter-error").textContent = e.message;
    const field = Object.entries(FILTERS).find(([, name]) => name === e.body?.field)?.[0];
    if (field) $(field).setAttribute("aria-invalid", "true");
  }
}

/** Shows one token's entries alone (the other filters cleared), the focus on its filter field. */
export async function showTokenHistory(authorizationId) {
  for (const id of Object.keys(FILTERS)) $(id).value = "";
  $("audit-token").value = authorizationId;
  await loadAudit();
  $("audit-title").scrollIntoView();
  $("audit-token").focus();
}

/** Fills the "By" and "Whose" filters with the deployment's users (`{ id, displayName }`). */
export function setAuditUsers(users) {
  for (const id of ["audit-actor", "audit-subject"]) $(id).append(...users.map((u) => h("option", { value: u.id }, `${u.displayName} (${u.id})`)));
}

$("audit-filter").addEventListener("change", () => loadAudit());
$("audit-filter").addEventListener("submit", (e) => {
  e.preventDefault();
  loadAudit();
});
