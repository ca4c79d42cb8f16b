// The signed-in user's tokens: filters, paging, and the row actions (edit, regenerate, revoke),
// plus "Revoke all". Reloads whenever another view reports `patgate:tokens-changed`.
import { $, TOKENS_CHANGED, confirmAction, on, say } from "../dom.js";
import { api, clock } from "../context.js";
import { pagedTable } from "../paged-table.js";
import { tokenRow } from "./token-row.js";
import { openEdit } from "./token-form.js";
import { openRegenerate } from "./regenerate.js";

let filter = "active";
let now = clock.now();

async function revoke(t) {
  if (!(await confirmAction(`Revoke “${t.displayName}”?`, "Tools using it stop working at their next request. This cannot be undone.", "Revoke"))) return;
  await api("DELETE", `/_apis/tokens/pats?authorizationId=${encodeURIComponent(t.authorizationId)}`);
  say(`Revoked “${t.displayName}”.`);
  await table.refresh();
  await syncActions();
  // Its row (and the button pressed) may be gone: the focus goes where the next action starts.
  $("new-token").focus();
}

const table = pagedTable({
  table: $("tokens-table"),
  more: $("tokens-more"),
  empty: $("tokens-empty"),
  async fetchPage(continuation) {
    const q = new URLSearchParams({ displayFilterOption: filter, sortByOption: "displayDate", isSortAscending: "false", $top: "20" });
    if (continuation) q.set("continuationToken", continuation);
    const page = await api("GET", `/_apis/tokens/pats?${q}`);
    now = clock.now();
    return { items: page.patTokens, continuation: page.continuationToken };
  },
  row: (t) => tokenRow(t, { now, timeZone: clock.timeZone, actions: { edit: openEdit, regenerate: openRegenerate, revoke } }),
});

const EMPTY = { active: "No active tokens.", revoked: "No revoked tokens.", expired: "No expired tokens.", all: "No tokens yet." };

/**
 * "Revoke all" is there only when something is live to revoke; the empty list says what a token
 * is for and leads to making one (on the active and all filters).
 */
async function syncActions() {
  $("tokens-empty-text").textContent = EMPTY[filter];
  $("tokens-empty-lead").hidden = filter !== "active" && filter !== "all";
  const live = await api("GET", "/_apis/tokens/pats?displayFilterOption=active&$top=1");
  $("revoke-all").disabled = live.patTokens.length === 0;
}

/** Shows the first page of the current filter. */
export const loadTokens = async () => {
  await table.reload();
  await syncActions();
};

for (const b of document.querySelectorAll(".filter")) {
  b.addEventListener("click", async () => {
    filter = b.dataset.filter;
    for (const x of document.querySelectorAll(".filter")) x.setAttribute("aria-pressed", String(x === b));
    await loadTokens();
  });
}

$("revoke-all").addEventListener("click", async () => {
  if (!(await confirmAction("Revoke all your tokens?", "Every tool that uses one of your tokens stops working at its next request.", "Revoke all"))) return;
  const r = await api("POST", "/_apis/tokens/pats/revokeall", {});
  say(`Revoked ${r.revoked} token${r.revoked === 1 ? "" : "s"}.`);
  await loadTokens();
});

$("empty-new-token").addEventListener("click", () => $("new-token").click());

// After an edit, regeneration or creation elsewhere: the same rows again, not the first page.
on(TOKENS_CHANGED, async () => {
  await table.refresh();
  await syncActions();
});
