// Token administration and the audit log: administrators' lists, users, revocations and the
// log; a user's own activity through the same paging and filters.
import { HttpError, iso, json } from "../http.js";
import { auditQuery, booleanOption, continuationToken, listQuery } from "../query.js";
import { settings } from "../settings.js";
import * as store from "../stores/index.js";
import * as tokens from "../tokens.js";

/**
 * Token administration's list: Azure DevOps' `SessionToken`s (the PAT fields, plus its own
 * fields with the values it gives a PAT). A user named in the path must exist (404, as Azure
 * DevOps answers an unknown subject); the `user` query parameter is only a filter.
 */
export async function adminList({ env, url, now, params, organization: inOrg }) {
  if (params.user !== undefined && !(await store.userExists(env, params.user))) throw new HttpError(404, "not_found", "no such user");
  // Public (compact, self-describing) tokens are Azure DevOps' other kind; patgate has none.
  if (booleanOption(url, "isPublic", false)) return json({ value: [], continuationToken: null });
  const owner = params.user ?? url.searchParams.get("user") ?? undefined;
  const organization = inOrg ?? url.searchParams.get("organization") ?? undefined;
  const page = await tokens.listPats(env, now, listQuery(url), { owner, organization });
  return json({ value: page.patTokens.map(tokens.sessionToken), continuationToken: continuationToken(page.next, { guid: true }) });
}

export async function adminUsers({ env }) {
  const value = (await store.listUsers(env)).map((u) => ({
    id: u.id, displayName: u.displayName, isAdmin: u.isAdmin === 1, organizations: (u.orgs ?? "").split(" ").filter(Boolean).sort(),
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
export async function adminAudit({ env, url }) {
  return auditPage(env, auditQuery(url));
}

/**
 * A user's own activity: the audit entries about their account and tokens (sign-ins, failed
 * ones under their name, locks, and what they or an administrator did to their tokens), with
 * the audit log's paging and filters, its subject always the user.
 */
export async function myActivity({ env, url, session }) {
  const query = auditQuery(url);
  const me = session.user.id;
  // Another subject narrows the user's entries to none: it never reaches someone else's.
  if (query.filters.subject !== undefined && query.filters.subject !== me) return json({ value: [], continuationToken: null, retentionDays: settings(env).auditRetention.days });
  return auditPage(env, { ...query, filters: { ...query.filters, subject: me } });
}

async function auditPage(env, { top, before, filters }) {
  const rows = await store.auditLog(env, { top: top + 1, before, filters });
  const page = rows.slice(0, top);
  // Each entry names its token as it is called now (an entry keeps only the id).
  const names = await store.tokenNames(env, [...new Set(page.map((a) => a.tokenId).filter((id) => id !== null))]);
  const value = page.map((a) => ({
    id: a.id, at: iso(a.at), actor: a.actor, action: a.action, subject: a.subject, authorizationId: a.tokenId,
    tokenName: a.tokenId === null ? null : names.get(a.tokenId) ?? null, detail: JSON.parse(a.detail),
  }));
  return json({ value, continuationToken: rows.length > top ? String(page[page.length - 1].id) : null, retentionDays: settings(env).auditRetention.days });
}
