// patgate as git's credential helper, end to end: real git, the CLI as a user installs it
// (`cargo install`), git's own `cache` helper before it, and the worker. The first clone waits
// for an approval (given here through the API, as the user would in the portal), the second
// makes no request, a revocation makes the next fetch fail and the one after ask again; denial
// and expiry end git with the helper's words. `patgate token` gets a token the same way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createServer, request as forward } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshWorker, root, signedIn } from "./harness.mjs";

let worker;
let alice;
let relay; // between every client and the worker: records what crosses
let base; // the relay's origin: what git, the helper and the browser use
const crossed = []; // { path, authorization, body, answer } of every request through the relay
const duplicate = { poll: false }; // set: the relay sends the next poll twice
const work = mkdtempSync(join(tmpdir(), "patgate-credential-"));
const bin = join(work, "install/bin");

before(async () => {
  // The CLI installed as a user installs it (its build is cached under target/ between runs).
  execFileSync("cargo", ["install", "--quiet", "--locked", "--path", join(root, "cli"), "--root", join(work, "install")], {
    env: { ...process.env, CARGO_TARGET_DIR: join(root, "target/cli-install") }, stdio: ["ignore", "inherit", "inherit"],
  });
  // Polls a second apart (a deployment's setting; 5 s by default).
  worker = await freshWorker("credential", { vars: { PATGATE_REQUEST_INTERVAL_SECONDS: "1" } });
  [alice] = await signedIn(worker, "alice");
  relay = createServer((req, res) => {
    const body = [];
    req.on("data", (d) => body.push(d)).on("end", () => {
      const sent = Buffer.concat(body);
      // Uncompressed answers, so that what is recorded is what can be searched.
      const headers = { ...req.headers, "accept-encoding": "identity" };
      const send = (then) => forward({ host: "127.0.0.1", port: worker.port, method: req.method, path: req.url, headers }, then).end(sent);
      // A retrying proxy's double: this poll reaches the worker twice, and the tool hears the second answer.
      const twice = req.url === "/_apis/tokens/requests/token" && duplicate.poll;
      if (twice) duplicate.poll = false;
      const relayed = (r) => {
        const answer = [];
        r.on("data", (d) => answer.push(d)).on("end", () => {
          crossed.push({ path: req.url, authorization: req.headers.authorization ?? "", body: sent, answer: Buffer.concat(answer) });
          res.writeHead(r.statusCode, r.headers).end(Buffer.concat(answer));
        });
      };
      if (twice) send((first) => first.resume().on("end", () => send(relayed)));
      else send(relayed);
    });
  });
  await new Promise((ok) => relay.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${relay.address().port}`;
});

after(async () => {
  relay?.close();
  await worker?.stop();
  // Each home's cache daemon exits with its socket.
  for (const h of homes) {
    try {
      execFileSync("git", ["credential-cache", `--socket=${join(h, ".sock/cache")}`, "exit"], { env: gitEnv(h), stdio: "ignore" });
    } catch {}
  }
  rmSync(work, { recursive: true, force: true });
});

const homes = [];

/** A user's home: git's cache helper first (its own socket), then patgate for the worker's URL. */
function home(name) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  // git's cache daemon refuses a socket in a directory others may read.
  mkdirSync(join(dir, ".sock"), { recursive: true, mode: 0o700 });
  homes.push(dir);
  writeFileSync(join(dir, ".gitconfig"), `[credential]
\thelper = cache --timeout=600 --socket=${join(dir, ".sock/cache")}
\tuseHttpPath = true
[credential "${base}"]
\thelper = patgate
`);
  return dir;
}

const gitEnv = (homeDir) => ({ ...process.env, HOME: homeDir, PATH: `${bin}:${process.env.PATH}`, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "", SSH_ASKPASS: "", GIT_CONFIG_NOSYSTEM: "1" });

/**
 * Runs git; `onCode(code)` is called once with the user code the helper prints (the user's part:
 * approve, deny, or let it expire). Resolves to the exit status and what git printed.
 */
function git(homeDir, args, { cwd = homeDir, onCode } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env: gitEnv(homeDir) });
    let stderr = "";
    let seen = false;
    let failed = null;
    child.stderr.on("data", (d) => {
      stderr += d;
      const m = /enter the code ([A-Z]{4}-[A-Z]{4})/.exec(stderr);
      if (m && !seen) {
        seen = true;
        // The user's part failing (an assertion in it) ends git at once, rather than after the
        // request's 15 minutes.
        Promise.resolve().then(() => onCode?.(m[1])).catch((e) => {
          failed = e;
          child.kill();
        });
      }
    });
    child.on("close", (status) => (failed ? reject(failed) : resolve({ status, stderr, asked: seen })));
  });
}

const requests = () => worker.sql("SELECT count(*) AS n FROM token_requests")[0].n;
const approve = async (code, body = {}) => {
  const r = await alice.request("POST", `/_apis/tokens/requests/${code}/approve`, body);
  assert.equal(r.status, 200, r.text);
};
const repoUrl = () => `${base}/fabrikam/demo/_git/demo`;

test("the first clone waits for an approval; the second needs none; a revoked token fails once, then a new request", async () => {
  const h = home("home");
  const first = await git(h, ["clone", "--quiet", repoUrl(), "demo"], { onCode: (code) => approve(code) });
  assert.equal(first.status, 0, first.stderr);
  assert.ok(first.asked, "the helper asked");
  assert.match(first.stderr, new RegExp(`open ${base}/device and enter the code [A-Z]{4}-[A-Z]{4}`));
  assert.ok(existsSync(join(h, "demo/README.md")));
  // The token: named for this machine, for the URL's organization, git's scope by default.
  const mine = (await alice.get("/_apis/tokens/pats")).body.patTokens.filter((t) => t.displayName.startsWith("git: on "));
  assert.equal(mine.length, 1);
  assert.deepEqual([mine[0].organization, mine[0].scope, mine[0].status], ["fabrikam", "vso.code_write", "active"]);
  // The second clone is served by git's cache: no request.
  const before = requests();
  const second = await git(h, ["clone", "--quiet", repoUrl(), "again"], { onCode: () => assert.fail("asked again") });
  assert.equal(second.status, 0, second.stderr);
  assert.equal(requests(), before, "no new request");
  // Revoked: the next fetch fails (git erases its cached copy); the one after asks again.
  assert.equal((await alice.request("DELETE", `/_apis/tokens/pats?authorizationId=${mine[0].authorizationId}`)).status, 204);
  const refused = await git(h, ["fetch", "--quiet"], { cwd: join(h, "demo"), onCode: () => assert.fail("no new request before git erased") });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /the server refused the token \(revoked or expired\); the next git command asks for a new one/);
  const again = await git(h, ["fetch", "--quiet"], { cwd: join(h, "demo"), onCode: (code) => approve(code) });
  assert.equal(again.status, 0, again.stderr);
  assert.ok(again.asked);
  // Neither token is in the store, and the worker's log has neither.
  const store = worker.storeBytes();
  const logs = readdirSync(`${worker.state}.logs`).map((f) => readFileSync(join(`${worker.state}.logs`, f)));
  const cached = execFileSync("git", ["credential", "fill"], { input: `protocol=http\nhost=${new URL(base).host}\npath=fabrikam/demo/_git/demo\n\n`, env: gitEnv(h) }).toString();
  const token = /password=(\S+)/.exec(cached)[1];
  assert.match(token, /^pat_[0-9A-Za-z]{36}$/);
  assert.match(cached, /password_expiry_utc=\d+/);
  for (const bytes of [store, ...logs]) assert.equal(bytes.indexOf(Buffer.from(token)), -1, "the token is nowhere on the server's side");
  // Every token git sent (each in its Authorization header, where it belongs): in no body that
  // crossed to the worker or back, the helper's requests and polls included.
  const sent = new Set(crossed.map((c) => /^Basic (.+)$/.exec(c.authorization)?.[1]).filter(Boolean).map((b) => Buffer.from(b, "base64").toString().split(":")[1]));
  assert.ok(sent.size >= 2 && sent.has(token), `the tokens git used: ${sent.size}`);
  assert.ok(crossed.some((c) => c.path === "/_apis/tokens/requests") && crossed.some((c) => c.path === "/_apis/tokens/requests/token"), "the helper's traffic was recorded");
  for (const t of sent) {
    for (const c of crossed) {
      assert.equal(c.body.indexOf(Buffer.from(t)), -1, `a request body to ${c.path}`);
      assert.equal(c.answer.indexOf(Buffer.from(t)), -1, `an answer from ${c.path}`);
    }
  }
});

test("denied or expired: git ends with the helper's words, and no token is made", async () => {
  const h = home("home-denied");
  const count = (await alice.get("/_apis/tokens/pats")).body.patTokens.length;
  const denied = await git(h, ["clone", "--quiet", repoUrl(), "demo"], { onCode: (code) => alice.request("POST", `/_apis/tokens/requests/${code}/deny`) });
  assert.notEqual(denied.status, 0);
  assert.match(denied.stderr, /patgate: no token: the request was denied/);
  assert.ok(!existsSync(join(h, "demo/README.md")));
  await worker.freeze();
  try {
    const expired = await git(h, ["clone", "--quiet", repoUrl(), "demo2"], { onCode: () => worker.advance(15 * 60_000) });
    assert.notEqual(expired.status, 0);
    assert.match(expired.stderr, /patgate: no token: the request expired before it was approved; run the command again to start a new one/);
  } finally {
    await worker.freeze(false);
  }
  assert.equal((await alice.get("/_apis/tokens/pats")).body.patTokens.length, count);
  // The helper never polled sooner than it was told: no request of this file was slowed down.
  assert.deepEqual(worker.sql("SELECT DISTINCT interval_ms FROM token_requests").map((r) => r.interval_ms), [1000]);
});

test("patgate token: the same approval for any tool, the token on stdout only", async () => {
  const child = spawn(join(bin, "patgate"), ["token", "--url", `${base}/contoso`, "--scope", "vso.project", "--name", "curl: on build box"]);
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  await new Promise((resolve) => {
    child.stderr.on("data", async (d) => {
      err += d;
      const m = /enter the code ([A-Z]{4}-[A-Z]{4})/.exec(err);
      if (m && !resolve.done) {
        resolve.done = true;
        await approve(m[1]);
        resolve();
      }
    });
  });
  const status = await new Promise((r) => child.on("close", r));
  assert.equal(status, 0, err);
  const token = out.trim();
  assert.match(token, /^pat_[0-9A-Za-z]{36}$/);
  assert.ok(!err.includes(token), "the token is on stdout only");
  const r = await fetch(`${worker.base}/contoso/_apis/projects`, { headers: { authorization: "Basic " + Buffer.from(":" + token).toString("base64") } });
  assert.equal(r.status, 200);
  const made = (await alice.get("/_apis/tokens/pats")).body.patTokens.find((t) => t.displayName === "curl: on build box");
  assert.deepEqual([made.organization, made.scope], ["contoso", "vso.project"]);
});

test("approved through the portal's /device page in Chromium: the link signs in, shows the request, and still asks to confirm", async () => {
  const { launchChromium } = await import("../chromium.mjs");
  const { PASSWORD } = await import("./harness.mjs");
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ timezoneId: "UTC" })).newPage();
    const h = home("home-browser");
    const cloned = await git(h, ["clone", "--quiet", repoUrl(), "demo"], {
      onCode: async (code) => {
        const link = `${base}/device?code=${code}`;
        await page.goto(link);
        await page.waitForSelector("html[data-ready]");
        await page.fill("#signin-user", "alice");
        await page.fill("#signin-password", PASSWORD);
        await page.click("#signin-form button[type=submit]");
        await page.waitForSelector("#view-device:not([hidden])");
        assert.equal(await page.inputValue("#device-code"), code, "the link's code in the field");
        assert.ok(await page.isHidden("#device-request"), "nothing is approved by following a link");
        await page.click("#device-look");
        await page.waitForSelector("#device-request:not([hidden])");
        assert.match(await page.textContent("#device-name"), /^git: on /);
        assert.equal(await page.textContent("#device-scope"), "vso.code_write");
        assert.match(await page.textContent("#device-from"), /^127\.0\.0\.1 \(patgate\/[\d.]+ \(device approval\)\), /);
        assert.ok(await page.isHidden("#device-warning"), "the same address: no warning");
        assert.equal(await page.inputValue("#device-organization"), "fabrikam");
        await page.click("#device-approve");
        await page.waitForSelector("#device-done:text('Approved')");
      },
    });
    assert.equal(cloned.status, 0, cloned.stderr);
    assert.ok(existsSync(join(h, "demo/README.md")));
  } finally {
    await browser.close();
  }
});

test("slow_down: told to poll less often (a poll that reached the worker twice), the tool waits 5 s more and is not told again", async () => {
  const from = crossed.length;
  duplicate.poll = true;
  const child = spawn(join(bin, "patgate"), ["token", "--url", `${base}/fabrikam`, "--scope", "vso.code", "--name", "slowed"]);
  let err = "";
  let approved = false;
  child.stderr.on("data", async (d) => {
    err += d;
    const m = /enter the code ([A-Z]{4}-[A-Z]{4})/.exec(err);
    if (m && !approved) {
      approved = true;
      // Approved only after the tool has been told to slow down: its next poll then collects.
      while (!crossed.slice(from).some((c) => /"slow_down"/.test(c.answer))) await new Promise((r) => setTimeout(r, 100));
      await approve(m[1]);
    }
  });
  const status = await new Promise((r) => child.on("close", r));
  assert.equal(status, 0, err);
  const answers = crossed.slice(from).filter((c) => c.path === "/_apis/tokens/requests/token").map((c) => JSON.parse(c.answer).error ?? "token");
  assert.equal(answers.filter((a) => a === "slow_down").length, 1, `told once: ${answers}`);
  assert.equal(answers.at(-1), "token", "then it collected its token");
});
