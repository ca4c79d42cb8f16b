// The show-once dialog. While it is open, a new token is in the read-only field and in the
// usage examples of this dialog, nowhere else (no storage, URL, cookie or console); closing it
// empties all of them. The Authorization header is the core's formatBasic.
import { formatBasic } from "../pkg/browser.js";
import { $ } from "../dom.js";

const HOLDERS = ["use-git", "use-curl", "use-header", "secret-copied"];

/** Opens the dialog for the token `token` named `name`, with the field selected for copying. */
export function showSecret(name, token) {
  $("secret-name").textContent = name;
  $("secret-value").value = token;
  $("use-git").textContent = `git clone ${location.protocol}//anything:${token}@${location.host}/fabrikam/demo/_git/demo`;
  $("use-curl").textContent = `curl -u anything:${token} ${location.origin}/fabrikam/_apis/projects`;
  $("use-header").textContent = `Authorization: ${formatBasic(token)}`;
  $("secret-copied").textContent = "";
  $("secret-dialog").showModal();
  $("secret-value").focus();
  $("secret-value").select();
}

function forget() {
  $("secret-value").value = "";
  for (const id of HOLDERS) $(id).textContent = "";
}

$("secret-copy").addEventListener("click", async () => {
  let copied = false;
  try {
    await navigator.clipboard.writeText($("secret-value").value);
    copied = true;
  } catch {
    // Browsers without the async Clipboard API (or without the permission).
    $("secret-value").select();
    copied = document.execCommand?.("copy") ?? false;
  }
  $("secret-copied").textContent = copied ? "Copied to the clipboard." : "Select the token and copy it with Ctrl+C (⌘C).";
});

$("secret-close").addEventListener("click", () => {
  forget();
  $("secret-dialog").close();
});

// Escape closes it too: forget in every case, and give the focus back to "New token".
$("secret-dialog").addEventListener("close", () => {
  forget();
  $("new-token").focus();
});
