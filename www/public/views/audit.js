// The administrator's audit log: every action recorded by the worker, newest first, a page at a
// time, with how long the deployment keeps entries, narrowed by action, by who acted, by whose
// account or token it was, and by token. It never holds a token, digest or password.
import { $, h, timeAt } from "../dom.js";
import { ApiError } from "../api.js";
import { api, clock } from "../context.js";
import { pagedTable } from "../paged-table.js";
import { whenText } from "../time.js";

/** The filter fields and the query option each sets (the API checks their values). */
const FILTERS = { "audit-action": "action", "audit-actor": "actor", "audit-subject": "subject", "audit-token": "authorizationId" };

/** What each recorded action means, in words (an unknown key is shown as it is). */
const ACTIONS = {
  "signin": "Signed in",
  "signin.failed": "Failed sign-in (wrong user name or password)",
  "signin.locked": "Sign-in locked after failed attempts",
  "signout": "Signed out",
  "session.limit": "Oldest sessions ended (too many at once)",
  "token.create": "Created a token",
  "token.update": "Edited a token",
  "token.regenerate": "Regenerated a token",
  "token.revoke": "Revoked a token",
  "token.revokeAll": "Revoked all their tokens",
  "token.leaked": "Token reported as leaked (left active by policy)",
  "token.leaked.revoked": "Token reported as leaked, and revoked",
  "token.leaked.previous": "A regenerated token's old secret reported as leaked",
  "token.leaked.graceEnded": "A regenerated token's old secret reported as leaked; its grace ended",
  "token.request": "A tool asked for a token (device approval)",
  "token.request.approve": "Approved a tool's request for a token",
  "token.request.deny": "Denied a tool's request for a token",
  "token.request.expire": "A tool's request for a token expired unapproved",
  "admin.token.revoke": "An administrator revoked a token",
  "admin.token.revokeAll": "An administrator revoked all of a user's tokens",
  "admin.token.revocationRule": "An administrator's revocation rule revoked a token",
  "admin.policy": "An administrator changed the token policy",
  "admin.policy.organization": "An administrator changed an organization's token policy",
  "audit.expired": "Old audit entries removed (retention)",
  "seed": "Demo store created",
};

/** The detail's keys in words; the rest are shown as they are. */
const DETAIL_KEYS = {
  displayName: "name", scope: "scopes", organization: "organization", validTo: "expires", graceUntil: "old secret until",
  until: "until", by: "locked", unknownUser: "unknown user name", source: "reported by", url: "found at", revokeAll: "with all",
  revoked: "tokens revoked", removed: "entries removed", before: "older than", retentionDays: "kept days", ended: "sessions ended",
  sessionsMax: "sessions allowed", scopes: "scopes", maxLifespanDays: "maximum lifespan (days)", restrictFullAccess: "full access restricted",
  autoRevokeLeaked: "revoke leaked tokens", address: "asked from", userCode: "code", via: "made by",
  globalTokens: "tokens for all organizations", allowlists: "allowlists", fullAccess: "full access", lifespan: "lifespan",
  restrictCreation: "creation restricted", allowPackaging: "packaging-only for everyone", allowlist: "allowlist",
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** A detail's value as a person reads it: instants in the viewer's zone, the rest as text (never markup). */
function valueText(v) {
  if (v === null) return "none";
  if (v === true) return "yes";
  if (v === false) return "no";
  if (typeof v === "string" && ISO.test(v)) {
    const ms = Date.parse(v);
    return whenText(ms, clock.timeZone);
  }
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** A value of a policy's state in words: a list as names, an object as its own pairs. */
const stateText = (v) =>
  Array.isArray(v) ? (v.length ? v.join(", ") : "nobody")
  : v !== null && typeof v === "object" ? Object.entries(v).map(([k, x]) => `${DETAIL_KEYS[k] ?? k} ${stateText(x)}`).join("; ")
  : valueText(v);

const isState = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** What a policy change changed: `name: old → new` for each setting that moved. */
function changes(before, after) {
  const moved = Object.keys(after).filter((k) => k !== "organization" && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return moved.length ? moved.map((k) => `${DETAIL_KEYS[k] ?? k}: ${stateText(before[k])} → ${stateText(after[k])}`) : ["nothing changed"];
}

/**
 * An entry's detail as `name: value` pairs in words, in their order; a policy change (`before`
 * and `after` states) as what changed.
 */
function detailText(detail) {
  const d = detail ?? {};
  const change = isState(d.before) && isState(d.after);
  const pairs = [];
  for (const [k, v] of Object.entries(d)) {
    if (change && k === "after") continue;
    if (change && k === "before") pairs.push(...changes(d.before, d.after));
    else pairs.push(`${DETAIL_KEYS[k] ?? k}: ${valueText(v)}`);
  }
  return pairs.join(", ");
}

/** Who acted: a user, or for what no user did, who or what did it. */
function actorText(a) {
  if (a.actor) return a.actor;
  if (a.action === "signin.failed" || a.action === "signin.locked") return "someone signing in";
  if (a.action.startsWith("token.leaked")) return "a leak report";
  if (a.action === "token.request" || a.action === "token.request.expire") return "a tool";
  return "patgate (scheduled work)";
}

/**
 * An audit entry as a table row: when, what, by whom, whose (left out with `whose: false`), the
 * token (its name now, as `token(entry)` shows it) and the detail.
 */
export function auditRow(a, { whose = true, token = (entry) => entry.tokenName ?? entry.authorizationId ?? "" } = {}) {
  const at = Date.parse(a.at);
  return h("tr", {},
    h("td", { "data-label": "When" }, timeAt(at, whenText(at, clock.timeZone))),
    h("td", { "data-label": "Action", title: a.action }, ACTIONS[a.action] ?? a.action),
    h("td", { "data-label": "By" }, actorText(a)),
    whose ? h("td", { "data-label": "Whose" }, a.subject ?? "") : null,
    h("td", { "data-label": "Token" }, token(a)),
    h("td", { "data-label": "Detail", class: "detail" }, detailText(a.detail)));
}

// The action filter's choices in words, their values the recorded keys.
for (const o of $("audit-action").querySelectorAll("option")) {
  if (!o.value) continue;
  o.setAttribute("value", o.value); // the key stays the value once the text is in words
  o.textContent = ACTIONS[o.value] ?? o.value;
}

/** A token in an entry, by its name: a button that shows that token's history. */
function tokenCell(entry) {
  const id = entry.authorizationId;
  if (!id) return "";
  const button = h("button", { type: "button", class: "link", title: `Show only the entries of this token (${id})` }, entry.tokenName ?? id);
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
