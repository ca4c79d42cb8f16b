// The show-once dialog's usage examples for one token: commands that work with it as it is,
// for its organization and within its scopes (the core's scopesGrant decides which). Pure, so
// that the tests run it against the core the worker runs.

/** The REST examples, best first: the first route the token's scopes reach is shown. */
const ROUTES = [
  ["vso.project", "_apis/projects"],
  ["vso.build", "_apis/build/builds"],
  ["vso.code", "_apis/git/repositories"],
];

/**
 * `{ git, curl }` for the token `token` of `patToken` (its `organization`, null for all of the
 * owner's, and `scope`), served at `origin`: `git` is a clone command when the token reads code
 * and its organization has a repository (else null), with the token in an `Authorization`
 * header (`authorization`, the core's formatBasic) given for that command only: a token in the
 * URL would stay in the clone's .git/config. `curl` calls a route the token may call (the
 * location service, which any valid token may ask, when no listed route is in its scopes).
 * `repositories` are the session's (`{ organization, project, name }`), `organizations` the
 * user's, `grants` the core's `scopesGrant`.
 */
export function usageExamples(patToken, token, { origin, repositories, organizations, grants, authorization }) {
  const withRepository = (org) => repositories.find((r) => r.organization === org);
  const org = patToken.organization ?? organizations.find(withRepository) ?? organizations[0];
  const base = `${origin}/${encodeURIComponent(org)}/`;
  const repository = grants(patToken.scope, "vso.code") ? withRepository(org) : undefined;
  const path = repository && `${encodeURIComponent(org)}/${encodeURIComponent(repository.project)}/_git/${encodeURIComponent(repository.name)}`;
  const git = repository ? `git -c http.extraHeader="Authorization: ${authorization}" clone ${origin}/${path}` : null;
  const route = ROUTES.find(([scope]) => grants(patToken.scope, scope));
  const curl = route ? `curl -u anything:${token} ${base}${route[1]}` : `curl -u anything:${token} -X OPTIONS ${base}_apis`;
  return { git, curl };
}
