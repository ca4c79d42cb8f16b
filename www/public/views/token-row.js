// One token as a table row, for the user's list and the administrator's. Its status is the
// core's (tokenStatus) at the same instant as its relative dates, so they never disagree.
import { graceUntil, tokenStatus } from "../pkg/browser.js";
import { h, timeAt } from "../dom.js";
import { calendarDays, dateText, dueText, instant, sinceText, whenText } from "../time.js";
import { FULL_ACCESS } from "../token-plan.js";

// An active token whose expiry is this many calendar days away or fewer is flagged, the week
// the worker's expiry notice covers.
const SOON_DAYS = 7;

function expiresCell(validTo, status, now, timeZone, revokedAt) {
  if (status === "expired") return h("td", { "data-label": "Expires" }, "expired");
  // A revoked token no longer expires: when it was revoked is what matters.
  if (status === "revoked") return h("td", { "data-label": "Expires", class: "revoked-at" }, "revoked ", timeAt(revokedAt, whenText(revokedAt, timeZone)));
  const text = `${dateText(validTo, timeZone)} (${dueText(validTo, now, timeZone)})`;
  if (status === "active" && calendarDays(now, validTo, timeZone) <= SOON_DAYS) {
    return h("td", { "data-label": "Expires" }, h("span", { class: "soon" }, "⚠ ", timeAt(validTo, text)), h("span", { class: "visually-hidden" }, " — expires soon"));
  }
  return h("td", { "data-label": "Expires" }, timeAt(validTo, text));
}

/** Why a token was reported, and where: "revoked because it leaked", or a call to revoke it. */
function leakNote(leak, status) {
  if (!leak) return null;
  // Only a web address becomes a link (the server keeps no other kind; this page checks again).
  const linked = typeof leak.url === "string" && /^https:\/\//i.test(leak.url);
  const where = linked ? h("a", { href: leak.url, rel: "noreferrer noopener", target: "_blank" }, "where it was found") : "reported publicly";
  const what = status === "revoked" ? "revoked because it leaked" : "leaked: revoke it";
  return h("span", { class: "leak" }, ` (⚠ ${what}; `, where, ")");
}

/**
 * The row for the API's PatToken `t` at `now`. `actions` are the buttons this list offers:
 * `{ edit, regenerate, revoke, history }` callbacks, each optional; none but history is offered
 * for a revoked token, and no edit for an expired one (the server refuses it: it can be
 * regenerated).
 * `admin` adds the owner and leaves out the creation date and the hint.
 */
export function tokenRow(t, { now, timeZone, admin = false, actions = {} }) {
  const validTo = instant(t.validTo);
  const status = tokenStatus(instant(t.validFrom), validTo, instant(t.revokedAt), now);
  const buttons = [];
  if (status !== "revoked") {
    if (actions.edit && status !== "expired") buttons.push(h("button", { type: "button", class: "small", onclick: () => actions.edit(t), "aria-label": `Edit ${t.displayName}` }, "Edit"));
    if (actions.regenerate) buttons.push(h("button", { type: "button", class: "small", onclick: () => actions.regenerate(t), "aria-label": `Regenerate ${t.displayName}` }, "Regenerate"));
    if (actions.revoke) buttons.push(h("button", { type: "button", class: "small danger", onclick: () => actions.revoke(t), "aria-label": `Revoke ${t.displayName}` }, "Revoke"));
  }
  // Whatever its status, a token has a history.
  if (actions.history) buttons.push(h("button", { type: "button", class: "small", onclick: () => actions.history(t), "aria-label": `History of ${t.displayName}` }, "History"));
  // The replaced secret's grace as the core sees it now (the list was read a moment ago).
  const grace = graceUntil(instant(t.validFrom), validTo, instant(t.revokedAt), instant(t.graceUntil), now);
  const cells = [
    admin ? h("td", { "data-label": "Owner" }, t.owner) : null,
    h("td", { "data-label": "Name" }, t.displayName),
    h("td", { "data-label": "Organization" }, t.allOrgs ? "All accessible organizations" : t.organization),
    h("td", { class: "scopes", "data-label": "Scopes" }, t.scope === FULL_ACCESS ? "Full access" : t.scope.split(" ").join(", ")),
    admin ? null : h("td", { "data-label": "Created" }, timeAt(instant(t.createdAt), dateText(instant(t.createdAt), timeZone))),
    expiresCell(validTo, status, now, timeZone, instant(t.revokedAt)),
    h("td", { "data-label": "Last used" }, timeAt(instant(t.lastUsedAt), sinceText(instant(t.lastUsedAt), now, timeZone))),
    h("td", { "data-label": "Status" }, h("span", { class: `pill ${status}` }, status === "notYetValid" ? "not yet valid" : status), grace === null ? null : [" (previous token until ", timeAt(grace, whenText(grace, timeZone)), ")"], leakNote(t.leak, status)),
    admin ? null : h("td", { class: "mono", "data-label": "Token" }, `…${t.hint}`),
    h("td", {}, h("div", { class: "row-actions" }, buttons)),
  ];
  return h("tr", { "data-id": t.authorizationId }, cells);
}
