// patgate's worker: dispatch. The routes are routes.js's table (who may call each: access.js;
// the handlers by area: api/); every other GET is the portal's static files. Here: the order in
// which a request is checked, the demo seed, the error mapping, and the cron entry.
import { seedDemo } from "./accounts.js";
import { now as clock } from "./clock.js";
import { pepperCheck } from "./core.js";
import { credentialInUrl } from "./protected.js";
import { HttpError, apiError, errorResponse, isGit, secured } from "./http.js";
import { hourly } from "./api/local.js";
import { apiVersion } from "./locations.js";
import { routes } from "./routes.js";
import { ConfigurationError } from "./settings.js";
import * as store from "./stores/index.js";

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
    const early = route.hidden ? await route.access(c) : undefined;
    if (early === null) return notFound();
    // Every API route reads api-version as Azure DevOps does, against the versions the route
    // takes; a malformed or unsupported one is refused before anything else.
    if (isApi(pathname)) apiVersion(url, request.headers, route.version ?? null);
    const admitted = early ?? (await route.access(c));
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
    // To a signed-in session, the instant this answer was made at: the portal keeps its clock on
    // the worker's, so a token made or revoked a moment ago never reads "not yet valid" or
    // "active" in a browser whose clock is behind. (Public answers stay the same whatever asks.)
    if (admitted.session) response.headers.set("Patgate-Now", String(now));
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
