// The show-once dialog. While it is open, a new token is in the read-only field and in the
// header example of this dialog, nowhere else (no storage, URL, cookie or console); closing it
// empties both. The Authorization header is the core's formatBasic; the commands read the token
// from the shell ($PAT) and hold none.
import { formatBasic, scopesGrant } from "../pkg/browser.js";
import { session } from "../context.js";
import { $ } from "../dom.js";
import { READ_TOKEN, usageExamples } from "../usage.js";

const HOLDERS = ["use-git", "use-curl", "use-header", "secret-copied"];

$("use-read").textContent = READ_TOKEN;

/**
 * Opens the dialog for the new `token` of `patToken` (the API's PatToken), with the field
 * selected for copying and examples that work for this token's organization and scopes.
 */
export function showSecret(patToken, token) {
  const { user, repositories = [] } = session.current;
  const authorization = formatBasic(token);
  const { git, curl } = usageExamples(patToken, { origin: location.origin, repositories, organizations: user.organizations, grants: scopesGrant });
  $("secret-name").textContent = patToken.displayName;
  $("secret-value").value = token;
  $("use-git-block").hidden = git === null;
  $("use-git").textContent = git ?? "";
  $("use-curl").textContent = curl;
  $("use-header").textContent = `Authorization: ${authorization}`;
  $("secret-copied").textContent = "";
  copiedOrWarned = false;
  $("secret-dialog").showModal();
  $("secret-value").focus();
  $("secret-value").select();
}

/** Whether Escape may close the dialog: once the token was copied, or after one warning. */
let copiedOrWarned = false;

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
  copiedOrWarned ||= copied;
});

// Escape before the token was copied warns once (it cannot be shown again); the next one closes.
$("secret-dialog").addEventListener("cancel", (e) => {
  if (copiedOrWarned) return;
  e.preventDefault();
  copiedOrWarned = true;
  $("secret-copied").textContent = "This token will not be shown again: copy it now, or press Escape again to close.";
});

$("secret-close").addEventListener("click", () => {
  forget();
  $("secret-dialog").close();
});

// However it closes: forget, and give the focus back to "New token".
$("secret-dialog").addEventListener("close", () => {
  forget();
  $("new-token").focus();
});
