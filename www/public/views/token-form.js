// The new-token and edit dialog. The form's verdict is token-plan's (the core's Policy); a new
// token is generated here from crypto.getRandomValues and only its digest and hint are sent.
import { generateToken, lifespanPresets } from "../pkg/browser.js";
import { $, TOKENS_CHANGED, busy, emit, fieldError, h, say } from "../dom.js";
import { api, clock, session } from "../context.js";
import { calendarDate } from "../time.js";
import { dateBounds, planToken } from "../token-plan.js";
import { chosenScopes, isFullAccess, knownScope, setScopes } from "./scopes.js";
import { showSecret } from "./secret.js";

/** Where a problem with each request field is shown; anything else goes under the form. */
const FIELD_ERRORS = { displayName: "token-name-error", scope: "token-scope-error", validTo: "token-validto-error", organization: "token-org-error", allOrgs: "token-org-error" };
const ERROR_IDS = [...new Set(Object.values(FIELD_ERRORS)), "token-form-error"];

/** The PatToken being edited, or null for a new token. */
let editing = null;

function showProblems(problems) {
  for (const id of ERROR_IDS) fieldError(id, "");
  for (const [field, message] of Object.entries(problems)) fieldError(FIELD_ERRORS[field] ?? "token-form-error", message);
}

/**
 * Moves the focus to the first field with a problem, whose error a screen reader then reads (it
 * describes the field); the scopes' fieldset gives it to its first control.
 */
function focusFirstProblem() {
  const first = $("token-dialog").querySelector('[aria-invalid="true"]');
  const target = first?.tagName === "FIELDSET" ? first.querySelector("input:not([disabled]):checked, input:not([disabled])") : first;
  (target ?? $("token-form-error")).scrollIntoView({ block: "nearest" });
  target?.focus();
}

function fillOrganizations(selected) {
  // "All accessible organizations" only while the policy on global tokens allows them for this
  // user (or for the token being edited, which already is one); the hint says why it is not there.
  const { globalTokens, organizations: restricting = [] } = session.current.policy;
  const global = globalTokens === "allowed" || selected === "*";
  // An organization whose policy restricts token creation for this user says so in its name
  // (the core's verdict on the whole form still decides).
  const label = (o) => {
    const r = restricting.find((x) => x.name === o && !x.exempt);
    return r ? `${o} (token creation restricted${r.allowPackaging ? ": packaging only" : ""})` : o;
  };
  $("token-org").replaceChildren(
    ...session.current.user.organizations.map((o) => h("option", { value: o, selected: o === selected }, label(o))),
    ...(global ? [h("option", { value: "*", selected: selected === "*" }, "All accessible organizations")] : []),
  );
  $("token-org-hint").textContent = global ? "" : `Tokens for all organizations are ${globalTokens} by this deployment's policy: choose one organization.`;
}

/** The lifespan choices the policy allows, `choice` selected; the date picker's bounds for a token from `from`. */
function fillLifespans(choice, from, now) {
  const policy = session.current.policy;
  const options = lifespanPresets(policy.maxLifespanDays).map((d) => h("option", { value: String(d), selected: String(d) === choice }, `${d} days`));
  options.push(h("option", { value: "custom", selected: choice === "custom" }, `Custom date (up to ${policy.maxLifespanDays} days)`));
  $("token-lifespan").replaceChildren(...options);
  const { min, max } = dateBounds(policy, from, now, clock.timeZone);
  $("token-date").min = min;
  $("token-date").max = max;
  syncLifespan();
}

function syncLifespan() {
  $("token-custom").hidden = $("token-lifespan").value !== "custom";
}

function open(title, submit) {
  showProblems({});
  $("token-dialog-title").textContent = title;
  $("token-submit").textContent = submit;
  $("token-dialog").showModal();
  $("token-name").focus();
}

/** Opens the create form, prefilled from a tool's link such as /tokens/new?name=…&scope=…&org=…&days=…. */
export function openCreate(params = new URLSearchParams()) {
  editing = null;
  const now = clock.now();
  const orgs = session.current.user.organizations;
  const prefilled = params.has("name") || params.has("scope");
  $("token-name").value = (params.get("name") ?? "").slice(0, 128);
  const org = params.get("org");
  fillOrganizations(org === "all" ? "*" : orgs.includes(org) ? org : orgs[0]);
  const presets = lifespanPresets(session.current.policy.maxLifespanDays).map(String);
  const days = params.get("days");
  fillLifespans(presets.includes(days) ? days : (presets[0] ?? "custom"), now, now);
  $("token-date").value = "";
  // Unknown scopes are dropped; the core says which names it knows. What the link asked for
  // and did not get is said, never silently left out (counted, not quoted: it is a URL's text).
  const asked = (params.get("scope") ?? "").split(/[\s,]+/).filter(Boolean);
  const known = asked.filter(knownScope);
  setScopes(known.join(" "));
  const left = [];
  if (asked.length > known.length) left.push(`${asked.length - known.length} scope name${asked.length - known.length === 1 ? " it asked for is" : "s it asked for are"} not in the catalog`);
  if (org !== null && org !== "all" && !orgs.includes(org)) left.push("the organization it asked for is not one of yours");
  if (days !== null && !presets.includes(days)) left.push(`${/^\d{1,4}$/.test(days) ? `${days} days is` : "its lifespan is"} not a lifespan the policy offers`);
  $("token-dialog-note").hidden = !prefilled;
  $("token-dialog-note").textContent = prefilled
    ? `A tool asked for this token. Check the name, organization and scopes before you create it.${left.length ? ` Not filled in: ${left.join("; ")}.` : ""}`
    : "";
  open("New personal access token", "Create");
}

export function openEdit(t) {
  editing = t;
  $("token-dialog-note").hidden = true;
  $("token-name").value = t.displayName;
  fillOrganizations(t.allOrgs ? "*" : t.organization);
  fillLifespans("custom", Date.parse(t.validFrom), clock.now());
  $("token-date").value = calendarDate(Date.parse(t.validTo), clock.timeZone);
  setScopes(t.scope);
  open(`Edit “${t.displayName}”`, "Save");
}

const readForm = () => ({
  name: $("token-name").value,
  full: isFullAccess(),
  scopes: chosenScopes(),
  lifespan: $("token-lifespan").value,
  date: $("token-date").value,
  organization: $("token-org").value,
});

/**
 * The problems to show for a refusal from the server. A policy refusal means the policy changed
 * since the portal read it: read it again and let the core explain in the portal's words.
 */
async function explain(err, form) {
  const server = { [err.body?.field ?? "form"]: err.body?.message ?? "The request failed; try again." };
  if (err.status !== 400 || !["scope", "validTo"].includes(err.body?.field)) return server;
  try {
    session.current.policy = await api("GET", "/_apis/policies");
  } catch {
    return server;
  }
  const plan = planToken(form, { policy: session.current.policy, now: clock.now(), timeZone: clock.timeZone, editing });
  return plan.ok ? server : plan.problems;
}

async function submit(e) {
  e.preventDefault();
  const form = readForm();
  const plan = planToken(form, { policy: session.current.policy, now: clock.now(), timeZone: clock.timeZone, editing });
  showProblems(plan.ok ? {} : plan.problems);
  if (!plan.ok) {
    focusFirstProblem();
    say("");
    return;
  }
  const button = $("token-submit");
  let created = null;
  try {
    if (editing) {
      const body = { authorizationId: editing.authorizationId, ...plan.body };
      await busy(button, "Saving…", () => api("PUT", "/_apis/tokens/pats", body));
      $("token-dialog").close();
      say(`Saved “${plan.body.displayName}”.`);
    } else {
      created = generateToken();
      const { digest, hint } = created;
      const result = await busy(button, "Creating…", () => api("POST", "/_apis/tokens/pats", { ...plan.body, digest, hint }));
      $("token-dialog").close();
      showSecret(result.patToken, created.token);
      say(`Created “${result.patToken.displayName}”.`);
    }
    emit(TOKENS_CHANGED);
  } catch (err) {
    say("");
    showProblems(await explain(err, form));
    focusFirstProblem();
  } finally {
    created = null;
  }
}

/**
 * As the user fixes a field, its error goes (as GitHub's forms do); a new problem waits for the
 * next submit, so nothing turns red while it is being typed.
 */
function clearFixed() {
  const shown = ERROR_IDS.filter((id) => $(id).textContent !== "");
  if (shown.length === 0) return;
  const plan = planToken(readForm(), { policy: session.current.policy, now: clock.now(), timeZone: clock.timeZone, editing });
  const still = new Set(plan.ok ? [] : Object.keys(plan.problems).map((field) => FIELD_ERRORS[field] ?? "token-form-error"));
  for (const id of shown) if (!still.has(id)) fieldError(id, "");
}

$("token-form").addEventListener("submit", submit);
$("token-form").addEventListener("input", clearFixed);
$("token-form").addEventListener("change", clearFixed);
$("token-lifespan").addEventListener("change", syncLifespan);
$("new-token").addEventListener("click", () => openCreate());
$("token-cancel").addEventListener("click", () => $("token-dialog").close());
$("token-dialog").addEventListener("close", () => {
  if (location.pathname === "/tokens/new") history.replaceState(null, "", "/tokens");
});
