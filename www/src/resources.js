// The protected demo resources behind the gate: Azure DevOps' project and build lists, and a git
// repository over git's dumb HTTP protocol. The repository's files are compiled into the worker
// (www/build/repos.js, made by scripts/build-www.sh), never served as public assets, so no
// spelling of a URL can reach them except through the gate.
import repositoryFiles from "../build/repos.js";
import { json, fromBase64 } from "./http.js";
import * as store from "./store.js";

/** GET /{org}/_apis/projects: Azure DevOps' project list (vso.project). */
export async function projects({ env, params }) {
  const value = (await store.projectsOf(env, params.org)).map((p) => ({ id: p.id, name: p.name, description: p.description, state: "wellFormed", visibility: "private" }));
  return json({ count: value.length, value });
}

/** GET /{org}/_apis/build/builds: the build list (vso.build); the demo has no builds yet. */
export function builds() {
  return json({ count: 0, value: [] });
}

const GIT_FILE = /^(HEAD|info\/refs|objects\/info\/(packs|alternates|http-alternates)|objects\/[0-9a-f]{2}\/[0-9a-f]{38}|objects\/pack\/pack-[0-9a-f]{40}\.(pack|idx))$/;

/** GET /{org}/{project}/_git/{repo}/{path}: one file of the repository (vso.code). */
export async function gitFile({ env, params }) {
  const { org, project, repo, path } = params;
  if (!(await store.repositoryExists(env, org, project, repo))) return json({ error: "not_found", message: "no such repository" }, 404);
  const file = GIT_FILE.test(path) ? repositoryFiles.get(`${org}/${project}/${repo}.git/${path}`) : undefined;
  if (file === undefined) return json({ error: "not_found", message: "no such file in the repository" }, 404);
  return new Response(fromBase64(file), { headers: { "Content-Type": "application/octet-stream", "Cache-Control": "no-store" } });
}
