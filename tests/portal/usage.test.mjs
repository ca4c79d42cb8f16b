// The show-once dialog's usage examples (www/public/usage.js), with the core's scopesGrant (the
// worker's own package) deciding what a token's scopes reach: commands for the token's
// organization, a clone only where it reads code and a repository exists, a curl it may make.
// The commands hold no token: bash reads it from standard input, as a user pastes it, and the
// header git and curl send is checked against Node's own base64.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scopesGrant } from "../../pkg/node.mjs";
import { READ_TOKEN, usageExamples } from "../../www/public/usage.js";

const T = "pat_0123456789abcdefghijABCDEFGHIJ0abcde";
const where = {
  origin: "http://127.0.0.1:8787",
  repositories: [{ organization: "fabrikam", project: "demo", name: "demo" }, { organization: "north wind", project: "web site", name: "app/ui" }],
  organizations: ["contoso", "fabrikam", "north wind"],
  grants: scopesGrant,
};
const of = (organization, scope) => usageExamples({ organization, scope }, where);
const GIT = (path) => `GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.http://127.0.0.1:8787/.extraHeader \\\nGIT_CONFIG_VALUE_0="Authorization: Basic $(printf ':%s' "$PAT" | base64 | tr -d '\\n')" \\\n  git clone http://127.0.0.1:8787/${path}`;
const CURL = (rest) => `printf 'user = ":%s"\\n' "$PAT" | curl -K - ${rest}`;

test("a token of an organization with a repository, reading code: a clone of it and a route its scopes reach", () => {
  assert.deepEqual(of("fabrikam", "vso.code_write"), { git: GIT("fabrikam/demo/_git/demo"), curl: CURL("http://127.0.0.1:8787/fabrikam/_apis/git/repositories") });
  assert.equal(of("fabrikam", "vso.code vso.project").curl, CURL("http://127.0.0.1:8787/fabrikam/_apis/projects"));
  assert.equal(of("fabrikam", "vso.build_execute").curl, CURL("http://127.0.0.1:8787/fabrikam/_apis/build/builds"));
  assert.equal(of("fabrikam", "vso.build_execute").git, null, "no clone without a code scope");
});

test("full access reaches everything; a scope no example route needs gets the location service", () => {
  assert.deepEqual(of("fabrikam", "app_token"), { git: GIT("fabrikam/demo/_git/demo"), curl: CURL("http://127.0.0.1:8787/fabrikam/_apis/projects") });
  assert.deepEqual(of("contoso", "vso.work"), { git: null, curl: CURL("-X OPTIONS http://127.0.0.1:8787/contoso/_apis") });
});

test("an organization without a repository: no clone; all organizations: the first of the user's with one", () => {
  assert.equal(of("contoso", "vso.code").git, null);
  assert.equal(of("contoso", "vso.code").curl, CURL("http://127.0.0.1:8787/contoso/_apis/git/repositories"));
  assert.deepEqual(of(null, "vso.code"), { git: GIT("fabrikam/demo/_git/demo"), curl: CURL("http://127.0.0.1:8787/fabrikam/_apis/git/repositories") });
  assert.equal(usageExamples({ organization: null, scope: "vso.code" }, { ...where, repositories: [] }).curl, CURL("http://127.0.0.1:8787/contoso/_apis/git/repositories"));
});

test("names are percent-encoded in the paths", () => {
  assert.equal(of("north wind", "vso.code").git, GIT("north%20wind/web%20site/_git/app%2Fui"));
  assert.equal(of("north wind", "vso.project").curl, CURL("http://127.0.0.1:8787/north%20wind/_apis/projects"));
});

/** Runs `script` in bash with `input` on its standard input (the pasted token). */
function bash(script, input, env = {}) {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", script], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => resolve({ code, err }));
    child.stdin.end(input);
  });
}

test("as a user runs them: bash reads the pasted token, git and curl send Basic base64(':' + token), and no command line holds it", async () => {
  const seen = [];
  // While git or curl waits for this answer, every process's command line is read: none may
  // hold the token or its header (another user of the machine sees them all).
  const exposed = [];
  const commandLines = () => readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map((d) => {
    try {
      return readFileSync(`/proc/${d}/cmdline`, "latin1");
    } catch {
      return ""; // gone meanwhile
    }
  });
  const server = createServer((req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    const lines = commandLines();
    exposed.push(...lines.filter((l) => l.includes(T.slice(4)) || l.includes(Buffer.from(":" + T).toString("base64"))));
    assert.ok(lines.some((l) => /^(git|curl)\0|\/(git|curl)\0|git-remote-http/.test(l)), "the client is running: " + lines.filter((l) => /git|curl/.test(l)).join(" | "));
    res.writeHead(404).end();
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const home = mkdtempSync(join(tmpdir(), "patgate-usage-"));
  try {
    const { git, curl } = usageExamples({ organization: "fabrikam", scope: "vso.code" }, { ...where, origin });
    for (const command of [READ_TOKEN, git, curl]) {
      assert.ok(!command.includes(T) && !command.includes(Buffer.from(":" + T).toString("base64")), command);
      // No comment: an interactive zsh takes `#` as a word (curl would send the token there too).
      assert.ok(!command.includes("#"), command);
    }
    // History on, as in an interactive shell: the token is not in it.
    const history = join(home, "history");
    const script = `HISTFILE=${history}; set -o history\n${READ_TOKEN}\n${git} ${join(home, "clone")}\n${curl} -s -o /dev/null\nhistory -w`;
    const ran = await bash(script, T + "\n", { HOME: home, GIT_TERMINAL_PROMPT: "0" });
    assert.notEqual(ran.code, null, ran.err);
    const want = "Basic " + Buffer.from(":" + T).toString("base64");
    assert.ok(seen.some((r) => r.url.startsWith("/fabrikam/demo/_git/demo/info/refs")), JSON.stringify(seen));
    assert.ok(seen.some((r) => r.url === "/fabrikam/_apis/git/repositories"), JSON.stringify(seen));
    for (const r of seen) assert.equal(r.authorization, want, r.url);
    assert.deepEqual(exposed, [], "no command line held the token");
    const kept = readFileSync(history, "utf8");
    assert.match(kept, /read -rs PAT/, "the history was written");
    assert.ok(!kept.includes(T.slice(4)), "the token is not in the history");
  } finally {
    server.close();
    rmSync(home, { recursive: true, force: true });
  }
});
