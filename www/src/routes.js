// The route table: method, path, who may call it (access.js), handler, and the api-versions it
// takes. Every route of the worker is here, in one screen; the handlers are in api/ by area,
// the resources' in resources.js, the leak reports' in leaks.js.
import { administrator, anyone, inOrganization, localScheduler, signedIn, testClock, token } from "./access.js";
import { adminAudit, adminList, adminUsers, myActivity } from "./api/admin.js";
import { areaOf, hourly, moveClock } from "./api/local.js";
import { createPat, listOrGetMine, markNotificationsRead, notifications, regeneratePat, updatePat } from "./api/pats.js";
import { createSession, deleteSession, sessionBody } from "./api/session.js";
import { policyFor } from "./core.js";
import { deliver } from "./notify.js";
import { json, readJson } from "./http.js";
import { githubReport, publicReport } from "./leaks.js";
import { approveRequest, denyRequest, pollRequest, requestToken, showRequest } from "./requests.js";
import { API_VERSIONS, LOCATION, locations, resourceAreas } from "./locations.js";
import { booleanOption } from "./query.js";
import { builds, gitFile, oneRepository, project, projectBuilds, projects, repositories } from "./resources.js";
import { Router } from "./router.js";
import * as store from "./stores/index.js";
import * as tokens from "./tokens.js";

// The api-versions a route takes (Azure DevOps' for its APIs; any up to the latest elsewhere).
const PATS = { version: API_VERSIONS.tokens };
const TOKEN_ADMIN = { version: API_VERSIONS.tokenAdmin };
const CORE = { version: LOCATION.core };
const BUILD = { version: LOCATION.build };
const GIT = { version: LOCATION.git };

export const routes = new Router()
  .on("GET", "/_apis/health", anyone, () => json({ status: "ok" }), { seed: false })
  .on("POST", "/_apis/session", anyone, createSession)
  .on("GET", "/_apis/session", signedIn, async ({ env, session }) => json(await sessionBody(env, session)))
  .on("DELETE", "/_apis/session", anyone, deleteSession)
  // The policy as it applies to the signed-in user (never who is on an allowlist).
  .on("GET", "/_apis/policies", signedIn, async ({ env, session }) => json(policyFor(await store.policy(env), session.user)))
  .on("GET", "/_apis/tokens/pats", signedIn, listOrGetMine, PATS)
  .on("POST", "/_apis/tokens/pats", signedIn, createPat, PATS)
  .on("PUT", "/_apis/tokens/pats", signedIn, updatePat, PATS)
  .on("DELETE", "/_apis/tokens/pats", signedIn, async (c) => (await tokens.revokePat(c.env, c.now, c.session.user, c.url.searchParams.get("authorizationId")), json(null, 204)), PATS)
  .on("POST", "/_apis/tokens/pats/revokeall", signedIn, async (c) => json({ revoked: await tokens.revokeAllMine(c.env, c.now, c.session.user) }), PATS)
  .on("POST", "/_apis/tokens/pats/{id}/regenerate", signedIn, regeneratePat, PATS)
  // The same PAT and token administration routes under an organization, as Azure DevOps has them.
  .on("GET", "/{org}/_apis/tokens/pats", signedIn, inOrganization(listOrGetMine), PATS)
  .on("POST", "/{org}/_apis/tokens/pats", signedIn, inOrganization(createPat), PATS)
  .on("PUT", "/{org}/_apis/tokens/pats", signedIn, inOrganization(updatePat), PATS)
  .on("DELETE", "/{org}/_apis/tokens/pats", signedIn, inOrganization(async (c) => (await tokens.revokePat(c.env, c.now, c.session.user, c.url.searchParams.get("authorizationId")), json(null, 204))), PATS)
  .on("GET", "/{org}/_apis/tokenadmin/personalaccesstokens/{user}", administrator, inOrganization(adminList), TOKEN_ADMIN)
  // Azure DevOps answers these 204 and 201; the rule's answer also says how many it revoked.
  .on("POST", "/{org}/_apis/tokenadmin/revocations", administrator, inOrganization(async (c) => {
    const isPublic = booleanOption(c.url, "isPublic", false);
    await tokens.adminRevoke(c.env, c.now, c.session.user, await readJson(c.request, null), c.params.org, { isPublic });
    return json(null, 204);
  }), TOKEN_ADMIN)
  .on("POST", "/{org}/_apis/tokenadmin/revocationrules", administrator, inOrganization(async (c) => {
    const revoked = await tokens.revocationRule(c.env, c.now, c.session.user, c.params.org, await readJson(c.request, ["scopes", "createdBefore"]));
    return json({ revoked }, 201);
  }), TOKEN_ADMIN)
  // Device approval: a tool asks (no session) and polls; its user sees, approves or denies.
  .on("POST", "/_apis/tokens/requests", anyone, requestToken)
  .on("POST", "/_apis/tokens/requests/token", anyone, pollRequest)
  .on("GET", "/_apis/tokens/requests/{code}", signedIn, showRequest)
  .on("POST", "/_apis/tokens/requests/{code}/approve", signedIn, approveRequest)
  .on("POST", "/_apis/tokens/requests/{code}/deny", signedIn, denyRequest)
  .on("POST", "/_apis/tokens/leaks/github", anyone, githubReport)
  .on("POST", "/_apis/tokens/revocations/public", anyone, publicReport)
  .on("GET", "/_apis/audit", signedIn, myActivity)
  .on("GET", "/_apis/notifications", signedIn, notifications)
  .on("POST", "/_apis/notifications", signedIn, markNotificationsRead)
  .on("GET", "/_apis/tokenadmin/personalaccesstokens", administrator, adminList, TOKEN_ADMIN)
  .on("GET", "/_apis/tokenadmin/personalaccesstokens/{user}", administrator, adminList, TOKEN_ADMIN)
  .on("POST", "/_apis/tokenadmin/revocations", administrator, async (c) => json({ revoked: await tokens.adminRevoke(c.env, c.now, c.session.user, await readJson(c.request, null)) }), TOKEN_ADMIN)
  .on("POST", "/_apis/tokenadmin/revocations/users", administrator, async (c) => json({ revoked: await tokens.adminRevokeUser(c.env, c.now, c.session.user, await readJson(c.request, ["user"])) }))
  // The deployment's policies as PUT takes them; each organization's under /organizations.
  .on("GET", "/_apis/tokenadmin/policies", administrator, async ({ env }) => {
    const { organizations, ...deployment } = await store.policy(env);
    return json(deployment);
  })
  .on("GET", "/_apis/tokenadmin/policies/organizations", administrator, async ({ env }) => json({ value: (await store.policy(env)).organizations }))
  .on("PUT", "/_apis/tokenadmin/policies", administrator, async (c) => {
    const policy = await tokens.setPolicy(c.env, c.now, c.session.user, await readJson(c.request, ["maxLifespanDays", "restrictFullAccess", "autoRevokeLeaked", "globalTokens", "allowlists"]));
    c.ctx.waitUntil(deliver(c.env, c.now)); // the notices a retirement left
    return json(policy);
  })
  .on("PUT", "/_apis/tokenadmin/policies/organizations/{org}", administrator, async (c) =>
    json(await tokens.setOrganizationPolicy(c.env, c.now, c.session.user, c.params.org, await readJson(c.request, ["restrictCreation", "allowPackaging", "allowlist"]))))
  .on("GET", "/_apis/tokenadmin/users", administrator, adminUsers)
  .on("GET", "/_apis/tokenadmin/audit", administrator, adminAudit)
  // Hidden: without their setting or key, these answer 404 to everything, as if they were not there.
  .on("POST", "/_apis/testing/clock", testClock, moveClock, { hidden: true })
  // The hourly job, run by scripts/run.sh's loop: wrangler dev runs no cron.
  .on("POST", "/_apis/local/scheduled", localScheduler, async ({ env, ctx, now }) => json(await hourly(env, ctx, now)), { hidden: true })
  // Azure DevOps' location service: any valid token of the organization, whatever its scopes.
  .on("OPTIONS", "/{org}/_apis", token(null), () => json(locations()))
  .on("OPTIONS", "/{org}/_apis/{area}", token(null), ({ params }) => json(locations(params.area)))
  .on("GET", "/{org}/_apis/ResourceAreas", token(null), ({ url, params }) => json(resourceAreas(`${url.origin}/${params.org}/`)))
  .on("GET", "/{org}/_apis/ResourceAreas/{areaId}", token(null), areaOf)
  .on("GET", "/{org}/_apis/projects", token("vso.project"), projects, CORE)
  .on("GET", "/{org}/_apis/projects/{project}", token("vso.project"), project, CORE)
  .on("GET", "/{org}/_apis/build/builds", token("vso.build"), builds, BUILD)
  .on("GET", "/{org}/{project}/_apis/build/builds", token("vso.build"), projectBuilds, BUILD)
  .on("GET", "/{org}/_apis/git/repositories", token("vso.code"), repositories, GIT)
  .on("GET", "/{org}/{project}/_apis/git/repositories", token("vso.code"), repositories, GIT)
  .on("GET", "/{org}/{project}/_apis/git/repositories/{repository}", token("vso.code"), oneRepository, GIT)
  .on("GET", "/{org}/{project}/_git/{repo}/{*path}", token("vso.code"), gitFile)
  // Azure DevOps' short form for a project's default repository (named as the project).
  .on("GET", "/{org}/_git/{repo}/{*path}", token("vso.code"), gitFile);
