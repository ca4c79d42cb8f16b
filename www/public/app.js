// patgate portal. Tokens are generated here by the wasm module; only their digest and hint go
// to the server. A token lives in one variable and one read-only field while its dialog is
// open, and nowhere else: not in storage, a URL, a cookie or the console.
import { init, generateToken, scopeCatalog, validateScopes, lifespanPresets, checkValidTo } from "/pkg/browser.js";

const $ = (id) => document.getElementById(id);
const DAY = 86_400_000;
const state = { session: null, filter: "active", continuation: null, adminContinuation: null, catalog: [], editing: null, regenerating: null, users: [] };

// ---- small helpers ---------------------------------------------------------------------

/** Builds an element; children are text or nodes (never HTML strings). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...children.flat().filter((c) => c != null));
  return el;
}

function say(message) {
  $("status").textContent = message;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
function ago(iso) {
  if (!iso) return "never";
  const diff = Date.parse(iso) - Date.now();
  const days = Math.round(diff / DAY);
  if (Math.abs(diff) < 3600_000) return relative.format(Math.round(diff / 60_000), "minute");
  if (Math.abs(diff) < DAY) return relative.format(Math.round(diff / 3600_000), "hour");
  return relative.format(days, "day");
}
const dateText = (iso) => (iso ? new Date(iso).toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" }) : "—");

/** A JSON request to the API with the session's CSRF token; throws { status, body } on errors. */
async function api(method, path, body) {
  const headers = { accept: "application/json" };
  if (state.session) headers["x-csrf-token"] = state.session.csrfToken;
  if (body !== undefined) headers["content-type"] = "application/json";
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const data = r.status === 204 ? null : await r.json().catch(() => null);
  if (r.status === 401 && path !== "/_apis/session") {
    state.session = null;
    route("/signin");
  }
  if (!r.ok) throw { status: r.status, body: data ?? {} };
  return data;
}

/** Runs `work` with `button` busy; shows progress in the status line. */
async function busy(button, message, work) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  say(message);
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

function fieldError(id, message) {
  const el = $(id);
  el.textContent = message ?? "";
  const input = document.querySelector(`[aria-describedby~="${id}"]`);
  if (input) input.setAttribute("aria-invalid", message ? "true" : "false");
}

// ---- routing -----------------------------------------------------------------------------

const VIEWS = ["signin", "tokens", "admin"];

function show(view) {
  for (const v of VIEWS) $(`view-${v}`).hidden = v !== view;
  for (const a of document.querySelectorAll("[data-route]")) {
    if (a.dataset.route === "/" + view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = `patgate · ${{ signin: "Sign in", tokens: "Personal access tokens", admin: "Administration" }[view]}`;
}

async function route(path = location.pathname + location.search, push = true) {
  if (push && path !== location.pathname + location.search) history.pushState(null, "", path);
  const url = new URL(path, location.origin);
  if (!state.session) {
    show("signin");
    $("nav").hidden = $("who").hidden = true;
    $("signin-user").focus();
    return;
  }
  $("nav").hidden = $("who").hidden = false;
  if (url.pathname === "/admin" && state.session.user.isAdmin) {
    show("admin");
    await loadAdmin();
  } else {
    show("tokens");
    await loadTokens();
    if (url.pathname === "/tokens/new") openCreate(url.searchParams);
  }
  await refreshNotices();
}

document.addEventListener("click", (e) => {
  const a = e.target.closest("a[data-route]");
  if (!a) return;
  e.preventDefault();
  route(a.getAttribute("href"));
});
window.addEventListener("popstate", () => route(undefined, false));

// ---- session -----------------------------------------------------------------------------

async function loadSession() {
  try {
    state.session = await api("GET", "/_apis/session");
  } catch {
    state.session = null;
  }
  applySession();
}

function applySession() {
  const s = state.session;
  $("whoami").textContent = s ? `${s.user.displayName} (${s.user.id})` : "";
  $("nav-admin").hidden = !s?.user.isAdmin;
}

$("signin-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const userName = $("signin-user").value.trim();
  const password = $("signin-password").value;
  fieldError("signin-error", "");
  if (!userName || !password) {
    $("signin-error").textContent = "Enter your user name and password.";
    return;
  }
  const button = e.submitter ?? $("signin-form").querySelector("button");
  try {
    state.session = await busy(button, "Signing in…", () => api("POST", "/_apis/session", { userName, password }));
    $("signin-password").value = "";
    applySession();
    say(`Signed in as ${state.session.user.displayName}.`);
    const target = location.pathname === "/" || location.pathname === "/signin" ? "/tokens" : location.pathname + location.search;
    await route(target);
    $("main").focus();
  } catch (err) {
    $("signin-password").value = "";
    say("");
    $("signin-error").textContent =
      err.status === 429 ? "Too many failed attempts. Wait a few minutes and try again." : err.body?.message === "wrong user name or password" ? "Wrong user name or password." : err.body?.message ?? "Could not sign in.";
    $("signin-password").focus();
  }
});

$("signout").addEventListener("click", async () => {
  await api("DELETE", "/_apis/session").catch(() => {});
  state.session = null;
  applySession();
  say("Signed out.");
  route("/signin");
});

// ---- token list --------------------------------------------------------------------------

function orgText(t) {
  return t.allOrgs ? "All accessible organizations" : t.organization;
}

function expiresCell(t) {
  if (t.status === "expired") return h("td", { "data-label": "Expires" }, "expired");
  const left = Date.parse(t.validTo) - Date.now();
  const text = `${dateText(t.validTo)} (${ago(t.validTo)})`;
  if (t.status === "active" && left < 7 * DAY) return h("td", { "data-label": "Expires" }, h("span", { class: "soon" }, `⚠ ${text}`), h("span", { class: "visually-hidden" }, " — expires soon"));
  return h("td", { "data-label": "Expires" }, text);
}

function tokenRow(t, { admin = false } = {}) {
  const actions = [];
  if (t.status !== "revoked" && !admin) {
    actions.push(h("button", { type: "button", class: "small", onclick: () => openEdit(t), "aria-label": `Edit ${t.displayName}` }, "Edit"));
    actions.push(h("button", { type: "button", class: "small", onclick: () => openRegenerate(t), "aria-label": `Regenerate ${t.displayName}` }, "Regenerate"));
  }
  if (t.status !== "revoked") actions.push(h("button", { type: "button", class: "small danger", onclick: () => revoke(t, admin), "aria-label": `Revoke ${t.displayName}` }, "Revoke"));
  const cells = [
    admin ? h("td", { "data-label": "Owner" }, t.owner) : null,
    h("td", { "data-label": "Name" }, t.displayName),
    h("td", { "data-label": "Organization" }, orgText(t)),
    h("td", { class: "scopes", "data-label": "Scopes" }, t.scope === "app_token" ? "Full access" : t.scope.split(" ").join(", ")),
    admin ? null : h("td", { "data-label": "Created" }, dateText(t.createdAt)),
    expiresCell(t),
    h("td", { "data-label": "Last used" }, ago(t.lastUsedAt)),
    h("td", { "data-label": "Status" }, h("span", { class: `pill ${t.status}` }, t.status), t.graceUntil ? ` (previous token until ${new Date(t.graceUntil).toLocaleTimeString()})` : null),
    admin ? null : h("td", { class: "mono", "data-label": "Token" }, `…${t.hint}`),
    h("td", {}, h("div", { class: "row-actions" }, actions)),
  ];
  return h("tr", { "data-id": t.authorizationId }, cells);
}

async function loadTokens(append = false) {
  const q = new URLSearchParams({ displayFilterOption: state.filter, sortByOption: "displayDate", isSortAscending: "false", $top: "20" });
  if (append && state.continuation) q.set("continuationToken", state.continuation);
  const page = await api("GET", `/_apis/tokens/pats?${q}`);
  const body = $("tokens-table").tBodies[0];
  if (!append) body.replaceChildren();
  body.append(...page.patTokens.map((t) => tokenRow(t)));
  state.continuation = page.continuationToken;
  $("tokens-more").hidden = !page.continuationToken;
  $("tokens-empty").hidden = body.rows.length > 0;
}

for (const b of document.querySelectorAll(".filter")) {
  b.addEventListener("click", async () => {
    state.filter = b.dataset.filter;
    for (const x of document.querySelectorAll(".filter")) x.setAttribute("aria-pressed", String(x === b));
    await loadTokens();
  });
}
$("tokens-more").addEventListener("click", () => loadTokens(true));

// ---- confirm, revoke ---------------------------------------------------------------------

function confirmAction(title, text, action) {
  const d = $("confirm-dialog");
  $("confirm-title").textContent = title;
  $("confirm-text").textContent = text;
  $("confirm-ok").textContent = action;
  d.returnValue = "";
  d.showModal();
  return new Promise((resolve) => d.addEventListener("close", () => resolve(d.returnValue === "confirm"), { once: true }));
}

async function revoke(t, admin) {
  const who = admin ? ` of ${t.owner}` : "";
  if (!(await confirmAction(`Revoke “${t.displayName}”${who}?`, "Tools using it stop working at their next request. This cannot be undone.", "Revoke"))) return;
  if (admin) await api("POST", "/_apis/tokenadmin/revocations", [{ authorizationId: t.authorizationId }]);
  else await api("DELETE", `/_apis/tokens/pats?authorizationId=${encodeURIComponent(t.authorizationId)}`);
  say(`Revoked “${t.displayName}”.`);
  await (admin ? loadAdmin() : loadTokens());
}

$("revoke-all").addEventListener("click", async () => {
  if (!(await confirmAction("Revoke all your tokens?", "Every tool that uses one of your tokens stops working at its next request.", "Revoke all"))) return;
  const r = await api("POST", "/_apis/tokens/pats/revokeall", {});
  say(`Revoked ${r.revoked} token${r.revoked === 1 ? "" : "s"}.`);
  await loadTokens();
});

// ---- create and edit ---------------------------------------------------------------------

function fillOrganizations(selected) {
  const orgs = state.session.user.organizations;
  $("token-org").replaceChildren(
    ...orgs.map((o) => h("option", { value: o, selected: o === selected }, o)),
    h("option", { value: "*", selected: selected === "*" }, "All accessible organizations"),
  );
}

function fillLifespans(choice) {
  const max = state.session.policy.maxLifespanDays;
  const options = lifespanPresets(max).map((d) => h("option", { value: String(d), selected: String(d) === choice }, `${d} days`));
  options.push(h("option", { value: "custom", selected: choice === "custom" }, `Custom date (up to ${max} days)`));
  $("token-lifespan").replaceChildren(...options);
  const latest = new Date(Date.now() + max * DAY);
  $("token-date").min = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  $("token-date").max = latest.toISOString().slice(0, 10);
  syncLifespan();
}

function syncLifespan() {
  $("token-custom").hidden = $("token-lifespan").value !== "custom";
}
$("token-lifespan").addEventListener("change", syncLifespan);

function renderScopes() {
  const list = $("scope-list");
  list.replaceChildren(
    ...state.catalog.map((c) =>
      h("div", { class: "category", "data-category": c.category },
        h("h3", {}, c.category),
        ...c.scopes.map((s) =>
          h("div", { class: "scope", "data-search": `${c.category} ${s.name} ${s.scope}`.toLowerCase() },
            h("label", { class: "check" }, h("input", { type: "checkbox", value: s.scope, "data-scope": s.scope }), `${s.name} `, h("code", {}, s.scope)),
          ),
        ),
      ),
    ),
  );
}

function selectedScopes() {
  return [...$("scope-list").querySelectorAll("input[data-scope]")].filter((i) => i.checked && !i.dataset.implied).map((i) => i.value);
}

/** Marks what the chosen scopes imply (checked and disabled) and summarises. */
function syncScopes() {
  const chosen = selectedScopes();
  const v = chosen.length ? validateScopes(chosen.join(" ")) : null;
  const implied = new Set(v?.ok ? v.implied : []);
  for (const input of $("scope-list").querySelectorAll("input[data-scope]")) {
    const isImplied = implied.has(input.value) && !chosen.includes(input.value);
    input.checked = chosen.includes(input.value) || isImplied;
    input.disabled = isImplied;
    if (isImplied) input.dataset.implied = "1";
    else delete input.dataset.implied;
  }
  const full = document.querySelector('input[name="access"][value="full"]').checked;
  $("scope-picker").hidden = full;
  $("scope-summary").textContent = full
    ? ""
    : chosen.length === 0
      ? "No scope chosen yet."
      : `Chosen: ${chosen.join(", ")}. Also granted: ${[...implied].filter((s) => !chosen.includes(s)).join(", ") || "nothing else"}.`;
}

$("scope-list").addEventListener("change", syncScopes);
for (const r of document.querySelectorAll('input[name="access"]')) r.addEventListener("change", syncScopes);
$("scope-search").addEventListener("input", () => {
  const q = $("scope-search").value.trim().toLowerCase();
  for (const c of $("scope-list").querySelectorAll(".category")) {
    let any = false;
    for (const s of c.querySelectorAll(".scope")) {
      s.hidden = q !== "" && !s.dataset.search.includes(q);
      any ||= !s.hidden;
    }
    c.hidden = !any;
  }
});

function resetTokenForm() {
  for (const id of ["token-name-error", "token-org-error", "token-validto-error", "token-scope-error", "token-form-error"]) fieldError(id, "");
  $("scope-search").value = "";
  $("scope-search").dispatchEvent(new Event("input"));
  for (const i of $("scope-list").querySelectorAll("input[data-scope]")) {
    i.checked = false;
    delete i.dataset.implied;
  }
}

function setScopes(scope) {
  const full = scope === "app_token";
  document.querySelector(`input[name="access"][value="${full ? "full" : "custom"}"]`).checked = true;
  const wanted = new Set(full ? [] : scope.split(" ").filter(Boolean));
  for (const i of $("scope-list").querySelectorAll("input[data-scope]")) i.checked = wanted.has(i.value);
  syncScopes();
}

/** Opens the create form, prefilled from a link such as /tokens/new?name=…&scope=…&org=…. */
function openCreate(params = new URLSearchParams()) {
  state.editing = null;
  resetTokenForm();
  $("token-dialog-title").textContent = "New personal access token";
  $("token-submit").textContent = "Create";
  const prefilled = params.has("name") || params.has("scope");
  $("token-dialog-note").hidden = !prefilled;
  $("token-dialog-note").textContent = prefilled ? "A tool asked for this token. Check the name, organization and scopes before you create it." : "";
  $("token-name").value = (params.get("name") ?? "").slice(0, 128);
  const org = params.get("org");
  fillOrganizations(org === "all" ? "*" : state.session.user.organizations.includes(org) ? org : state.session.user.organizations[0]);
  fillLifespans(["30", "60", "90"].includes(params.get("days")) ? params.get("days") : "30");
  $("token-date").value = "";
  const known = new Set(state.catalog.flatMap((c) => c.scopes.map((s) => s.scope)).concat("app_token"));
  const requested = (params.get("scope") ?? "").split(/[\s,]+/).filter((s) => known.has(s));
  setScopes(requested.includes("app_token") ? "app_token" : requested.join(" "));
  $("token-dialog").showModal();
  $("token-name").focus();
}

function openEdit(t) {
  state.editing = t;
  resetTokenForm();
  $("token-dialog-title").textContent = `Edit “${t.displayName}”`;
  $("token-submit").textContent = "Save";
  $("token-dialog-note").hidden = true;
  $("token-name").value = t.displayName;
  fillOrganizations(t.allOrgs ? "*" : t.organization);
  fillLifespans("custom");
  $("token-date").value = t.validTo.slice(0, 10);
  setScopes(t.scope);
  $("token-dialog").showModal();
  $("token-name").focus();
}

$("new-token").addEventListener("click", () => openCreate());
$("token-cancel").addEventListener("click", () => $("token-dialog").close());
$("token-dialog").addEventListener("close", () => {
  if (location.pathname === "/tokens/new") history.replaceState(null, "", "/tokens");
});

/** Reads and checks the form; shows each problem next to its field. Returns the fields or null. */
function readTokenForm() {
  let ok = true;
  const name = $("token-name").value.trim();
  fieldError("token-name-error", name ? "" : "Give the token a name, such as the tool and machine that use it.");
  ok &&= !!name;
  const full = document.querySelector('input[name="access"][value="full"]').checked;
  const scopes = full ? "app_token" : selectedScopes().join(" ");
  const scopeProblem = !full && !scopes ? "Choose at least one scope, or Full access." : full && state.session.policy.restrictFullAccess ? "Full access is restricted by policy: choose scopes." : "";
  fieldError("token-scope-error", scopeProblem);
  ok &&= !scopeProblem;
  const choice = $("token-lifespan").value;
  let validTo;
  if (choice === "custom") {
    const date = $("token-date").value;
    // The end of the chosen day, but never past the policy's limit (the picker's last day).
    const latest = (state.editing ? Date.parse(state.editing.validFrom) : Date.now()) + state.session.policy.maxLifespanDays * DAY;
    validTo = date ? Math.min(Date.parse(`${date}T23:59:59Z`), latest) : NaN;
  } else {
    validTo = Date.now() + Number(choice) * DAY;
  }
  const from = state.editing ? Date.parse(state.editing.validFrom) : Date.now();
  let dateProblem = "";
  if (!Number.isFinite(validTo)) dateProblem = "Pick an expiration date.";
  else {
    const check = checkValidTo(from, validTo, state.session.policy.maxLifespanDays);
    if (validTo <= Date.now()) dateProblem = "The expiration date must be in the future.";
    else if (!check.ok) dateProblem = `The policy allows at most ${state.session.policy.maxLifespanDays} days (until ${dateText(new Date(check.latestValidTo).toISOString())}).`;
  }
  fieldError("token-validto-error", dateProblem);
  ok &&= !dateProblem;
  const org = $("token-org").value;
  return ok ? { displayName: name, scope: scopes, validTo: new Date(validTo).toISOString(), ...(org === "*" ? { allOrgs: true } : { organization: org, allOrgs: false }) } : null;
}

const FIELD_ERRORS = { displayName: "token-name-error", scope: "token-scope-error", validTo: "token-validto-error", organization: "token-org-error", allOrgs: "token-org-error" };

function showServerError(err) {
  const target = FIELD_ERRORS[err.body?.field] ?? "token-form-error";
  fieldError(target, err.body?.message ?? "The request failed; try again.");
}

$("token-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  fieldError("token-form-error", "");
  const fields = readTokenForm();
  if (!fields) {
    $("token-dialog").querySelector('[aria-invalid="true"], .error:not(:empty)')?.scrollIntoView({ block: "nearest" });
    say("");
    return;
  }
  const button = $("token-submit");
  try {
    if (state.editing) {
      const t = state.editing;
      await busy(button, "Saving…", () => api("PUT", "/_apis/tokens/pats", { authorizationId: t.authorizationId, ...fields }));
      $("token-dialog").close();
      say(`Saved “${fields.displayName}”.`);
      await loadTokens();
      return;
    }
    // The token is made here, from crypto.getRandomValues; the server gets its digest and hint.
    let created = generateToken();
    const { digest, hint } = created;
    const result = await busy(button, "Creating…", () => api("POST", "/_apis/tokens/pats", { ...fields, digest, hint }));
    $("token-dialog").close();
    showSecret(result.patToken.displayName, created.token);
    created = null;
    say(`Created “${result.patToken.displayName}”.`);
    await loadTokens();
    refreshNotices();
  } catch (err) {
    say("");
    showServerError(err);
  }
});

// ---- show once -----------------------------------------------------------------------------

function showSecret(name, token) {
  const host = location.host;
  $("secret-name").textContent = name;
  $("secret-value").value = token;
  $("use-git").textContent = `git clone ${location.protocol}//anything:${token}@${host}/fabrikam/demo/_git/demo`;
  $("use-curl").textContent = `curl -u anything:${token} ${location.origin}/fabrikam/_apis/projects`;
  $("use-header").textContent = `Authorization: Basic ${btoa(":" + token)}`;
  $("secret-copied").textContent = "";
  $("secret-dialog").showModal();
  $("secret-value").focus();
  $("secret-value").select();
}

/** Closing the dialog forgets the token: every place that held it is emptied. */
function forgetSecret() {
  $("secret-value").value = "";
  for (const id of ["use-git", "use-curl", "use-header", "secret-copied"]) $(id).textContent = "";
}

$("secret-copy").addEventListener("click", async () => {
  const value = $("secret-value").value;
  let copied = false;
  try {
    await navigator.clipboard.writeText(value);
    copied = true;
  } catch {
    // Fallback for browsers without the async Clipboard API (or without permission).
    $("secret-value").select();
    copied = document.execCommand?.("copy") ?? false;
  }
  $("secret-copied").textContent = copied ? "Copied to the clipboard." : "Select the token and copy it with Ctrl+C (⌘C).";
});
$("secret-close").addEventListener("click", () => {
  forgetSecret();
  $("secret-dialog").close();
});
$("secret-dialog").addEventListener("close", () => {
  forgetSecret();
  $("new-token").focus();
});

// ---- regenerate ------------------------------------------------------------------------------

function openRegenerate(t) {
  state.regenerating = t;
  $("regenerate-name").textContent = t.displayName;
  $("regenerate-grace").value = "0";
  $("regenerate-error").textContent = "";
  $("regenerate-dialog").showModal();
}

$("regenerate-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const t = state.regenerating;
  const button = e.submitter ?? $("regenerate-form").querySelector("button.primary");
  let fresh = generateToken();
  try {
    const graceMinutes = Number($("regenerate-grace").value);
    const r = await busy(button, "Regenerating…", () =>
      api("POST", `/_apis/tokens/pats/${encodeURIComponent(t.authorizationId)}/regenerate`, { digest: fresh.digest, hint: fresh.hint, graceMinutes }),
    );
    $("regenerate-dialog").close();
    showSecret(r.patToken.displayName, fresh.token);
    say(`Regenerated “${t.displayName}”.`);
    await loadTokens();
    refreshNotices();
  } catch (err) {
    $("regenerate-error").textContent = err.body?.message ?? "Could not regenerate the token.";
  } finally {
    fresh = null;
  }
});

for (const b of document.querySelectorAll("dialog [data-close]")) b.addEventListener("click", () => b.closest("dialog").close());

// ---- notifications ---------------------------------------------------------------------------

async function refreshNotices() {
  if (!state.session) return;
  const n = await api("GET", "/_apis/notifications").catch(() => null);
  if (!n) return;
  $("unread").textContent = String(n.unread);
  $("unread").classList.toggle("zero", n.unread === 0);
  $("bell").setAttribute("aria-label", `Notifications, ${n.unread} unread`);
  $("notices-list").replaceChildren(
    ...(n.value.length
      ? n.value.map((x) => h("li", { class: x.read ? "" : "unread" }, x.message, h("time", { datetime: x.createdAt }, `${ago(x.createdAt)}${x.read ? "" : " · unread"}`)))
      : [h("li", {}, "No notifications.")]),
  );
}

$("bell").addEventListener("click", async () => {
  await refreshNotices();
  $("notices").showModal();
});
$("notices-read").addEventListener("click", async () => {
  await api("POST", "/_apis/notifications", { all: true });
  await refreshNotices();
  say("All notifications marked as read.");
});

// ---- administration --------------------------------------------------------------------------

async function loadAdmin(append = false) {
  if (!append) {
    const [policy, users] = await Promise.all([api("GET", "/_apis/tokenadmin/policies"), api("GET", "/_apis/tokenadmin/users")]);
    $("policy-max").value = String(policy.maxLifespanDays);
    $("policy-full").checked = policy.restrictFullAccess;
    if (state.users.length === 0) {
      state.users = users.value;
      $("admin-user").append(...users.value.map((u) => h("option", { value: u.id }, `${u.displayName} (${u.id})`)));
      const orgs = [...new Set(users.value.flatMap((u) => u.organizations))].sort();
      $("admin-org").append(...orgs.map((o) => h("option", { value: o }, o)));
    }
  }
  const q = new URLSearchParams({ displayFilterOption: $("admin-status").value, sortByOption: "displayDate", $top: "25" });
  if ($("admin-user").value) q.set("user", $("admin-user").value);
  if ($("admin-org").value) q.set("organization", $("admin-org").value);
  if (append && state.adminContinuation) q.set("continuationToken", state.adminContinuation);
  const page = await api("GET", `/_apis/tokenadmin/personalaccesstokens?${q}`);
  const body = $("admin-table").tBodies[0];
  if (!append) body.replaceChildren();
  body.append(...page.value.map((t) => tokenRow(t, { admin: true })));
  state.adminContinuation = page.continuationToken;
  $("admin-more").hidden = !page.continuationToken;
  $("admin-empty").hidden = body.rows.length > 0;
  $("admin-revoke-user").disabled = !$("admin-user").value;
}

$("admin-filter").addEventListener("change", () => loadAdmin());
$("admin-filter").addEventListener("submit", (e) => e.preventDefault());
$("admin-more").addEventListener("click", () => loadAdmin(true));
$("admin-revoke-user").addEventListener("click", async () => {
  const user = $("admin-user").value;
  if (!user || !(await confirmAction(`Revoke all of ${user}'s tokens?`, "Every tool using one of them stops working at its next request.", "Revoke all"))) return;
  const r = await api("POST", "/_apis/tokenadmin/revocations/users", { user });
  say(`Revoked ${r.revoked} of ${user}'s tokens.`);
  await loadAdmin();
});

$("policy-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("policy-error").textContent = "";
  const max = Number($("policy-max").value);
  if (!Number.isInteger(max) || max < 1 || max > 365) {
    $("policy-error").textContent = "The maximum lifespan must be a whole number of days from 1 to 365.";
    $("policy-max").setAttribute("aria-invalid", "true");
    return;
  }
  $("policy-max").setAttribute("aria-invalid", "false");
  try {
    const policy = await busy(e.submitter ?? $("policy-form").querySelector("button"), "Saving policies…", () =>
      api("PUT", "/_apis/tokenadmin/policies", { maxLifespanDays: max, restrictFullAccess: $("policy-full").checked }),
    );
    state.session.policy = policy;
    say("Policies saved.");
  } catch (err) {
    $("policy-error").textContent = err.body?.message ?? "Could not save the policies.";
  }
});

// ---- start -----------------------------------------------------------------------------------

await init();
state.catalog = scopeCatalog();
renderScopes();
await loadSession();
await route(undefined, false);
document.documentElement.dataset.ready = "true";
