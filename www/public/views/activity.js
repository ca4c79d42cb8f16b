// The user's own activity: the audit entries about their account and tokens, newest first, a
// page at a time: sign-ins, failed ones under their name and the locks that followed, and what
// they or an administrator did to their tokens. The worker picks the entries (GET /_apis/audit).
import { $ } from "../dom.js";
import { api } from "../context.js";
import { pagedTable } from "../paged-table.js";
import { auditRow } from "./audit.js"; // (also fills the action filter's words, which this page copies)

// The same choices of action as the audit log's filter (in words), for the user's own entries.
for (const group of $("audit-action").querySelectorAll("optgroup")) $("activity-action").append(group.cloneNode(true));
$("activity-action").addEventListener("change", () => loadActivity());

const table = pagedTable({
  table: $("activity-table"),
  more: $("activity-more"),
  empty: $("activity-empty"),
  async fetchPage(continuation) {
    const q = new URLSearchParams({ $top: "50" });
    if ($("activity-action").value) q.set("action", $("activity-action").value);
    if (continuation) q.set("continuationToken", continuation);
    const page = await api("GET", `/_apis/audit?${q}`);
    $("activity-retention").textContent = `Entries are kept for ${page.retentionDays} days.`;
    return { items: page.value, continuation: page.continuationToken };
  },
  row: (a) => auditRow(a, { whose: false }),
});

/** Shows the first page of the user's activity. */
export const loadActivity = () => table.reload();
