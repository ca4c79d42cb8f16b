// Who may call a route: each access is a middleware, a function of the request's context that
// answers what the handler may use (`{ session }`, the gate's `{ grant, headers }`, or `{}`), a
// refusal (`{ response }`), or null for a hidden route whose key the caller lacks (it answers
// 404, as if it were not there). A client's mistake throws an HttpError.
import { checkCsrf, countChange, currentSession, isLocalScheduler, sessionChallenge } from "./accounts.js";
import { guard } from "./protected.js";
import { HttpError } from "./http.js";
import { settings } from "./settings.js";

const changing = (request) => request.method !== "GET" && request.method !== "HEAD";

/** Anyone; the session if there is one. A change must come from the portal's own origin. */
export async function anyone(c) {
  const session = await currentSession(c.request, c.env, c.url, c.now);
  if (changing(c.request)) checkCsrf(c.request, c.url, null);
  return { session };
}

/**
 * A signed-in user (an administrator, with `admin`): a change must also carry the session's
 * CSRF token, and counts against the user's change quota before anything is written.
 */
async function sessionOf(c, { admin }) {
  const session = await currentSession(c.request, c.env, c.url, c.now);
  if (changing(c.request)) checkCsrf(c.request, c.url, session);
  if (!session) throw new HttpError(401, "not_signed_in", "sign in first", { headers: { "WWW-Authenticate": sessionChallenge(c.url) } });
  if (admin && !session.user.isAdmin) throw new HttpError(403, "forbidden", "administrators only");
  if (changing(c.request)) countChange(c.env, session.user.id, c.now);
  return { session };
}

export const signedIn = (c) => sessionOf(c, { admin: false });
export const administrator = (c) => sessionOf(c, { admin: true });

/** A valid token of the route's organization that grants `scope` (null: any scope), decided by the gate. */
export const token = (scope) => (c) => guard(c.request, c.url, c.env, c.ctx, c.now, c.params.org, scope);

/** Tests only: a deployment with PATGATE_TEST_CLOCK=true. */
export const testClock = async (c) => (settings(c.env).testClock ? {} : null);

/** The run command's hourly loop: its key. */
export const localScheduler = async (c) => ((await isLocalScheduler(c.request, c.env)) ? {} : null);

/**
 * A handler for a route under `/{org}/`: the caller must belong to that organization; lists are
 * then of the tokens that act in it, and a create (or an update to `allOrgs: false`) names it
 * unless the body says otherwise.
 */
export function inOrganization(handler) {
  return (c) => {
    if (!c.session.user.organizations.includes(c.params.org)) throw new HttpError(404, "not_found", "no such organization among yours");
    return handler({ ...c, organization: c.params.org });
  };
}
