// patgate's worker: one route table for the management API and the protected resources; every
// other GET is the portal's static files.
import { checkCsrf, countChange, currentSession, isLocalScheduler, seedDemo, sessionChallenge, signIn, signOut } from "./accounts.js";
import { credentialInUrl, guard } from "./gate.js";
import { pepperCheck } from "./core.js";
import { HttpError, apiError, clientAddress, errorResponse, iso, json, readJson, secured } from "./http.js";
import { githubReport, publicReport } from "./leaks.js";
import { deliver, scanExpiring } from "./notify.js";
import { builds, gitFile, oneRepository, project, projectBuilds, projects, repositories } from "./resources.js";
import { API_VERSIONS, LOCATION, apiVersion, locations, resourceAreas } from "./locations.js";
import { expireAudit } from "./retention.js";
import { Router } from "./router.js";
import { advance, freeze, now as clock } from "./clock.js";
import { ConfigurationError, settings } from "./settings.js";
import * as store from "./store.js";
import { auditQuery, booleanOption, continuationToken, listQuery } from "./query.js";
import * as tokens from "./tokens.js";

// Who may call a route.
const ANYONE = { kind: "anyone" };
const SESSION = { kind: "session" };
const ADMIN = { kind: "admin" };
const TEST_CLOCK = { kind: "testClock" };
const LOCAL_SCHEDULER = { kind: "localScheduler" };
const TOKEN = (scope) => ({ kind: "token", scope });

// The api-versions a route takes (Azure DevOps' for its APIs; any up to the latest elsewhere).
const PATS = { version: API_VERSIONS.tokens };
const TOKEN_ADMIN = { version: API_VERSIONS.tokenAdmin };
const CORE = { version: LOCATION.core };
const BUILD = { version: LOCATION.build };
const GIT = { version: LOCATION.git };

const routes = new Router()
  .on("GET", "/_apis/health", ANYONE, () => json({ status: "ok" }), { seed: false })
  .on("POST", "/_apis/session", ANYONE, createSession)
  .on("GET", "/_apis/session", SESSION, async ({ env, session }) => json(await sessionBody(env, session)))
  .on("DELETE", "/_apis/session", ANYONE, deleteSession)
  .on("GET", "/_apis/policies", SESSION, async ({ env }) => json(await store.policy(env)))
  .on("GET", "/_apis/tokens/pats", SESSION, listOrGetMine, PATS)
  .on("POST", "/_apis/tokens/pats", SESSION, createPat, PATS)
  .on("PUT", "/_apis/tokens/pats", SESSION, updatePat, PATS)
  .on("DELETE", "/_apis/tokens/pats", SESSION, async (c) => (await tokens.revokePat(c.env, c.now, c.session.user, c.url.searchParams.get("authorizationId")), json(null, 204)), PATS)
  .on("POST", "/_apis/tokens/pats/revokeall", SESSION, async (c) => json({ revoked: await tokens.revokeAllMine(c.env, c.now, c.session.user) }), PATS)
  .on("POST", "/_apis/tokens/pats/{id}/regenerate", SESSION, regeneratePat, PATS)
  // The same PAT and token administration routes under an organization, as Azure DevOps has them.
  .on("GET", "/{org}/_apis/tokens/pats", SESSION, inOrganization(listOrGetMine), PATS)
  .on("POST", "/{org}/_apis/tokens/pats", SESSION, inOrganization(createPat), PATS)
  .on("PUT", "/{org}/_apis/tokens/pats", SESSION, inOrganization(updatePat), PATS)
  .on("DELETE", "/{org}/_apis/tokens/pats", SESSION, inOrganization(async (c) => (await tokens.revokePat(c.env, c.now, c.session.user, c.url.searchParams.get("authorizationId")), json(null, 204))), PATS)
  .on("GET", "/{org}/_apis/tokenadmin/personalaccesstokens/{user}", ADMIN, inOrganization(adminList), TOKEN_ADMIN)
  // Azure DevOps answers these 204 and 201; the rule's answer also says how many it revoked.
  .on("POST", "/{org}/_apis/tokenadmin/revocations", ADMIN, inOrganization(async (c) => {
    const isPublic = booleanOption(c.url, "isPublic", false);
    await tokens.adminRevoke(c.env, c.now, c.session.user, await readJson(c.request, null), c.params.org, { isPublic });
    return json(null, 204);
  }), TOKEN_ADMIN)
  .on("POST", "/{org}/_apis/tokenadmin/revocationrules", ADMIN, inOrganization(async (c) => {
    const revoked = await tokens.revocationRule(c.env, c.now, c.session.user, c.params.org, await readJson(c.request, ["scopes", "createdBefore"]));
    return json({ revoked }, 201);
  }), TOKEN_ADMIN)
  .on("POST", "/_apis/tokens/leaks/github", ANYONE, githubReport)
  .on("POST", "/_apis/tokens/revocations/public", ANYONE, publicReport)
  .on("GET", "/_apis/audit", SESSION, myActivity)
  .on("GET", "/_apis/notifications", SESSION, notifications)
  .on("POST", "/_apis/notifications", SESSION, markNotificationsRead)
  .on("GET", "/_apis/tokenadmin/personalaccesstokens", ADMIN, adminList, TOKEN_ADMIN)
  .on("GET", "/_apis/tokenadmin/personalaccesstokens/{user}", ADMIN, adminList, TOKEN_ADMIN)
  .on("POST", "/_apis/tokenadmin/revocations", ADMIN, async (c) => json({ revoked: await tokens.adminRevoke(c.env, c.now, c.session.user, await readJson(c.request, null)) }), TOKEN_ADMIN)
  .on("POST", "/_apis/tokenadmin/revocations/users", ADMIN, async (c) => json({ revoked: await tokens.adminRevokeUser(c.env, c.now, c.session.user, await readJson(c.request, ["user"])) }))
  .on("GET", "/_apis/tokenadmin/policies", ADMIN, async ({ env }) => json(await store.policy(env)))
  .on("PUT", "/_apis/tokenadmin/policies", ADMIN, async (c) => json(await tokens.setPolicy(c.env, c.now, c.session.user, await readJson(c.request, ["maxLifespanDays", "restrictFullAccess", "autoRevokeLeaked"]))))
  .on("GET", "/_apis/tokenadmin/users", ADMIN, adminUsers)
  .on("GET", "/_apis/tokenadmin/audit", ADMIN, adminAudit)
  // Hidden: without their setting or key, these answer 404 to everything, as if they were not there.
  .on("POST", "/_apis/testing/clock", TEST_CLOCK, moveClock, { hidden: true })
  // The hourly job, run by scripts/run.sh's loop: wrangler dev runs no cron.
  .on("POST", "/_apis/local/scheduled", LOCAL_SCHEDULER, async ({ env, ctx, now }) => json(await hourly(env, ctx, now)), { hidden: true })
  // Azure DevOps' location service: any valid token of the organization, whatever its scopes.
  .on("OPTIONS", "/{org}/_apis", TOKEN(null), () => json(locations()))
  .on("OPTIONS", "/{org}/_apis/{area}", TOKEN(null), ({ params }) => json(locations(params.area)))
  .on("GET", "/{org}/_apis/ResourceAreas", TOKEN(null), ({ url, params }) => json(resourceAreas(`${url.origin}/${params.org}/`)))
  .on("GET", "/{org}/_apis/ResourceAreas/{areaId}", TOKEN(null), areaOf)
  .on("GET", "/{org}/_apis/projects", TOKEN("vso.project"), projects, CORE)
  .on("GET", "/{org}/_apis/projects/{project}", TOKEN("vso.project"), project, CORE)
  .on("GET", "/{org}/_apis/build/builds", TOKEN("vso.build"), builds, BUILD)
  .on("GET", "/{org}/{project}/_apis/build/builds", TOKEN("vso.build"), projectBuilds, BUILD)
  .on("GET", "/{org}/_apis/git/repositories", TOKEN("vso.code"), repositories, GIT)
  .on("GET", "/{org}/{project}/_apis/git/repositories", TOKEN("vso.code"), repositories, GIT)
  .on("GET", "/{org}/{project}/_apis/git/repositories/{repository}", TOKEN("vso.code"), oneRepository, GIT)
  .on("GET", "/{org}/{project}/_git/{repo}/{*path}", TOKEN("vso.code"), gitFile)
  // Azure DevOps' short form for a project's default repository (named as the project).
  .on("GET", "/{org}/_git/{repo}/{*path}", TOKEN("vso.code"), gitFile);

// ---- handlers ---------------------------------------------------------------------------------

function areaOf({ url, params }) {
  const area = resourceAreas(`${url.origin}/${params.org}/`, params.areaId);
  return area ? json(area) : apiError(404, "VssResourceNotFoundException", `resource area ${params.areaId} is not served here`);
}

/**
 * What the portal knows of its user: the account, the CSRF token, the policy, and the git
 * repositories of the user's organizations (the show-once dialog's clone command names one).
 */
async function sessionBody(env, session) {
  const [policy, repositories] = await Promise.all([store.policy(env), store.repositoriesIn(env, session.user.organizations)]);
  return { user: session.user, csrfToken: session.csrf, policy, repositories };
}

async function createSession({ request, env, url, now }) {
  const body = await readJson(request, ["userName", "password"]);
  if (typeof body.userName !== "string" || body.userName.length === 0 || body.userName.length > 64) {
    throw new HttpError(400, "invalid_field", "userName is required", { field: "userName" });
  }
  if (typeof body.password !== "string" || body.password.length === 0 || body.password.length > 256) {
    throw new HttpError(400, "invalid_field", "password is required", { field: "password" });
  }
  const { csrf, value, cookie, cookies } = await signIn(env, url, now, body.userName.toLowerCase(), body.password, clientAddress(request, env), request);
  const session = await currentSession(new Request(url, { headers: { cookie: cookie.split(";")[0] } }), env, url, now);
  if (!session || session.csrf !== csrf || !value) throw new Error("the new session was not stored");
  const response = json(await sessionBody(env, session));
  for (const c of cookies) response.headers.append("Set-Cookie", c);
  return response;
}

async function deleteSession({ request, env, url, now, session }) {
  // Signing out changes state too: with a session, its CSRF token is required like anywhere else.
  checkCsrf(request, url, session);
  return json(null, 204, { "Set-Cookie": await signOut(env, url, now, session) });
}

/**
 * A handler for a route under `/{org}/`: the caller must belong to that organization; lists are
 * then of the tokens that act in it, and a create (or an update to `allOrgs: false`) names it
 * unless the body says otherwise.
 */
function inOrganization(handler) {
  return (c) => {
    if (!c.session.user.organizations.includes(c.params.org)) throw new HttpError(404, "not_found", "no such organization among yours");
    return handler({ ...c, organization: c.params.org });
  };
}

async function listOrGetMine({ env, url, now, session, organization }) {
  const id = url.searchParams.get("authorizationId");
  if (id !== null) return json(await tokens.getPat(env, now, session.user, id));
  const page = await tokens.listPats(env, now, listQuery(url), { owner: session.user.id, organization });
  return json({ patTokens: page.patTokens, continuationToken: continuationToken(page.next) });
}

async function updatePat({ request, env, now, session, organization }) {
  let body = await readJson(request, tokens.UPDATE_FIELDS);
  // Azure DevOps' update names no organization: on an organization's route, `allOrgs: false`
  // scopes the token to that one.
  if (organization && body.allOrgs === false && body.organization === undefined) body = { ...body, organization };
  return json(await tokens.updatePat(env, now, session.user, body));
}

async function createPat({ request, env, ctx, now, session, organization }) {
  let body = await readJson(request, null);
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "invalid_json", "the body must be a JSON object");
  if (organization && body.organization === undefined && body.allOrgs !== true) body = { ...body, organization, allOrgs: undefined };
  const created = await tokens.createPat(env, now, session.user, body);
  ctx.waitUntil(deliver(env, now));
  return json(created, 201);
}

async function regeneratePat({ request, env, ctx, now, session, params }) {
  const regenerated = await tokens.regeneratePat(env, now, session.user, params.id, await readJson(request, tokens.REGENERATE_FIELDS));
  ctx.waitUntil(deliver(env, now));
  return json(regenerated);
}

async function notifications({ env, session }) {
  const value = (await store.notificationsOf(env, session.user.id)).map((n) => ({
    id: n.id, authorizationId: n.token_id, kind: n.kind, message: n.message, createdAt: iso(n.created_at), read: n.read_at !== null,
  }));
  return json({ unread: value.filter((n) => !n.read).length, value });
}

async function markNotificationsRead({ request, env, now, session }) {
  const body = await readJson(request, ["ids", "all"]);
  const all = body.all === true;
  if (!all && (!Array.isArray(body.ids) || body.ids.length > 100 || !body.ids.every(Number.isInteger))) {
    throw new HttpError(400, "invalid_field", "give ids (up to 100 notification ids) or all: true", { field: "ids" });
  }
  return json({ marked: await store.markRead(env, now, session.user.id, all ? null : body.ids) });
}

/**
 * Token administration's list: Azure DevOps' `SessionToken`s (the PAT fields, plus its own
 * fields with the values it gives a PAT). A user named in the path must exist (404, as Azure
 * DevOps answers an unknown subject); the `user` query parameter is only a filter.
 */
async function adminList({ env, url, now, params, organization: inOrg }) {
  if (params.user !== undefined && !(await store.userExists(env, params.user))) throw new HttpError(404, "not_found", "no such user");
  // Public (compact, self-describing) tokens are Azure DevOps' other kind; patgate has none.
  if (booleanOption(url, "isPublic", false)) return json({ value: [], continuationToken: null });
  const owner = params.user ?? url.searchParams.get("user") ?? undefined;
  const organization = inOrg ?? url.searchParams.get("organization") ?? undefined;
  const page = await tokens.listPats(env, now, listQuery(url), { owner, organization });
  return json({ value: page.patTokens.map(tokens.sessionToken), continuationToken: continuationToken(page.next, { guid: true }) });
}

async function adminUsers({ env }) {
  const value = (await store.listUsers(env)).map((u) => ({
    id: u.id, displayName: u.display_name, isAdmin: u.is_admin === 1, organizations: (u.orgs ?? "").split(" ").filter(Boolean).sort(),
  }));
  return json({ value });
}

/**
 * The audit log, newest first, a page at a time: `$top` (1–200, default 200) entries, and the
 * `continuationToken` of the page after (null on the last), and how many days entries are kept
 * (`retentionDays`). Every entry stays reachable however many came after it, until it is older
 * than that; `action`, `actor`, `subject` and `authorizationId` narrow it to the entries equal
 * on each (the same filters with each continuation token).
 */
async function adminAudit({ env, url }) {
  return auditPage(env, auditQuery(url));
}

/**
 * A user's own activity: the audit entries about their account and tokens (sign-ins, failed
 * ones under their name, locks, and what they or an administrator did to their tokens), with
 * the audit log's paging and filters, its subject always the user.
 */
async function myActivity({ env, url, session }) {
  const query = auditQuery(url);
  const me = session.user.id;
  // Another subject narrows the user's entries to none: it never reaches someone else's.
  if (query.filters.subject !== undefined && query.filters.subject !== me) return json({ value: [], continuationToken: null, retentionDays: settings(env).auditRetention.days });
  return auditPage(env, { ...query, filters: { ...query.filters, subject: me } });
}

async function auditPage(env, { top, before, filters }) {
  const rows = await store.auditLog(env, { top: top + 1, before, filters });
  const page = rows.slice(0, top);
  const value = page.map((a) => ({
    id: a.id, at: iso(a.at), actor: a.actor, action: a.action, subject: a.subject, authorizationId: a.token_id, detail: JSON.parse(a.detail),
  }));
  return json({ value, continuationToken: rows.length > top ? String(page[page.length - 1].id) : null, retentionDays: settings(env).auditRetention.days });
}

/**
 * The hourly job (Cloudflare's cron, or scripts/run.sh's loop locally): the 7-day expiry
 * notices, webhook delivery, and the audit log's retention. Returns what it did.
 */
async function hourly(env, ctx, now) {
  const { expiryScan, auditRetention } = settings(env);
  const notices = await scanExpiring(env, now, expiryScan);
  ctx.waitUntil(deliver(env, now));
  const auditRemoved = await expireAudit(env, now, auditRetention);
  console.log(`patgate: hourly run recorded ${notices} expiry notice(s); ${auditRemoved} audit entr${auditRemoved === 1 ? "y" : "ies"} past ${auditRetention.days} days removed`);
  return { notices, auditRemoved };
}

/** Tests move the clock instead of sleeping (only with PATGATE_TEST_CLOCK=true). */
async function moveClock({ request, env }) {
  const { advanceMs = 0, freeze: frozen } = await readJson(request, ["advanceMs", "freeze"]);
  if (!Number.isInteger(advanceMs) || advanceMs < 0 || advanceMs > 400 * 86_400_000) {
    throw new HttpError(400, "invalid_field", "advanceMs must be a whole number of milliseconds, 0 to 400 days", { field: "advanceMs" });
  }
  if (frozen !== undefined && typeof frozen !== "boolean") throw new HttpError(400, "invalid_field", "freeze must be true or false", { field: "freeze" });
  if (frozen !== undefined) await freeze(env, frozen);
  return json({ offsetMs: await advance(env, advanceMs), now: await clock(env) });
}

// ---- dispatch ---------------------------------------------------------------------------------

let seeded = false;

async function ensureSeeded(env, now) {
  if (seeded) return;
  // The pepper this store's digests were made with, kept at its first start: a changed one
  // would silently match no token, so the worker refuses to run with it.
  const check = pepperCheck(env);
  const kept = await store.keepPepperCheck(env, check);
  if (kept !== check) throw new ConfigurationError("PATGATE_PEPPER is not the pepper this store's digests were made with: set the original one back (a pepper cannot be changed without new tokens)");
  if ((await store.userCount(env)) === 0) await seedDemo(env, now);
  seeded = true;
}

const notFound = () => apiError(404, "not_found", "no such API route");
/** A path into the API (routes match without case, so this does too). */
const isApi = (pathname) => {
  const path = pathname.toLowerCase();
  return path.includes("/_apis/") || path.endsWith("/_apis");
};
/** A path into a git repository: never the portal's page, whatever follows. */
const isGit = (pathname) => {
  const path = pathname.toLowerCase(); // routes match without case, so this does too
  return path.includes("/_git/") || path.endsWith("/_git");
};

/** Checks who is calling against the route's access; returns what the handler may use. */
async function admit(route, c) {
  const { access } = route;
  if (access.kind === "testClock") return settings(c.env).testClock ? {} : null;
  if (access.kind === "localScheduler") return (await isLocalScheduler(c.request, c.env)) ? {} : null;
  if (access.kind === "token") return guard(c.request, c.env, c.ctx, c.now, c.params.org, access.scope);
  const session = await currentSession(c.request, c.env, c.url, c.now);
  if (c.request.method !== "GET" && c.request.method !== "HEAD") checkCsrf(c.request, c.url, access.kind === "anyone" ? null : session);
  const signInFirst = () => new HttpError(401, "not_signed_in", "sign in first", { headers: { "WWW-Authenticate": sessionChallenge(c.url) } });
  if (access.kind === "session" && !session) throw signInFirst();
  if (access.kind === "admin") {
    if (!session) throw signInFirst();
    if (!session.user.isAdmin) throw new HttpError(403, "forbidden", "administrators only");
  }
  // A signed-in user's changes are counted against their quota, before anything is written
  // (signing in counts there too; signing out and public reports never are refused for it).
  if (session && access.kind !== "anyone" && c.request.method !== "GET" && c.request.method !== "HEAD") countChange(c.env, session.user.id, c.now);
  return { session };
}

async function handle(request, env, ctx, url) {
  const now = await clock(env);
  const refused = credentialInUrl(url);
  if (refused) return refused;
  const pathname = url.pathname.length > 1 && url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : url.pathname;
  const found = routes.match(request.method, pathname);
  if (found?.allow) return apiError(405, "method_not_allowed", "this route does not take that method", { Allow: found.allow });
  if (found) {
    const { route, params } = found;
    if (route.seed !== false) await ensureSeeded(env, now);
    const c = { request, env, ctx, url, now, params };
    // A hidden route's caller is checked first: nothing it answers may tell a stranger it exists.
    const early = route.hidden ? await admit(route, c) : undefined;
    if (early === null) return notFound();
    // Every API route reads api-version as Azure DevOps does, against the versions the route
    // takes; a malformed or unsupported one is refused before anything else.
    if (isApi(pathname)) apiVersion(url, request.headers, route.version ?? null);
    const admitted = early ?? (await admit(route, c));
    if (admitted === null) return notFound();
    if (admitted.response) return admitted.response;
    let response;
    try {
      response = await route.handler({ ...c, ...admitted });
    } catch (e) {
      // A refusal after the gate (an unknown project, say) still counts against the token's
      // window, so it carries the window's headers like any other answer.
      if (!(e instanceof HttpError) || !admitted.headers) throw e;
      response = errorResponse(e);
    }
    for (const [name, value] of Object.entries(admitted.headers ?? {})) response.headers.set(name, value);
    return response;
  }
  if (isApi(pathname) || isGit(pathname)) return notFound();
  if (request.method !== "GET" && request.method !== "HEAD") return apiError(405, "method_not_allowed", "static files are read-only", { Allow: "GET, HEAD" });
  // The portal is one page: its client-side routes (/tokens/new?… prefill links) serve index.html.
  const asset = await env.ASSETS.fetch(request);
  if (asset.status === 404 && !/\.[a-z0-9]+$/i.test(url.pathname)) return env.ASSETS.fetch(new Request(new URL("/", url), request));
  return asset;
}

export default {
  async fetch(request, env, ctx) {
    try {
      return secured(await handle(request, env, ctx, new URL(request.url)));
    } catch (e) {
      if (e instanceof HttpError) return secured(errorResponse(e));
      if (e instanceof ConfigurationError) {
        console.error(`patgate: the deployment is misconfigured: ${e.message}`);
        return secured(apiError(503, "misconfigured", `the deployment is misconfigured: ${e.message}`));
      }
      // Only the store or the runtime failing gets here; the log names the route, never the request's secrets.
      // Long base64url-like runs (a digest, a token) are cut from the message before it is logged.
      const why = String(e?.message ?? "").replace(/[A-Za-z0-9_-]{20,}/g, "…").slice(0, 160);
      console.error(`patgate: unexpected error on ${request.method} ${new URL(request.url).pathname.slice(0, 200)}: ${e?.name}: ${why}`);
      return secured(apiError(503, "unavailable", "the service could not complete the request; try again", { "Retry-After": "1" }));
    }
  },

  async scheduled(controller, env, ctx) {
    try {
      const now = await clock(env);
      await ensureSeeded(env, now);
      await hourly(env, ctx, now);
    } catch (e) {
      console.error(`patgate: hourly run failed: ${e?.name}: ${e?.message}`);
      throw e;
    }
  },
};
