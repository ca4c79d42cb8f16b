// Warns before a token is pasted where it does not belong (a token's name, a search box, any
// text field): the core's scan finds it in the pasted text; nothing is pasted unless the user
// says so. Fields marked data-accepts-token (the leak report) take tokens without a warning.
import { scan } from "../pkg/browser.js";
import { $ } from "../dom.js";

// Longer pastes are not scanned: a token pasted by mistake comes with little around it.
const MAX_SCANNED = 1 << 20;

/** Asks whether to paste text holding the tokens `found`; resolves to true to paste it. */
function confirmPaste(found) {
  const dialog = $("paste-dialog");
  const hints = found.map((f) => `…${f.hint}`).join(", ");
  $("paste-text").textContent =
    `The text you are pasting holds ${found.length === 1 ? "a token" : `${found.length} tokens`} (${hints}). ` +
    "A token is a password: anyone who sees this field's value could use it. Paste it only if you mean to.";
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "paste"), { once: true }));
}

export function guardPastes() {
  document.addEventListener("paste", async (e) => {
    const field = e.target;
    const typed = field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && field.type !== "password");
    if (!typed || field.hasAttribute("data-accepts-token")) return;
    const text = e.clipboardData?.getData("text/plain") ?? "";
    if (text.length > MAX_SCANNED) return;
    const found = scan(text);
    if (found.length === 0) return;
    e.preventDefault();
    if (!(await confirmPaste(found))) return;
    field.focus();
    field.setRangeText(text, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, "end");
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }, true);
}
