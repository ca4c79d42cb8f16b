// Regenerate: a new token, generated here, replaces a token's secret; the old one works on for
// the grace period chosen. Only the new token's digest and hint are sent.
import { generateToken } from "../pkg/browser.js";
import { $, TOKENS_CHANGED, busy, emit, say } from "../dom.js";
import { api } from "../context.js";
import { showSecret } from "./secret.js";

/** The PatToken being regenerated. */
let regenerating = null;

export function openRegenerate(t) {
  regenerating = t;
  $("regenerate-name").textContent = t.displayName;
  $("regenerate-grace").value = "0";
  $("regenerate-error").textContent = "";
  $("regenerate-dialog").showModal();
}

$("regenerate-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const t = regenerating;
  const button = e.submitter ?? $("regenerate-form").querySelector("button.primary");
  let fresh = generateToken();
  try {
    const body = { digest: fresh.digest, hint: fresh.hint, graceMinutes: Number($("regenerate-grace").value) };
    const r = await busy(button, "Regenerating…", () => api("POST", `/_apis/tokens/pats/${encodeURIComponent(t.authorizationId)}/regenerate`, body));
    $("regenerate-dialog").close();
    showSecret(r.patToken, fresh.token);
    say(`Regenerated “${t.displayName}”.`);
    emit(TOKENS_CHANGED);
  } catch (err) {
    say("");
    $("regenerate-error").textContent = err.body?.message ?? "Could not regenerate the token.";
  } finally {
    fresh = null;
  }
});
