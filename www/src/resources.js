// The protected demo resources behind the gate, at Azure DevOps' routes and in its shapes (the
// fields of Microsoft's OpenAPI files for core, build and git 7.1): projects, builds, git
// repositories, and a git repository over git's dumb HTTP protocol. The repository's files are
// compiled into the worker (www/build/repos.js, made by scripts/build-www.sh), never served as
// public assets, so no spelling of a URL can reach them except through the gate.
import repositoryFiles from "../build/repos.js";
import { HttpError, apiError, fromBase64, iso, json } from "./http.js";
import * as store from "./stores/index.js";

const orgUrl = (url, org) => `${url.origin}/${org}/`;

const notFound = (typeKey, message) => new HttpError(404, typeKey, message);

/** Azure DevOps' TeamProjectReference. */
function projectRef(url, org, p) {
  return {
    id: p.id, name: p.name, description: p.description, url: `${orgUrl(url, org)}_apis/projects/${p.id}`,
    state: "wellFormed", revision: p.revision, visibility: "private", lastUpdateTime: iso(p.updatedAt),
  };
}

/** A whole number query parameter within `min..max`, or `fallback` when absent. */
function whole(url, name, fallback, min, max) {
  const text = url.searchParams.get(name);
  if (text === null) return fallback;
  const n = Number(text);
  if (!/^\d{1,9}$/.test(text) || n < min || n > max) throw new HttpError(400, "InvalidArgumentValueException", `${name} must be a whole number from ${min} to ${max}`, { field: name });
  return n;
}

/** GET /{org}/_apis/projects: the projects (vso.project), with `$top`, `$skip` and `stateFilter`. */
export async function projects({ env, url, params }) {
  const top = whole(url, "$top", 100, 1, 1000);
  const skip = whole(url, "$skip", 0, 0, 1_000_000);
  const state = (url.searchParams.get("stateFilter") ?? "wellFormed").toLowerCase();
  const all = state === "wellformed" || state === "all" ? await store.projectsOf(env, params.org) : [];
  const value = all.slice(skip, skip + top).map((p) => projectRef(url, params.org, p));
  return json({ count: value.length, value });
}

/** A path segment's text; a malformed %-escape is the client's mistake (400), never a throw. */
function segment(text, field) {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(400, "InvalidArgumentValueException", `${field} is not a well-formed URL path segment`, { field });
  }
}

/** The project a route names (by id or name), or a 404 in Azure DevOps' words. */
async function projectNamed(env, org, name) {
  const wanted = segment(name, "project");
  const p = await store.projectOf(env, org, wanted);
  if (!p) throw notFound("ProjectDoesNotExistWithNameException", "TF200016: The project does not exist. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.");
  return p;
}

/** GET /{org}/_apis/projects/{project}: one project, with its capabilities when asked. */
export async function project({ env, url, params }) {
  const p = await projectNamed(env, params.org, params.project);
  const body = projectRef(url, params.org, p);
  if (url.searchParams.get("includeCapabilities")?.toLowerCase() === "true") {
    body.capabilities = { versioncontrol: { sourceControlType: "Git", gitEnabled: "true" }, processTemplate: { templateName: "Basic" } };
  }
  return json(body);
}

/**
 * The demo's builds of a project: three runs of one pipeline in the hours before the project's
 * last update (the demo runs no builds; these show the shape).
 */
function buildsOf(url, org, p, first) {
  const ref = projectRef(url, org, p);
  const definition = { id: first, name: `${p.name}-ci`, url: `${orgUrl(url, org)}${p.id}/_apis/build/Definitions/${first}`, path: "\\", type: "build", queueStatus: "enabled", revision: 1, project: ref };
  return [1, 2, 3].map((n) => {
    const id = first + n - 1;
    const queued = p.updatedAt - (4 - n) * 3_600_000;
    return {
      id, buildNumber: `${iso(queued).slice(0, 10).replaceAll("-", "")}.${n}`, status: "completed", result: n === 2 ? "failed" : "succeeded",
      queueTime: iso(queued), startTime: iso(queued + 5_000), finishTime: iso(queued + 95_000),
      url: `${orgUrl(url, org)}${p.id}/_apis/build/Builds/${id}`, uri: `vstfs:///Build/Build/${id}`,
      definition, project: ref, sourceBranch: "refs/heads/main", reason: "manual", priority: "normal",
      repository: { id: p.name, type: "TfsGit", name: p.name }, retainedByRelease: false, tags: [],
    };
  }).reverse();
}

/** GET /{org}/{project}/_apis/build/builds: a project's builds (vso.build), newest first, `$top`. */
export async function projectBuilds({ env, url, params }) {
  const top = whole(url, "$top", 1000, 1, 5000);
  const p = await projectNamed(env, params.org, params.project);
  const value = buildsOf(url, params.org, p, 1).slice(0, top);
  return json({ count: value.length, value });
}

/** GET /{org}/_apis/build/builds: the builds of every project in the organization (vso.build). */
export async function builds({ env, url, params }) {
  const value = (await store.projectsOf(env, params.org)).flatMap((p, i) => buildsOf(url, params.org, p, 1 + i * 1000));
  return json({ count: value.length, value });
}

/** Azure DevOps' GitRepository; `remoteUrl` is the clone URL this worker serves. */
function repository(url, org, r) {
  const project = { id: r.projectId, name: r.projectName, description: r.projectDescription, revision: r.projectRevision, updatedAt: r.projectUpdatedAt };
  const remoteUrl = `${orgUrl(url, org)}${encodeURIComponent(r.projectName)}/_git/${encodeURIComponent(r.name)}`;
  const pack = [...repositoryFiles.keys()].filter((k) => k.startsWith(`${org}/${r.projectName}/${r.name}.git/objects/`));
  return {
    id: r.id, name: r.name, url: `${orgUrl(url, org)}${r.projectId}/_apis/git/repositories/${r.id}`,
    project: projectRef(url, org, project), defaultBranch: "refs/heads/main",
    size: pack.reduce((n, k) => n + Math.floor((repositoryFiles.get(k).length * 3) / 4), 0),
    remoteUrl, webUrl: remoteUrl, isDisabled: false, isFork: false, isInMaintenance: false,
  };
}

/** GET /{org}[/{project}]/_apis/git/repositories: the repositories (vso.code). */
export async function repositories({ env, url, params }) {
  const p = params.project === undefined ? null : await projectNamed(env, params.org, params.project);
  const value = (await store.repositoriesOf(env, params.org, p?.name ?? null)).map((r) => repository(url, params.org, r));
  return json({ count: value.length, value });
}

/** GET /{org}/{project}/_apis/git/repositories/{repositoryId}: one repository, by id or name. */
export async function oneRepository({ env, url, params }) {
  const p = await projectNamed(env, params.org, params.project);
  const named = segment(params.repository, "repositoryId");
  const wanted = named.toLowerCase();
  const r = (await store.repositoriesOf(env, params.org, p.name)).find((x) => x.id === wanted || x.name.toLowerCase() === wanted);
  if (!r) throw notFound("GitRepositoryNotFoundException", "TF401019: The Git repository with this name or identifier does not exist or you do not have permissions for the operation you are attempting.");
  return json(repository(url, params.org, r));
}

/** What a push to a demo repository is told (the portal's token dialog says it too). */
export const READ_ONLY = "patgate's demo repositories are read-only: clone and fetch work with a token that reads code; a push is not taken.";

const GIT_FILE = /^(HEAD|info\/refs|objects\/info\/(packs|alternates|http-alternates)|objects\/[0-9a-f]{2}\/[0-9a-f]{38}|objects\/pack\/pack-[0-9a-f]{40}\.(pack|idx))$/;

/**
 * GET /{org}/{project}/_git/{repo}/{path}: one file of the repository (vso.code); under
 * /{org}/_git/{repo}/ the project's default repository, which has the project's name.
 */
export async function gitFile({ env, url, params }) {
  const { org, repo, path } = params;
  const project = params.project ?? repo;
  if (!(await store.repositoryExists(env, org, project, repo))) return apiError(404, "not_found", "no such repository");
  // A push starts by asking for the receive-pack service: refused in words git shows its user
  // ("remote: …"), not left to fail later at WebDAV with a bare "return code 22".
  if (path === "info/refs" && url.searchParams.get("service") === "git-receive-pack") {
    return new Response(`${READ_ONLY}\n`, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const file = GIT_FILE.test(path) ? repositoryFiles.get(`${org}/${project}/${repo}.git/${path}`) : undefined;
  if (file === undefined) return apiError(404, "not_found", "no such file in the repository");
  return new Response(fromBase64(file), { headers: { "Content-Type": "application/octet-stream", "Cache-Control": "no-store" } });
}
