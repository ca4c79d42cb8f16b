// patgate's worker: the portal's static files, the management API and the protected resources.
import { HttpError, errorResponse, json, readJson, secured, iso } from "./http.js";
import {
  checkCsrf, checkPassword, checkSigninLimit, currentSession, endSessionCookie, recordSigninFailure,
  requireAdmin, requireSession, seedDemo, startSession,
} from "./accounts.js";
import {
  adminRevoke, adminRevokeUser, createPat, getPat, getPolicy, listTokens, regeneratePat, revokeAllMine,
  revokePat, setPolicy, updatePat,
} from "./tokens.js";
import { builds, gitFile, guard, projects } from "./gate.js";
import { deliver, scanExpiring } from "./notify.js";

let seeded = false;

async function ensureSeeded(env) {
  if (seeded) return;
  const row = await env.DB.prepare("SELECT count(*) AS n FROM users").first();
  if (row.n === 0) await seedDemo(env, Date.now());
  seeded = true;
}

const ORG = "([a-z0-9][a-z0-9-]{0,49})";
const NAME = "([A-Za-z0-9][A-Za-z0-9._-]{0,63})";
const PROTECTED = [
  [new RegExp(`^/${ORG}/_apis/projects/?$`), "vso.project", (req, env, m) => projects(env, m[1])],
  [new RegExp(`^/${ORG}/_apis/build/builds/?$`), "vso.build", () => builds()],
  [new RegExp(`^/${ORG}/${NAME}/_git/${NAME}/(.+)$`), "vso.code", (req, env, m) => gitFile(req, env, m[1], m[2], m[3], m[4])],
];

async function protectedResource(request, env, ctx, url) {
  for (const [pattern, scope, handler] of PROTECTED) {
    const m = url.pathname.match(pattern);
    if (!m) continue;
    if (request.method !== "GET" && request.method !== "HEAD") throw new HttpError(405, "method_not_allowed", "read-only resource", { headers: { Allow: "GET, HEAD" } });
    const { response, grant } = await guard(request, env, ctx, m[1], scope);
    return response ?? handler(request, env, m, grant);
  }
  return null;
}

function sessionBody(session, policy) {
  return { user: session.user, csrfToken: session.csrf, policy };
}

async function api(request, env, ctx, url, now) {
  const { pathname } = url;
  const method = request.method;
  const session = await currentSession(request, env, now);
  if (method !== "GET" && method !== "HEAD") checkCsrf(request, pathname === "/_apis/session" && method === "POST" ? null : session);

  if (pathname === "/_apis/session") {
    if (method === "GET") return json(sessionBody(requireSession(session), await getPolicy(env)));
    if (method === "POST") {
      const body = await readJson(request, ["userName", "password"]);
      if (typeof body.userName !== "string" || body.userName.length === 0 || body.userName.length > 64) {
        throw new HttpError(400, "invalid_field", "userName is required", { field: "userName" });
      }
      if (typeof body.password !== "string" || body.password.length === 0 || body.password.length > 256) {
        throw new HttpError(400, "invalid_field", "password is required", { field: "password" });
      }
      const userName = body.userName.toLowerCase();
      await checkSigninLimit(env, userName, now);
      const user = await env.DB.prepare("SELECT * FROM users WHERE id = ?1").bind(userName).first();
      if (!(await checkPassword(user, body.password))) {
        await recordSigninFailure(env, userName, now);
        await env.DB.prepare("INSERT INTO audit (at, actor, action, subject, detail) VALUES (?1, NULL, 'signin.failed', ?2, '{}')").bind(now, userName).run();
        throw new HttpError(401, "bad_credentials", "wrong user name or password");
      }
      await env.DB.batch([
        env.DB.prepare("DELETE FROM signin_failures WHERE user_name = ?1").bind(userName),
        env.DB.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(now),
        env.DB.prepare("INSERT INTO audit (at, actor, action, subject, detail) VALUES (?1, ?2, 'signin', ?2, '{}')").bind(now, userName),
      ]);
      const { csrf, cookie } = await startSession(env, request, userName, now);
      const fresh = await currentSession(new Request(request.url, { headers: { cookie: cookie.split(";")[0] } }), env, now);
      return json(sessionBody({ ...fresh, csrf }, await getPolicy(env)), 200, { "Set-Cookie": cookie });
    }
    if (method === "DELETE") {
      if (session) {
        await env.DB.batch([
          env.DB.prepare("DELETE FROM sessions WHERE id_digest = ?1").bind(session.sessionDigest),
          env.DB.prepare("INSERT INTO audit (at, actor, action, subject, detail) VALUES (?1, ?2, 'signout', ?2, '{}')").bind(now, session.user.id),
        ]);
      }
      return json(null, 204, { "Set-Cookie": endSessionCookie(request) });
    }
  }

  if (pathname === "/_apis/policies" && method === "GET") {
    requireSession(session);
    return json(await getPolicy(env));
  }

  if (pathname === "/_apis/tokens/pats") {
    requireSession(session);
    const id = url.searchParams.get("authorizationId");
    if (method === "GET") return json(id ? await getPat(env, session, id, now) : await listTokens(env, url, now, { owner: session.user.id }));
    if (method === "POST") {
      const created = await createPat(env, ctx, session, objectBody(await readJson(request, null)), now);
      ctx.waitUntil(deliver(env));
      return json(created, 201);
    }
    if (method === "PUT") {
      const body = await readJson(request, ["authorizationId", "displayName", "scope", "validTo", "allOrgs", "organization"]);
      return json(await updatePat(env, session, body, now));
    }
    if (method === "DELETE") {
      await revokePat(env, session, id, now);
      return json(null, 204);
    }
  }
  let m = pathname.match(/^\/_apis\/tokens\/pats\/([0-9a-f-]{36})\/regenerate$/);
  if (m && method === "POST") {
    requireSession(session);
    const regenerated = await regeneratePat(env, session, m[1], await readJson(request, ["digest", "hint", "graceMinutes", "validTo"]), now);
    ctx.waitUntil(deliver(env));
    return json(regenerated);
  }
  if (pathname === "/_apis/tokens/pats/revokeall" && method === "POST") {
    requireSession(session);
    return json({ revoked: await revokeAllMine(env, session, now) });
  }

  if (pathname === "/_apis/notifications") {
    requireSession(session);
    if (method === "GET") {
      const { results } = await env.DB.prepare(
        "SELECT id, token_id, kind, message, created_at, read_at FROM notifications WHERE user_id = ?1 ORDER BY id DESC LIMIT 100",
      ).bind(session.user.id).all();
      const value = results.map((n) => ({ id: n.id, authorizationId: n.token_id, kind: n.kind, message: n.message, createdAt: iso(n.created_at), read: n.read_at !== null }));
      return json({ unread: value.filter((n) => !n.read).length, value });
    }
    if (method === "POST") {
      const body = await readJson(request, ["ids", "all"]);
      const all = body.all === true;
      if (!all && (!Array.isArray(body.ids) || body.ids.length > 100 || !body.ids.every(Number.isInteger))) {
        throw new HttpError(400, "invalid_field", "give ids (up to 100 notification ids) or all: true", { field: "ids" });
      }
      const ids = all ? [] : body.ids;
      const r = await env.DB.prepare(
        `UPDATE notifications SET read_at = ?1 WHERE user_id = ?2 AND read_at IS NULL AND (?3 OR id IN (SELECT value FROM json_each(?4)))`,
      ).bind(now, session.user.id, all ? 1 : 0, JSON.stringify(ids)).run();
      return json({ marked: r.meta.changes });
    }
  }

  if (pathname.startsWith("/_apis/tokenadmin/")) {
    requireAdmin(session);
    m = pathname.match(/^\/_apis\/tokenadmin\/personalaccesstokens(?:\/([a-z0-9_-]{1,64}))?$/);
    if (m && method === "GET") {
      const owner = m[1] ?? url.searchParams.get("user") ?? undefined;
      const organization = url.searchParams.get("organization") ?? undefined;
      const page = await listTokens(env, url, now, { owner, organization });
      return json({ value: page.patTokens, continuationToken: page.continuationToken });
    }
    if (pathname === "/_apis/tokenadmin/revocations" && method === "POST") {
      return json({ revoked: await adminRevoke(env, session, await readJson(request, null), now) });
    }
    if (pathname === "/_apis/tokenadmin/revocations/users" && method === "POST") {
      return json({ revoked: await adminRevokeUser(env, session, await readJson(request, ["user"]), now) });
    }
    if (pathname === "/_apis/tokenadmin/policies") {
      if (method === "GET") return json(await getPolicy(env));
      if (method === "PUT") return json(await setPolicy(env, session, await readJson(request, ["maxLifespanDays", "restrictFullAccess"]), now));
    }
    if (pathname === "/_apis/tokenadmin/users" && method === "GET") {
      const { results } = await env.DB.prepare(
        "SELECT u.id, u.display_name, u.is_admin, (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = u.id) AS orgs FROM users u ORDER BY u.id",
      ).all();
      return json({ value: results.map((u) => ({ id: u.id, displayName: u.display_name, isAdmin: u.is_admin === 1, organizations: (u.orgs ?? "").split(" ").filter(Boolean).sort() })) });
    }
    if (pathname === "/_apis/tokenadmin/audit" && method === "GET") {
      const { results } = await env.DB.prepare("SELECT id, at, actor, action, subject, token_id, detail FROM audit ORDER BY id DESC LIMIT 200").all();
      return json({ value: results.map((a) => ({ id: a.id, at: iso(a.at), actor: a.actor, action: a.action, subject: a.subject, authorizationId: a.token_id, detail: JSON.parse(a.detail) })) });
    }
  }
  return null;
}

function objectBody(body) {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "invalid_json", "the body must be a JSON object");
  return body;
}

async function handle(request, env, ctx) {
  const url = new URL(request.url);
  const now = Date.now();
  // The repository files are reachable only through the gate.
  if (url.pathname.startsWith("/_repos/")) return json({ error: "not_found", message: "not found" }, 404);
  // Unauthenticated liveness probe (also the benchmarks' unprotected route): no store access.
  if (url.pathname === "/_apis/health") return json({ status: "ok" });
  await ensureSeeded(env);
  if (url.pathname.startsWith("/_apis/")) {
    return (await api(request, env, ctx, url, now)) ?? json({ error: "not_found", message: "no such API route or method" }, 404);
  }
  const guarded = await protectedResource(request, env, ctx, url);
  if (guarded) return guarded;
  if (request.method !== "GET" && request.method !== "HEAD") return json({ error: "method_not_allowed", message: "static files are read-only" }, 405);
  // The portal is one page: its client-side routes (/tokens/new?… prefill links) serve index.html.
  const asset = await env.ASSETS.fetch(request);
  if (asset.status === 404 && !/\.[a-z0-9]+$/i.test(url.pathname)) return env.ASSETS.fetch(new Request(new URL("/", url), request));
  return asset;
}

export default {
  async fetch(request, env, ctx) {
    try {
      return secured(await handle(request, env, ctx));
    } catch (e) {
      if (e instanceof HttpError) return secured(errorResponse(e));
      // Never a 500 with details: the log line names the route, not the request's secrets.
      console.error(`patgate: unexpected error on ${request.method} ${new URL(request.url).pathname}: ${e?.name}`);
      return secured(json({ error: "unavailable", message: "the service could not complete the request; try again" }, 503, { "Retry-After": "1" }));
    }
  },

  async scheduled(controller, env, ctx) {
    try {
      await ensureSeeded(env);
      const created = await scanExpiring(env, controller.scheduledTime ?? Date.now());
      ctx.waitUntil(deliver(env));
      console.log(`patgate: expiry scan recorded ${created} notice(s)`);
    } catch (e) {
      console.error(`patgate: expiry scan failed: ${e?.name}: ${e?.message}`);
      throw e;
    }
  },
};
