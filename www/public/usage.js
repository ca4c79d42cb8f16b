// The show-once dialog's usage examples for one token: commands that work with it as it is,
// for its organization and within its scopes (the core's scopesGrant decides which). Pure, so
// that the tests run it against the core the worker runs.
//
// The commands never hold the token: the shell reads it into $PAT first (READ_TOKEN, not echoed,
// not in the history), and each command hands it on where no other user sees it: git's header
// in its environment (GIT_CONFIG_*, git 2.31 or later; neither its arguments nor the clone's
// .git/config), for this origin only; curl's credentials on its standard input (`-K -`).

/**
 * The shell line that reads the pasted token into $PAT. No comment follows it, nor any other
 * command: zsh, interactive, takes `#` as a word (curl then sends the token to more hosts).
 */
export const READ_TOKEN = "read -rs PAT";

/** The REST examples, best first: the first route the token's scopes reach is shown. */
const ROUTES = [
  ["vso.project", "_apis/projects"],
  ["vso.build", "_apis/build/builds"],
  ["vso.code", "_apis/git/repositories"],
];

/**
 * `{ git, curl }` for a token of `patToken` (its `organization`, null for all of the owner's,
 * and `scope`), served at `origin`, with the token in $PAT: `git` is a clone command when the
 * token reads code and its organization has a repository (else null), its Authorization header
 * Basic with an empty user-id (":" + PAT); `curl` calls a route the token may call (the
 * location service, which any valid token may ask, when no listed route is in its scopes).
 * `repositories` are the session's (`{ organization, project, name }`), `organizations` the
 * user's, `grants` the core's `scopesGrant`.
 */
export function usageExamples(patToken, { origin, repositories, organizations, grants }) {
  const withRepository = (org) => repositories.find((r) => r.organization === org);
  const org = patToken.organization ?? organizations.find(withRepository) ?? organizations[0];
  const base = `${origin}/${encodeURIComponent(org)}/`;
  const repository = grants(patToken.scope, "vso.code") ? withRepository(org) : undefined;
  const path = repository && `${encodeURIComponent(org)}/${encodeURIComponent(repository.project)}/_git/${encodeURIComponent(repository.name)}`;
  const git = repository
    ? `GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.${origin}/.extraHeader \\\nGIT_CONFIG_VALUE_0="Authorization: Basic $(printf ':%s' "$PAT" | base64 | tr -d '\\n')" \\\n  git clone ${origin}/${path}`
    : null;
  const route = ROUTES.find(([scope]) => grants(patToken.scope, scope));
  const curl = `printf 'user = ":%s"\\n' "$PAT" | curl -K - ${route ? `${base}${route[1]}` : `-X OPTIONS ${base}_apis`}`;
  return { git, curl };
}
