// Signing in and out, and who is signed in (the header's name and the administrator's link).
import { $, busy, fieldError, say } from "../dom.js";
import { api, session } from "../context.js";

/** Shows who is signed in (or nobody). */
export function showWho() {
  const s = session.current;
  $("whoami").textContent = s ? `${s.user.displayName} (${s.user.id})` : "";
  $("nav-admin").hidden = !s?.user.isAdmin;
}

/** Reads the current session, if the cookie still holds one. */
export async function loadSession() {
  // A browser that never signed in (or signed out) has no presence cookie: nothing to ask.
  const present = document.cookie.split(";").some((c) => c.trim() === "patgate_present=1");
  session.current = present ? await api("GET", "/_apis/session").catch(() => null) : null;
  showWho();
}

/** Forgets the session locally (the server ended it, or the person signed out). */
export function forgetSession() {
  session.current = null;
  showWho();
  // Nothing of this user's stays on the page for whoever signs in next.
  for (const id of ["tokens-table", "activity-table", "admin-table", "audit-table"]) $(id).tBodies[0].replaceChildren();
}

const wrongCredentials = (err) =>
  err.status === 429
    ? "Too many failed attempts. Wait a few minutes and try again."
    : err.status === 401
      ? "Wrong user name or password."
      : (err.body?.message ?? "Could not sign in.");

/** Wires the sign-in form and the sign-out button; `go(path)` shows a page afterwards. */
export function setupSignIn(go) {
  $("signin-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const userName = $("signin-user").value.trim();
    const password = $("signin-password").value;
    fieldError("signin-error", "");
    if (!userName || !password) {
      $("signin-error").textContent = "Enter your user name and password.";
      return;
    }
    const button = e.submitter ?? $("signin-form").querySelector("button");
    try {
      session.current = await busy(button, "Signing in…", () => api("POST", "/_apis/session", { userName, password }));
      $("signin-password").value = "";
      showWho();
      say(`Signed in as ${session.current.user.displayName}.`);
      const here = location.pathname + location.search;
      await go(location.pathname === "/" || location.pathname === "/signin" ? "/tokens" : here);
      $("main").focus();
    } catch (err) {
      $("signin-password").value = "";
      say("");
      $("signin-error").textContent = wrongCredentials(err);
      $("signin-password").focus();
    }
  });

  $("signout").addEventListener("click", async () => {
    await api("DELETE", "/_apis/session").catch(() => {});
    forgetSession();
    say("Signed out.");
    await go("/signin");
  });
}
