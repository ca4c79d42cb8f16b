// patgate portal. Tokens are generated here by the core (the wasm module); only their digest and
// hint go to the server. Every rule (scopes, lifespans, policy, status, header formats) is the
// core's: the portal asks it and only words the answers. This module loads the core, reads the
// session and decides what each path shows; the views live in views/, one module each.
import { init } from "./pkg/browser.js";
import { ApiError, SIGNED_OUT } from "./api.js";
import { session } from "./context.js";
import { $, say } from "./dom.js";
import { createRouter, showView } from "./router.js";
import { loadActivity } from "./views/activity.js";
import { loadAdmin } from "./views/admin.js";
import { guardPastes } from "./views/paste-guard.js";
import "./views/report.js";
import { refreshNotices } from "./views/notices.js";
import { setupScopes } from "./views/scopes.js";
import { forgetSession, loadSession, setupSignIn } from "./views/signin.js";
import { openCreate } from "./views/token-form.js";
import { openDevice } from "./views/device.js";
import { loadTokens } from "./views/tokens.js";

/** Shows what `url` asks for; #main is aria-busy until its data is in. */
async function render(url) {
  $("main").setAttribute("aria-busy", "true");
  try {
    await show(url);
  } finally {
    $("main").removeAttribute("aria-busy");
  }
}

async function show(url) {
  const signedIn = session.current !== null;
  $("nav").hidden = $("who").hidden = !signedIn;
  // Anyone may report a leaked token, signed in or not.
  if (url.pathname === "/report") {
    showView("report");
    $("report-text").focus();
    return;
  }
  if (!signedIn) {
    showView("signin");
    $("signin-user").focus();
    return;
  }
  if (url.pathname === "/device") {
    showView("device");
    openDevice(url.searchParams.get("code"));
  } else if (url.pathname === "/admin" && session.current.user.isAdmin) {
    showView("admin");
    await loadAdmin();
  } else if (url.pathname === "/activity") {
    showView("activity");
    await loadActivity();
  } else {
    showView("tokens");
    await loadTokens();
    if (url.pathname === "/tokens/new") openCreate(url.searchParams);
  }
  await refreshNotices();
}

// Buttons marked data-close close their dialog (Cancel in "Regenerate", Close in notifications).
for (const b of document.querySelectorAll("dialog [data-close]")) b.addEventListener("click", () => b.closest("dialog").close());

const router = createRouter(render);
setupSignIn(router.go);

// The server ended the session (it answered 401): close any dialog and show the sign-in form
// in place, so that signing in again returns to this page.
window.addEventListener(SIGNED_OUT, () => {
  for (const d of document.querySelectorAll("dialog[open]")) d.close();
  forgetSession();
  router.go(undefined, false);
});

// A request that failed where no view shows its error: a 401 is handled above; anything else
// is said in the status line rather than thrown at the console.
window.addEventListener("unhandledrejection", (e) => {
  if (!(e.reason instanceof ApiError)) return;
  e.preventDefault();
  if (e.reason.status !== 401) say(`That did not work: ${e.reason.message}`);
});

await init();
guardPastes();
setupScopes();
await loadSession();
await router.go(undefined, false);
document.documentElement.dataset.ready = "true";
