// The gate: every protected request is checked by the wasm module, with one store lookup.
import { Gate } from "../../pkg/workerd.js";
import { json } from "./http.js";
import { pepperOf } from "./tokens.js";

const LAST_USED_EVERY_MS = 5 * 60_000;
let gate = null;

function gateFor(env) {
  gate ??= new Gate({ realm: "patgate", pepper: pepperOf(env) });
  return gate;
}

/**
 * The stored record for a digest, as the gate needs it. A regenerated-away digest is found by
 * `previous_digest` and given its grace end as `revokedAt`. An all-organizations token acts in
 * the owner's current organizations; a one-organization token only while the owner belongs to it.
 */
async function lookUp(env, digest) {
  const row = await env.DB.prepare(
    `SELECT t.id, t.owner, t.organization, t.scope, t.valid_from, t.valid_to, t.revoked_at, t.last_used_at,
            t.digest, t.previous_digest, t.previous_until,
            (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = t.owner) AS owner_orgs
       FROM tokens t WHERE t.digest = ?1 OR t.previous_digest = ?1`,
  ).bind(digest).first();
  if (!row) return null;
  const ownerOrgs = row.owner_orgs ? row.owner_orgs.split(" ") : [];
  const previous = row.digest !== digest;
  const ends = [row.revoked_at, previous ? row.previous_until ?? 0 : null].filter((t) => t !== null);
  return {
    row,
    record: {
      id: row.id,
      owner: row.owner,
      organizations: row.organization === null ? ownerOrgs : ownerOrgs.filter((o) => o === row.organization),
      scopes: row.scope,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      revokedAt: ends.length ? Math.min(...ends) : null,
      digest,
    },
  };
}

/**
 * Runs the gate for a request; returns `{ grant }` or the refusal Response. `lastUsedAt` is
 * written at most once per token per five minutes, after the response.
 */
export async function guard(request, env, ctx, organization, requiredScope) {
  const g = gateFor(env);
  // Secrets do not belong in URLs (logs and referrers keep them): refuse credential-like parameters.
  const url = new URL(request.url);
  if ([...url.searchParams.keys()].some((k) => /^(access_token|token|pat|password)$/i.test(k))) {
    return { response: refusal({ status: 400, error: "invalid_request", message: "credentials are accepted only in the Authorization header", wwwAuthenticate: [] }) };
  }
  // RFC 9110 §5.5: a field value excludes leading and trailing whitespace (SP, HTAB); workerd
  // passes trailing whitespace through, so it is removed here, never inside the credentials.
  const presented = g.authenticate(request.headers.get("authorization")?.replace(/^[ \t]+|[ \t]+$/g, "") ?? null);
  let verdict = presented;
  let found = null;
  if (presented.ok) {
    found = await lookUp(env, presented.digest);
    verdict = g.decide(presented.digest, found?.record ?? null, { now: Date.now(), organization, requiredScope });
  }
  if (!verdict.ok) return { response: refusal(verdict) };
  const now = Date.now();
  if (found.row.last_used_at === null || found.row.last_used_at < now - LAST_USED_EVERY_MS) {
    ctx.waitUntil(
      env.DB.prepare("UPDATE tokens SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?3)")
        .bind(now, found.row.id, now - LAST_USED_EVERY_MS).run(),
    );
  }
  return { grant: verdict.grant };
}

function refusal(verdict) {
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  for (const challenge of verdict.wwwAuthenticate) headers.append("WWW-Authenticate", challenge);
  const body = { error: verdict.error ?? "unauthorized", message: verdict.message };
  return new Response(JSON.stringify(body), { status: verdict.status, headers });
}

/** GET /{org}/_apis/projects: Azure DevOps' project list (vso.project). */
export async function projects(env, org) {
  const { results } = await env.DB.prepare("SELECT id, name, description FROM projects WHERE organization = ?1 ORDER BY name").bind(org).all();
  const value = results.map((p) => ({ id: p.id, name: p.name, description: p.description, state: "wellFormed", visibility: "private" }));
  return json({ count: value.length, value });
}

/** GET /{org}/_apis/build/builds: the build list (vso.build); the demo has no builds yet. */
export function builds() {
  return json({ count: 0, value: [] });
}

/**
 * git's dumb HTTP protocol for /{org}/{project}/_git/{repo}/…: the repository's files are
 * static assets under /_repos/, reachable only through here, after the gate.
 */
export async function gitFile(request, env, org, project, repo, rest) {
  const known = await env.DB.prepare("SELECT 1 FROM repositories WHERE organization = ?1 AND project = ?2 AND name = ?3").bind(org, project, repo).first();
  if (!known) return json({ error: "not_found", message: "no such repository" }, 404);
  if (!/^(HEAD|info\/refs|objects\/info\/(packs|alternates|http-alternates)|objects\/[0-9a-f]{2}\/[0-9a-f]{38}|objects\/pack\/pack-[0-9a-f]{40}\.(pack|idx))$/.test(rest)) {
    return json({ error: "not_found", message: "no such file in the repository" }, 404);
  }
  const asset = await env.ASSETS.fetch(new Request(new URL(`/_repos/${org}/${project}/${repo}.git/${rest}`, request.url)));
  if (!asset.ok) return new Response("not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(asset.body, { headers: { "Content-Type": "application/octet-stream", "Cache-Control": "no-store" } });
}
