// The public "report a leaked token" page: the core's scan finds the tokens in the pasted text,
// and only their digests are sent. The answer is the same whether or not they were live.
import { scan } from "../pkg/browser.js";
import { api } from "../context.js";
import { $, busy, say } from "../dom.js";

function found() {
  return scan($("report-text").value);
}

$("report-text").addEventListener("input", () => {
  const f = found();
  $("report-error").textContent = "";
  $("report-found").textContent = f.length === 0 ? "" : `Found ${f.length === 1 ? "1 token" : `${f.length} tokens`}: ${f.map((t) => `…${t.hint}`).join(", ")}.`;
});

$("report-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const credentials = [...new Set(found().map((t) => t.digest))];
  if (credentials.length === 0) {
    $("report-error").textContent = "No patgate token found in this text.";
    return;
  }
  try {
    const button = e.submitter ?? $("report-form").querySelector("button");
    const r = await busy(button, "Reporting…", () => api("POST", "/_apis/tokens/revocations/public", { credentials }));
    $("report-text").value = "";
    $("report-found").textContent = "";
    say(`Reported ${credentials.length === 1 ? "1 token" : `${credentials.length} tokens`}. ${r.message}`);
  } catch (err) {
    $("report-error").textContent = err.body?.message ?? "Could not send the report.";
  }
});
