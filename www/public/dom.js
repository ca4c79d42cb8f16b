// Small DOM helpers shared by the views. Elements are built with createElement and text nodes,
// never from HTML strings.

export const $ = (id) => document.getElementById(id);

/** Builds an element; attributes `on…` are listeners; children are text or nodes. */
export function h(tag, attrs = {}, ...children) {
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

/**
 * A `<time>` element showing `text` for the instant `ms`: the exact instant is its datetime and
 * its title (shown on hover); plain text when there is no instant.
 */
export function timeAt(ms, text) {
  if (ms == null || Number.isNaN(ms)) return text;
  const exact = new Date(ms).toISOString();
  return h("time", { datetime: exact, title: exact }, text);
}

/** The page's status line (a polite live region). */
export function say(message) {
  $("status").textContent = message;
}

/** Shows `message` (or nothing) in the error element `id` and marks the field it describes. */
export function fieldError(id, message) {
  $(id).textContent = message ?? "";
  const input = document.querySelector(`[aria-describedby~="${id}"]`);
  if (input) input.setAttribute("aria-invalid", message ? "true" : "false");
}

/** Runs `work` with `button` busy, saying `message` in the status line meanwhile. */
export async function busy(button, message, work) {
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

/** A token was created, changed or revoked: the list reloads, the notification count refreshes. */
export const TOKENS_CHANGED = "patgate:tokens-changed";

/** Signals the rest of the portal. */
export const emit = (name, detail) => window.dispatchEvent(new CustomEvent(name, { detail }));
export const on = (name, listener) => window.addEventListener(name, listener);

/** Asks for confirmation in the confirm dialog; resolves to true when the person confirms. */
export function confirmAction(title, text, action) {
  const d = $("confirm-dialog");
  $("confirm-title").textContent = title;
  $("confirm-text").textContent = text;
  $("confirm-ok").textContent = action;
  d.returnValue = "";
  d.showModal();
  return new Promise((resolve) => d.addEventListener("close", () => resolve(d.returnValue === "confirm"), { once: true }));
}
