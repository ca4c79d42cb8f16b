// The session routes: sign in (and the portal's first knowledge of its user), sign out.
import { checkCsrf, currentSession, signIn, signOut } from "../accounts.js";
import { policyFor } from "../core.js";
import { HttpError, clientAddress, json, readJson } from "../http.js";
import * as store from "../stores/index.js";

/**
 * What the portal knows of its user: the account, the CSRF token, the policy, and the git
 * repositories of the user's organizations (the show-once dialog's clone command names one).
 */
export async function sessionBody(env, session) {
  const [policy, repositories] = await Promise.all([store.policy(env), store.repositoriesIn(env, session.user.organizations)]);
  return { user: session.user, csrfToken: session.csrf, policy: policyFor(policy, session.user), repositories };
}

export async function createSession({ request, env, url, now }) {
  const body = await readJson(request, ["userName", "password"]);
  if (typeof body.userName !== "string" || body.userName.length === 0 || body.userName.length > 64) {
    throw new HttpError(400, "invalid_field", "userName is required", { field: "userName" });
  }
  if (typeof body.password !== "string" || body.password.length === 0 || body.password.length > 256) {
    throw new HttpError(400, "invalid_field", "password is required", { field: "password" });
  }
  const { csrf, value, cookies } = await signIn(env, url, now, body.userName.toLowerCase(), body.password, clientAddress(request, env), request);
  const session = await currentSession(new Request(url, { headers: { cookie: cookies[0].split(";")[0] } }), env, url, now);
  if (!session || session.csrf !== csrf || !value) throw new Error("the new session was not stored");
  const response = json(await sessionBody(env, session));
  for (const c of cookies) response.headers.append("Set-Cookie", c);
  return response;
}

export async function deleteSession({ request, env, url, now, session }) {
  // Signing out changes state too: with a session, its CSRF token is required like anywhere else.
  checkCsrf(request, url, session);
  const response = json(null, 204);
  for (const c of await signOut(env, url, now, session)) response.headers.append("Set-Cookie", c);
  return response;
}
