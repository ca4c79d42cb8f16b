// Microsoft's own Azure DevOps clients, unchanged, against the real worker with a PAT: the Node
// client (azure-devops-node-api) in this process and the Python one (azure-devops) as a user runs
// it. Each discovers the locations, lists projects, reads one, lists builds and repositories;
// then git clones from the remoteUrl the client returned. A token of another organization and a
// revoked token surface as the client's own error with patgate's message.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshWorker, root, signedIn } from "./harness.mjs";

const require = createRequire(join(root, "tests/ado/package.json"));
const azdev = require("azure-devops-node-api");
const python = join(root, "tests/ado/.venv/bin/python");
const home = mkdtempSync(join(tmpdir(), "patgate-ado-"));

let worker;
let alice;
let token;

before(async () => {
  worker = await freshWorker("ado-clients");
  [alice] = await signedIn(worker, "alice");
  const t = await alice.createToken({ scope: "vso.project vso.build vso.code", organization: "fabrikam", displayName: "ado clients" });
  assert.equal(t.status, 201);
  token = t.token;
});

after(async () => {
  await worker?.stop();
  rmSync(home, { recursive: true, force: true });
});

const nodeClient = (pat) => new azdev.WebApi(`${worker.base}/fabrikam`, azdev.getPersonalAccessTokenHandler(pat));

/** The Python client's answers for `pat` (a fresh cache each time: it keeps discovery for 12 hours). */
function pythonClient(pat) {
  const cache = mkdtempSync(join(home, "cache-"));
  const r = spawnSync(python, [join(root, "tests/ado/client.py"), `${worker.base}/fabrikam`], {
    encoding: "utf8", env: { ...process.env, PATGATE_PAT: pat, AZURE_DEVOPS_CACHE_DIR: cache, HOME: home },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function clones(remoteUrl, pat) {
  const url = new URL(remoteUrl);
  url.username = "anything";
  url.password = pat;
  const dir = mkdtempSync(join(home, "clone-"));
  const r = spawnSync("git", ["-c", "credential.helper=", "clone", "--quiet", url.href, join(dir, "repo")], {
    encoding: "utf8", env: { ...process.env, HOME: home, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "" },
  });
  return r.status === 0;
}

test("the Node client: discovery, projects, one project, builds, repositories; then git clone from remoteUrl", async () => {
  const api = nodeClient(token);
  const core = await api.getCoreApi();
  const projects = await core.getProjects();
  assert.deepEqual(projects.map((p) => p.name), ["demo"]);
  const demo = projects[0];
  assert.match(demo.id, /^[0-9a-f-]{36}$/);
  assert.ok(demo.lastUpdateTime instanceof Date && !Number.isNaN(demo.lastUpdateTime.getTime()));
  assert.equal(demo.url, `${worker.base}/fabrikam/_apis/projects/${demo.id}`);
  const one = await core.getProject("demo", true);
  assert.deepEqual([one.id, one.name, one.capabilities.versioncontrol.sourceControlType], [demo.id, "demo", "Git"]);
  assert.equal(await core.getProject("no-such-project"), null, "the Node client answers a 404 with null");

  const builds = await (await api.getBuildApi()).getBuilds("demo", undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 2);
  assert.equal(builds.length, 2);
  assert.equal(builds[0].project.name, "demo");
  assert.ok(builds[0].queueTime instanceof Date);

  const git = await api.getGitApi();
  const repos = await git.getRepositories("demo");
  assert.deepEqual(repos.map((r) => [r.name, r.project.name]), [["demo", "demo"]]);
  assert.deepEqual((await git.getRepositories()).map((r) => r.name), ["demo"], "organization level");
  assert.equal(repos[0].remoteUrl, `${worker.base}/fabrikam/demo/_git/demo`);
  assert.ok(clones(repos[0].remoteUrl, token), "git clones from the remoteUrl the client returned");
});

test("the Python client: discovery, projects, one project, builds, repositories; then git clone from remoteUrl", () => {
  const out = pythonClient(token);
  assert.equal(out.error, undefined, JSON.stringify(out.error));
  assert.deepEqual(out.projects.map((p) => [p.name, p.state, p.visibility, p.revision]), [["demo", "wellFormed", "private", 1]]);
  assert.deepEqual(out.project.name, "demo");
  assert.equal(out.project.sourceControlType, "Git");
  assert.equal(out.builds.length, 2);
  assert.deepEqual(out.builds.map((b) => [b.status, b.project]), [["completed", "demo"], ["completed", "demo"]]);
  assert.deepEqual(out.repositories.map((r) => r.name), ["demo"]);
  assert.deepEqual(out.organizationRepositories, ["demo"]);
  assert.ok(clones(out.repositories[0].remoteUrl, token));
});

test("a token of another organization and a revoked token are the clients' own errors, with patgate's message", async () => {
  const other = await alice.createToken({ scope: "vso.project", organization: "contoso", displayName: "contoso only" });
  const revoked = await alice.createToken({ scope: "vso.project", organization: "fabrikam", displayName: "revoked" });
  assert.equal((await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${revoked.id}`)).status, 204);
  for (const [pat, status, message] of [[other.token, 403, /not valid for this organization/], [revoked.token, 401, /./]]) {
    const failure = await (async () => (await nodeClient(pat).getCoreApi()).getProjects())().then(() => null, (e) => e);
    assert.ok(failure, "the Node client refuses");
    assert.equal(failure.statusCode, status);
    assert.match(failure.message, message);
    const py = pythonClient(pat);
    assert.equal(py.error?.class, "AzureDevOpsServiceError", JSON.stringify(py));
    assert.equal(py.error.typeKey, status === 401 ? "VssUnauthorizedException" : "UnauthorizedRequestException");
    assert.match(py.error.message, message);
  }
});
