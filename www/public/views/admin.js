// Administration: the policies (checked by building the core's Policy, as the worker does),
// everyone's tokens filtered by user, organization and status, revocations, and the audit log.
import { Policy } from "../pkg/browser.js";
import { $, busy, confirmAction, h, say } from "../dom.js";
import { api, clock, session } from "../context.js";
import { pagedTable } from "../paged-table.js";
import { tokenRow } from "./token-row.js";
import { loadAudit, setAuditUsers, showTokenHistory } from "./audit.js";

let usersLoaded = false;
let now = clock.now();
let organizationPolicies = [];

async function revoke(t) {
  if (!(await confirmAction(`Revoke “${t.displayName}” of ${t.owner}?`, "Tools using it stop working at their next request. This cannot be undone.", "Revoke"))) return;
  await api("POST", "/_apis/tokenadmin/revocations", [{ authorizationId: t.authorizationId }]);
  say(`Revoked “${t.displayName}”.`);
  await Promise.all([table.refresh(), loadAudit()]);
}

const table = pagedTable({
  table: $("admin-table"),
  more: $("admin-more"),
  empty: $("admin-empty"),
  async fetchPage(continuation) {
    const q = new URLSearchParams({ displayFilterOption: $("admin-status").value, sortByOption: "displayDate", isSortAscending: "false", $top: "25" });
    if ($("admin-user").value) q.set("user", $("admin-user").value);
    if ($("admin-org").value) q.set("organization", $("admin-org").value);
    if (continuation) q.set("continuationToken", continuation);
    const page = await api("GET", `/_apis/tokenadmin/personalaccesstokens?${q}`);
    now = clock.now();
    return { items: page.value, continuation: page.continuationToken };
  },
  row: (t) => tokenRow(t, { now, timeZone: clock.timeZone, admin: true, actions: { revoke, history: (x) => showTokenHistory(x.authorizationId) } }),
});

async function reloadTokens() {
  await table.reload();
  $("admin-revoke-user").disabled = !$("admin-user").value;
}

/** Shows the policies, the user and organization filters (read once) and the first page. */
export async function loadAdmin() {
  const [policy, organizations, users] = await Promise.all([
    api("GET", "/_apis/tokenadmin/policies"), api("GET", "/_apis/tokenadmin/policies/organizations"), usersLoaded ? null : api("GET", "/_apis/tokenadmin/users"),
  ]);
  $("policy-max").value = String(policy.maxLifespanDays);
  $("policy-full").checked = policy.restrictFullAccess;
  $("policy-leaked").checked = policy.autoRevokeLeaked;
  $("policy-global").value = policy.globalTokens;
  for (const [id, name] of ALLOWLIST_FIELDS) $(id).value = policy.allowlists[name].join(", ");
  organizationPolicies = organizations.value;
  if (users && !usersLoaded) {
    usersLoaded = true;
    $("admin-user").append(...users.value.map((u) => h("option", { value: u.id }, `${u.displayName} (${u.id})`)));
    const orgs = [...new Set(users.value.flatMap((u) => u.organizations))].sort();
    $("admin-org").append(...orgs.map((o) => h("option", { value: o }, o)));
    $("org-policy-org").append(...orgs.map((o) => h("option", { value: o }, o)));
    setAuditUsers(users.value);
  }
  labelOrganizationPolicies();
  showOrganizationPolicy();
  await Promise.all([reloadTokens(), loadAudit()]);
}

$("admin-filter").addEventListener("change", () => reloadTokens());
$("admin-filter").addEventListener("submit", (e) => e.preventDefault());

$("admin-revoke-user").addEventListener("click", async () => {
  const user = $("admin-user").value;
  if (!user || !(await confirmAction(`Revoke all of ${user}'s tokens?`, "Every tool using one of them stops working at its next request.", "Revoke all"))) return;
  const r = await api("POST", "/_apis/tokenadmin/revocations/users", { user });
  say(`Revoked ${r.revoked} of ${user}'s tokens.`);
  await Promise.all([reloadTokens(), loadAudit()]);
});

/** The allowlists' fields and the policy each lifts. */
const ALLOWLIST_FIELDS = [["allow-full", "fullAccess"], ["allow-lifespan", "lifespan"], ["allow-global", "globalTokens"]];
const names = (text) => [...new Set(text.split(",").map((n) => n.trim().toLowerCase()).filter(Boolean))];

/** The core's objection to a policy, or "" when it accepts it. */
function policyProblem(maxLifespanDays, restrictFullAccess) {
  try {
    new Policy(maxLifespanDays, restrictFullAccess).free?.();
    return "";
  } catch (e) {
    const m = String(e?.message ?? e);
    return `${m.charAt(0).toUpperCase()}${m.slice(1)}.`;
  }
}

$("policy-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const next = {
    maxLifespanDays: Number($("policy-max").value), restrictFullAccess: $("policy-full").checked, autoRevokeLeaked: $("policy-leaked").checked,
    globalTokens: $("policy-global").value, allowlists: Object.fromEntries(ALLOWLIST_FIELDS.map(([id, name]) => [name, names($(id).value)])),
  };
  const problem = policyProblem(next.maxLifespanDays, next.restrictFullAccess);
  $("policy-error").textContent = problem;
  $("policy-max").setAttribute("aria-invalid", problem ? "true" : "false");
  if (problem) {
    say(""); // an earlier action's status would read as this one's
    $("policy-max").focus();
    return;
  }
  try {
    const button = e.submitter ?? $("policy-form").querySelector("button");
    await busy(button, "Saving policies…", () => api("PUT", "/_apis/tokenadmin/policies", next));
    // The policy as it now applies to this administrator (the form's own choices, allowlists applied).
    session.current.policy = await api("GET", "/_apis/policies");
    say("Policies saved.");
    await loadAudit();
  } catch (err) {
    say("");
    $("policy-error").textContent = err.body?.message ?? "Could not save the policies.";
  }
});

/** Each organization in the policy form's list says whether it restricts token creation. */
function labelOrganizationPolicies() {
  for (const option of $("org-policy-org").options) {
    const restricted = organizationPolicies.some((o) => o.organization === option.value && o.restrictCreation);
    option.textContent = restricted ? `${option.value} (token creation restricted)` : option.value;
  }
}

/** The chosen organization's creation policy in its form (off, with no allowlist, when never set). */
function showOrganizationPolicy() {
  const org = $("org-policy-org").value;
  const p = organizationPolicies.find((o) => o.organization === org) ?? { restrictCreation: false, allowPackaging: false, allowlist: [] };
  $("org-policy-restrict").checked = p.restrictCreation;
  $("org-policy-packaging").checked = p.allowPackaging;
  $("org-policy-allow").value = p.allowlist.join(", ");
  $("org-policy-error").textContent = "";
}

$("org-policy-org").addEventListener("change", showOrganizationPolicy);

$("org-policy-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const org = $("org-policy-org").value;
  const next = { restrictCreation: $("org-policy-restrict").checked, allowPackaging: $("org-policy-packaging").checked, allowlist: names($("org-policy-allow").value) };
  try {
    const button = e.submitter ?? $("org-policy-form").querySelector("button");
    const saved = await busy(button, "Saving the organization policy…", () => api("PUT", `/_apis/tokenadmin/policies/organizations/${encodeURIComponent(org)}`, next));
    organizationPolicies = [...organizationPolicies.filter((o) => o.organization !== org), saved];
    labelOrganizationPolicies();
    // The policy as it now applies to this administrator (they may be a member of the organization).
    session.current.policy = await api("GET", "/_apis/policies");
    $("org-policy-error").textContent = "";
    say(`The policy of ${org} is saved.`);
    await loadAudit();
  } catch (err) {
    say("");
    $("org-policy-error").textContent = err.body?.message ?? "Could not save the organization policy.";
  }
});
