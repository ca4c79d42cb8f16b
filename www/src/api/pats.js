// The PAT lifecycle routes of a signed-in user (Azure DevOps' shapes): list, get, create, edit,
// regenerate; and the notifications those changes leave. The rules are tokens.js's (the core's).
import { HttpError, iso, json, readJson } from "../http.js";
import { deliver } from "../notify.js";
import { continuationToken, listQuery } from "../query.js";
import * as store from "../stores/index.js";
import * as tokens from "../tokens.js";

export async function listOrGetMine({ env, url, now, session, organization }) {
  const id = url.searchParams.get("authorizationId");
  if (id !== null) return json(await tokens.getPat(env, now, session.user, id));
  const page = await tokens.listPats(env, now, listQuery(url), { owner: session.user.id, organization });
  return json({ patTokens: page.patTokens, continuationToken: continuationToken(page.next) });
}

export async function updatePat({ request, env, now, session, organization }) {
  let body = await readJson(request, tokens.UPDATE_FIELDS);
  // Azure DevOps' update names no organization: on an organization's route, `allOrgs: false`
  // scopes the token to that one.
  if (organization && body.allOrgs === false && body.organization === undefined) body = { ...body, organization };
  return json(await tokens.updatePat(env, now, session.user, body));
}

export async function createPat({ request, env, ctx, now, session, organization }) {
  let body = await readJson(request, null);
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "invalid_json", "the body must be a JSON object");
  if (organization && body.organization === undefined && body.allOrgs !== true) body = { ...body, organization, allOrgs: undefined };
  const created = await tokens.createPat(env, now, session.user, body);
  ctx.waitUntil(deliver(env, now));
  return json(created, 201);
}

export async function regeneratePat({ request, env, ctx, now, session, params }) {
  const regenerated = await tokens.regeneratePat(env, now, session.user, params.id, await readJson(request, tokens.REGENERATE_FIELDS));
  ctx.waitUntil(deliver(env, now));
  return json(regenerated);
}

export async function notifications({ env, session }) {
  const value = (await store.notificationsOf(env, session.user.id)).map((n) => ({
    id: n.id, authorizationId: n.tokenId, kind: n.kind, message: n.message, createdAt: iso(n.createdAt), read: n.readAt !== null,
  }));
  return json({ unread: value.filter((n) => !n.read).length, value });
}

export async function markNotificationsRead({ request, env, now, session }) {
  const body = await readJson(request, ["ids", "all"]);
  const all = body.all === true;
  if (!all && (!Array.isArray(body.ids) || body.ids.length > 100 || !body.ids.every(Number.isInteger))) {
    throw new HttpError(400, "invalid_field", "give ids (up to 100 notification ids) or all: true", { field: "ids" });
  }
  return json({ marked: await store.markRead(env, now, session.user.id, all ? null : body.ids) });
}
