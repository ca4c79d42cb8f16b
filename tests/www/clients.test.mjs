// Real clients against the real worker: git (dumb HTTP, Basic challenge) and curl, then a
// restart of the README's run command on the same store.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, DAY, freshWorker, root, signedIn, sleep, freePort, waitFor } from "./harness.mjs";

let worker;
let alice;
const home = mkdtempSync(join(tmpdir(), "patgate-git-"));

before(async () => {
  worker = await freshWorker("clients");
  [alice] = await signedIn(worker, "alice");
});

after(async () => {
  await worker?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** `git clone` as a user runs it: credentials in the URL, no prompts, no credential helper. */
function clone(token, org = "fabrikam", path = `${org}/demo/_git/demo`) {
  const dir = mkdtempSync(join(home, "clone-"));
  const auth = token ? `anything:${token}@` : "";
  const url = `http://${auth}127.0.0.1:${worker.port}/${path}`;
  const r = spawnSync("git", ["-c", "credential.helper=", "clone", "--quiet", url, join(dir, "demo")], {
    encoding: "utf8", env: { ...process.env, HOME: home, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "", SSH_ASKPASS: "" },
  });
  const readme = join(dir, "demo/README.md");
  return { ok: r.status === 0, stderr: r.stderr.replaceAll(token ?? "\0", "<PAT>"), readme: existsSync(readme) ? readFileSync(readme, "utf8") : null, dir: join(dir, "demo") };
}

function curl(...args) {
  const r = spawnSync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", ...args], { encoding: "utf8" });
  return Number(r.stdout);
}

test("git clones a project's default repository by Azure DevOps' short URL; any other path under _git is a 404, never the portal", async () => {
  const code = await alice.createToken({ scope: "vso.code" });
  const short = clone(code.token, "fabrikam", "fabrikam/_git/demo");
  assert.ok(short.ok, short.stderr);
  assert.match(short.readme, /^# demo/);
  assert.ok(!clone(null, "fabrikam", "fabrikam/_git/demo").ok, "the gate comes first");
  const base = `http://127.0.0.1:${worker.port}`;
  for (const path of ["/fabrikam/_git/nope/info/refs", "/fabrikam/demo/_git/nope/info/refs", "/fabrikam/_git/demo/notes.txt", "/fabrikam/_git", "/fabrikam/demo/_git/demo/objects/xx", "/fabrikam/_GIT", "/fabrikam/_Git/x", "/fabrikam/demo/_GIT/x"]) {
    const r = spawnSync("curl", ["-s", "-D", "-", "-o", "/dev/null", "-u", `anything:${code.token}`, base + path], { encoding: "utf8" });
    assert.match(r.stdout, /^HTTP\/1\.1 404/, path);
    assert.match(r.stdout, /content-type: application\/json/i, `${path}: an API error, not the portal's page`);
  }
});

test("a push to the read-only demo repository is refused in words git shows, whatever the token's scopes", async () => {
  const write = await alice.createToken({ scope: "vso.code_write" });
  const cloned = clone(write.token);
  assert.ok(cloned.ok, cloned.stderr);
  const git = (...args) => spawnSync("git", ["-c", "credential.helper=", "-c", "user.name=a", "-c", "user.email=a@example.com", ...args], {
    cwd: cloned.dir, encoding: "utf8", env: { ...process.env, HOME: home, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "", SSH_ASKPASS: "" },
  });
  writeFileSync(join(cloned.dir, "change.txt"), "a change\n");
  git("add", "change.txt");
  assert.equal(git("commit", "--quiet", "-m", "a change").status, 0);
  const pushed = git("push", "--quiet", "origin", "HEAD");
  assert.notEqual(pushed.status, 0);
  const said = pushed.stderr.replaceAll(write.token, "<PAT>");
  assert.match(said, /remote: patgate's demo repositories are read-only: clone and fetch work with a token that reads code; a push is not taken\./, said);
  assert.doesNotMatch(said, /return code 22/);
});

test("git clones with a PAT, and is refused with a clear message otherwise", async () => {
  const code = await alice.createToken({ displayName: "git: http://127.0.0.1 on MyMachine", scope: "vso.code_write" });
  const ok = clone(code.token);
  assert.ok(ok.ok, ok.stderr);
  assert.match(ok.readme, /^# demo/);

  const none = clone(null);
  assert.ok(!none.ok);
  assert.match(none.stderr, /could not read Username|Authentication failed/, "401 with a Basic challenge makes git ask for credentials");

  const other = await alice.createToken({ scope: "vso.code", organization: "contoso" });
  const wrongOrg = clone(other.token);
  assert.ok(!wrongOrg.ok);
  assert.match(wrongOrg.stderr, /403/);
  // git shows the refusal's words: the organization, not a scope the token has.
  assert.match(wrongOrg.stderr, /^remote: the token is not valid for this organization$/m);

  const builds = await alice.createToken({ scope: "vso.build" });
  const noScope = clone(builds.token);
  assert.ok(!noScope.ok);
  assert.match(noScope.stderr, /403/);
  assert.match(noScope.stderr, /^remote: the token lacks the scope this resource requires$/m);

  const unknown = clone("pat_" + "A".repeat(36));
  assert.ok(!unknown.ok);
  assert.match(unknown.stderr, /Authentication failed/);

  await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${code.id}`);
  const revoked = clone(code.token);
  assert.ok(!revoked.ok);
  assert.match(revoked.stderr, /Authentication failed/);
  assert.ok(!revoked.stderr.includes(code.token));

  const brief = await alice.createToken({ scope: "vso.code", validTo: worker.at(60_000) });
  assert.ok(clone(brief.token).ok);
  await worker.advance(60_000);
  const expired = clone(brief.token);
  assert.ok(!expired.ok);
  assert.match(expired.stderr, /Authentication failed/);
});

test("curl with -u and with a hand-made Basic header", async () => {
  const t = await alice.createToken({ scope: "vso.project vso.build" });
  const url = `http://127.0.0.1:${worker.port}/fabrikam/_apis/projects`;
  assert.equal(curl("-u", `anything:${t.token}`, url), 200);
  const header = "Authorization: Basic " + execFileSync("bash", ["-c", 'printf ":%s" "$0" | base64 -w0', t.token], { encoding: "utf8" });
  assert.equal(curl("-H", header, url), 200);
  assert.equal(curl("-H", header, `http://127.0.0.1:${worker.port}/fabrikam/_apis/build/builds`), 200);
  assert.equal(curl("-H", `Authorization: Bearer ${t.token}`, url), 200);
  assert.equal(curl(url), 401);
  assert.equal(curl("-u", `anything:${t.token}x`, url), 401);
  await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${t.id}`);
  assert.equal(curl("-u", `anything:${t.token}`, url), 401);
});

test("the run command keeps the store across restarts and prints the demo password once", async () => {
  const state = mkdtempSync(join(tmpdir(), "patgate-run-"));
  // wrangler's own place for its debug log, were run.sh not to move it (it would hold D1's answers).
  const home = mkdtempSync(join(tmpdir(), "patgate-config-"));
  const port = await freePort();
  const start = () => {
    const env = { ...process.env, PORT: String(port), PATGATE_STATE: state, XDG_CONFIG_HOME: home };
    delete env.PATGATE_DEMO_PASSWORD;
    const child = spawn("bash", [join(root, "scripts/run.sh")], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const run = { child, output: () => out };
    running.add(run);
    return run;
  };
  const ready = async (run) => {
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/_apis/policies`)).status === 401) return;
      } catch {}
      await sleep(250);
    }
    throw new Error("run.sh did not start:\n" + run.output());
  };
  const running = new Set();
  const stop = async (run) => {
    if (!running.delete(run)) return;
    if (run.child.exitCode !== null || run.child.signalCode !== null) return; // it ended by itself (a failed start)
    const exited = new Promise((r) => run.child.once("exit", r));
    process.kill(-run.child.pid, "SIGKILL");
    await exited;
  };
  // The run command's worker keeps the wall clock: it is the product as users start it.
  const fake = { port, base: `http://127.0.0.1:${port}`, at: (ms) => new Date(Date.now() + ms).toISOString() };
  try {
    const first = start();
    await ready(first);
    const password = first.output().match(/have the password: (\S+)/)?.[1];
    assert.ok(password, first.output());
    const c = new Client(fake);
    assert.equal((await c.signIn("alice", password)).status, 200);
    const t = await c.createToken({ scope: "vso.project", displayName: "survives restarts" });
    assert.equal(t.status, 201);
    // Made after this run's first hourly job: the next start's job gives it its 7-day notice.
    const soon = await c.createToken({ scope: "vso.project", displayName: "ends in 3 days", validTo: fake.at(3 * DAY) });
    assert.equal(soon.status, 201);
    await stop(first);

    const second = start();
    await ready(second);
    assert.doesNotMatch(second.output(), /password/, "printed only for a new store");
    const again = new Client(fake);
    assert.equal((await again.signIn("alice", password)).status, 200);
    const listed = (await again.get("/_apis/tokens/pats")).body.patTokens;
    assert.deepEqual(listed.map((x) => x.displayName).sort(), ["ends in 3 days", "survives restarts"]);
    // wrangler dev runs no cron: the run command's own loop runs the hourly job at start.
    await waitFor(async () => (await again.get("/_apis/notifications")).body.value.some((n) => n.kind === "expiring" && n.authorizationId === soon.id), { everyMs: 250, what: "the expiry notice of the run command's hourly job" });
    assert.equal(curl("-u", `anything:${t.token}`, `${fake.base}/fabrikam/_apis/projects`), 200);
    await stop(second);
    // wrangler's debug log (with the store's answers: password hashes, digests) is kept beside
    // the store, readable by its owner only, and nowhere else.
    assert.equal(statSync(state).mode & 0o777, 0o700);
    assert.equal(statSync(join(state, "logs")).mode & 0o777, 0o700);
    assert.ok(readdirSync(join(state, "logs")).filter((f) => /^wrangler-.*\.log$/.test(f)).length >= 2, "a log for each start");
    assert.deepEqual(readdirSync(home, { recursive: true }).filter((f) => f.endsWith(".log")), []);
  } finally {
    // A failed assertion must not leave the run command serving (the test process would hang).
    for (const run of [...running]) await stop(run);
    rmSync(state, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
});
