// The /device page: a tool (patgate's git credential helper, `patgate token`) asked for a token
// and printed a code; its user enters the code here (or follows the link with it, and still
// confirms), sees what was asked for, from which address, and approves or denies. The tool made
// the token's secret itself: nothing secret is shown or sent here.
import { api, clock, session } from "../context.js";
import { $, busy, h, say, timeAt } from "../dom.js";
import { whenText } from "../time.js";

let current = null; // the request on show: its code and what the API said of it

const when = (iso) => (iso ? timeAt(Date.parse(iso), whenText(Date.parse(iso), clock.timeZone)) : "");

/** Opens the page with `code` (from the link) in the field, waiting for the user to look it up. */
export function openDevice(code) {
  current = null;
  $("device-request").hidden = true;
  $("device-done").textContent = "";
  $("device-error").textContent = "";
  $("device-code").value = code ?? "";
  $("device-code").focus();
}

function organizationField(request) {
  const field = $("device-organization");
  field.replaceChildren();
  if (request.organization !== null) {
    field.append(h("option", { value: request.organization, selected: true }, request.organization));
    field.disabled = true;
    return;
  }
  field.disabled = false;
  field.append(h("option", { value: "" }, "Choose an organization"));
  for (const o of session.current.user.organizations) field.append(h("option", { value: o }, o));
  field.append(h("option", { value: "*" }, "All accessible organizations"));
}

function show(request) {
  current = request;
  $("device-request").hidden = false;
  $("device-name").textContent = request.displayName;
  $("device-scope").textContent = request.scope;
  $("device-expires").replaceChildren(request.validTo ? when(request.validTo) : "in 30 days (or the policy's maximum, if shorter)");
  $("device-from").replaceChildren(`${request.requestedFrom}${request.requestedBy ? ` (${request.requestedBy})` : ""}, `, when(request.requestedAt));
  $("device-warning").hidden = request.sameAddress;
  $("device-warning").textContent = request.sameAddress ? "" :
    `This request came from ${request.requestedFrom}, and you are at ${request.yourAddress}. Approve it only if you started it yourself, just now: ` +
    "someone who sends you a code is asking for a token to your account.";
  organizationField(request);
  const pending = request.state === "pending";
  $("device-approve").disabled = $("device-deny").disabled = !pending;
  $("device-state").replaceChildren(...(pending ? ["Waiting for you until ", when(request.expiresAt), "."] : [`This request was ${request.state}.`]));
}

$("device-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("device-error").textContent = "";
  $("device-done").textContent = "";
  const code = $("device-code").value.trim();
  if (code === "") {
    $("device-error").textContent = "Enter the code the tool showed you.";
    return;
  }
  try {
    const request = await busy(e.submitter ?? $("device-look"), "Looking…", () => api("GET", `/_apis/tokens/requests/${encodeURIComponent(code)}`));
    show({ ...request, code });
  } catch (err) {
    $("device-request").hidden = true;
    $("device-error").textContent = err.body?.message ?? "Could not look the code up.";
  }
});

$("device-approve").addEventListener("click", async () => {
  if (!current) return;
  const chosen = $("device-organization").value;
  if (current.organization === null && chosen === "") {
    $("device-error").textContent = "Choose the organization the token is for.";
    $("device-organization").focus();
    return;
  }
  const body = current.organization !== null ? {} : chosen === "*" ? { allOrgs: true } : { organization: chosen };
  try {
    await busy($("device-approve"), "Approving…", () => api("POST", `/_apis/tokens/requests/${encodeURIComponent(current.code)}/approve`, body));
    finish(`Approved. The tool has its token "${current.displayName}" now; you can close this page.`);
  } catch (err) {
    $("device-error").textContent = err.body?.message ?? "Could not approve the request.";
  }
});

$("device-deny").addEventListener("click", async () => {
  if (!current) return;
  try {
    await busy($("device-deny"), "Denying…", () => api("POST", `/_apis/tokens/requests/${encodeURIComponent(current.code)}/deny`));
    finish("Denied. The tool gets no token.");
  } catch (err) {
    $("device-error").textContent = err.body?.message ?? "Could not deny the request.";
  }
});

function finish(message) {
  $("device-request").hidden = true;
  $("device-done").textContent = message;
  say(message);
  current = null;
}
