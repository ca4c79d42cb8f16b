// The leak scanner in every face against an independent oracle (oracle.py: Python's re, zlib,
// hashlib, base64): the npm package in Node and in Chromium, and the native CLI installed with
// `cargo install`; then the CLI as a git pre-commit hook in a throwaway repository.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { launchChromium } from "../chromium.mjs";
import * as pg from "../../pkg/node.mjs";

const root = new URL("../..", import.meta.url).pathname;
const here = (f) => join(root, "tests/scan", f);
const corpus = readFileSync(here("corpus.txt"));
const ALL = ["pat", "acme_pat", "ghp", "gho", "ghu", "ghs", "ghr"];
const oracle = (...prefixes) =>
  execFileSync("python3", [here("oracle.py"), here("corpus.txt"), ...prefixes], { encoding: "utf8" }).split("\n").filter(Boolean).map((l) => JSON.parse(l));
const FIELDS = ["offset", "length", "line", "column", "prefix", "encoding", "hint", "digest"];
const pick = (m) => Object.fromEntries(FIELDS.map((k) => [k, m[k]]));
const work = mkdtempSync(join(tmpdir(), "patgate-scan-"));
let cli;

before(() => {
  // A fresh install, as a user runs it (the build is cached under target/ between runs).
  execFileSync("cargo", ["install", "--quiet", "--locked", "--path", join(root, "cli"), "--root", join(work, "install")], {
    env: { ...process.env, CARGO_TARGET_DIR: join(root, "target/cli-install") }, stdio: ["ignore", "inherit", "inherit"],
  });
  cli = join(work, "install/bin/patgate");
});

after(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI; returns its exit status and output. */
function run(args, { input, cwd } = {}) {
  const r = spawnSync(cli, args, { input, cwd, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the checked-in expectations are what the oracle prints", () => {
  const lines = (f) => readFileSync(here(f), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  assert.deepEqual(oracle(), lines("expected.jsonl"));
  assert.deepEqual(oracle(...ALL), lines("expected-all.jsonl"));
  assert.equal(oracle().length, 20);
  assert.equal(oracle(...ALL).length, 26);
});

test("Node: the same matches as the oracle, from bytes and from a string", () => {
  assert.deepEqual(pg.scan(corpus).map(pick), oracle());
  assert.deepEqual(pg.scan(corpus.toString("utf8")).map(pick), oracle());
  assert.deepEqual(pg.scan(corpus, { prefixes: ["pat", "acme_pat"], github: true }).map(pick), oracle(...ALL));
  for (const m of pg.scan(corpus)) assert.equal(m.token, undefined, "never the token unless asked");
  assert.deepEqual(pg.scan(corpus, { basic: false }).map(pick), oracle().filter((m) => m.encoding === "plain"));
  for (const m of pg.scan(corpus, { reveal: true })) {
    assert.equal(createHash("sha256").update(m.token).digest("base64url"), m.digest);
    if (m.encoding === "plain") assert.equal(corpus.subarray(m.offset, m.offset + m.length).toString(), m.token);
  }
});

test("Node: a caller's mistakes throw clear errors; no text is a mistake", () => {
  assert.throws(() => pg.scan(42), /text must be a string or a Uint8Array/);
  assert.throws(() => pg.scan("", { prefixes: ["Bad"] }), /prefix must be/);
  assert.throws(() => pg.scan("", { prefixes: [] }), /1 to 8 token prefixes/);
  assert.throws(() => pg.scan("", { prefixes: Array.from({ length: 9 }, (_, i) => `p${i}`) }), /1 to 8 token prefixes/);
  assert.throws(() => pg.scan("", { prefixes: ["pat", "pat"] }), /must differ/);
  assert.throws(() => pg.scan("", { prefixes: "pat" }), /array of prefixes/);
  assert.throws(() => pg.scan("", { github: "yes" }), /options.github must be a boolean/);
  assert.deepEqual(pg.scan(""), []);
  assert.deepEqual(pg.scan("\u0000\uffff\ud800 pat_"), []);
});

test("Chromium: the same matches as the oracle", async () => {
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".txt": "text/plain" };
  const server = createServer((req, res) => {
    const p = new URL(req.url, "http://x").pathname;
    if (p === "/") return res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">');
    const file = p.startsWith("/pkg/") ? join(root, p) : p === "/corpus.txt" ? here("corpus.txt") : null;
    if (!file || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(p)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const out = await page.evaluate(async (all) => {
      const pg = await import("/pkg/browser.js");
      await pg.init();
      const bytes = new Uint8Array(await (await fetch("/corpus.txt")).arrayBuffer());
      return { bytes: pg.scan(bytes), text: pg.scan(new TextDecoder().decode(bytes)), all: pg.scan(bytes, { prefixes: all.slice(0, 2), github: true }) };
    }, ALL);
    assert.deepEqual(out.bytes.map(pick), oracle());
    assert.deepEqual(out.text.map(pick), oracle());
    assert.deepEqual(out.all.map(pick), oracle(...ALL));
  } finally {
    await browser.close();
    server.close();
  }
});

test("CLI: JSON lines as the oracle says, text without the token, exit 1 when found", () => {
  const json = run(["scan", "--format", "json", here("corpus.txt")]);
  assert.equal(json.status, 1, json.stderr);
  const lines = json.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.path), lines.map(() => here("corpus.txt")));
  assert.deepEqual(lines.map(pick), oracle());
  const all = run(["scan", "--format=json", "--prefix", "pat", "--prefix", "acme_pat", "--github", here("corpus.txt")]);
  assert.deepEqual(all.stdout.split("\n").filter(Boolean).map((l) => pick(JSON.parse(l))), oracle(...ALL));
  const text = run(["scan", here("corpus.txt")]);
  assert.equal(text.status, 1);
  const first = oracle()[0];
  assert.equal(text.stdout.split("\n")[0], `${here("corpus.txt")}:${first.line}:${first.column}: pat token …${first.hint}`);
  for (const m of pg.scan(corpus, { reveal: true })) assert.ok(!text.stdout.includes(m.token.slice(4, -4)) && !json.stdout.includes(m.token.slice(4, -4)), "never a token");
  const plain = run(["scan", "--format", "json", "--no-basic", here("corpus.txt")]);
  assert.deepEqual(plain.stdout.split("\n").filter(Boolean).map((l) => pick(JSON.parse(l))), oracle().filter((m) => m.encoding === "plain"));
  const stdin = run(["scan", "-"], { input: corpus });
  assert.equal(stdin.stdout, text.stdout.replaceAll(here("corpus.txt"), "-"));
});

test("CLI: directories recursively, .gitignore respected, binaries skipped, 0 when clean, 2 on error", () => {
  const dir = mkdtempSync(join(work, "tree-"));
  const t = () => pg.generateToken().token;
  execFileSync("git", ["init", "--quiet", dir]);
  mkdirSync(join(dir, "src/deep"), { recursive: true });
  writeFileSync(join(dir, "src/deep/config.yml"), `token: ${t()}\n`);
  writeFileSync(join(dir, ".env"), `PAT=${t()}\n`);
  writeFileSync(join(dir, "ignored.log"), `${t()}\n`);
  writeFileSync(join(dir, ".gitignore"), "ignored.log\n");
  writeFileSync(join(dir, "image.bin"), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(` ${t()} `)]));
  writeFileSync(join(dir, "clean.txt"), "nothing here pat_ but words\n");
  const r = run(["scan", "--format", "json", dir]);
  assert.equal(r.status, 1);
  const paths = r.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l).path.slice(dir.length + 1)).sort();
  assert.deepEqual(paths, [".env", "src/deep/config.yml"]);
  assert.deepEqual(run(["scan", join(dir, "clean.txt")]), { status: 0, stdout: "", stderr: "" });
  const missing = run(["scan", join(dir, "no-such-file")]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file/);
  assert.equal(run(["scan", "--format", "xml", dir]).status, 2);
  assert.equal(run(["frobnicate"]).status, 2);
});

test("CLI: generate, digest and check agree with node:crypto and zlib's checksum", () => {
  const g = JSON.parse(run(["generate", "--json"]).stdout);
  assert.match(g.token, /^pat_[0-9A-Za-z]{36}$/);
  assert.equal(g.digest, createHash("sha256").update(g.token).digest("base64url"));
  assert.equal(g.hint, g.token.slice(-4));
  assert.equal(pg.checkToken(g.token).valid, true, "the package accepts what the CLI made");
  assert.match(run(["generate", "--prefix", "acme"]).stdout, /^acme_[0-9A-Za-z]{36}\n$/);
  assert.deepEqual(run(["digest"], { input: `${g.token}\n` }), { status: 0, stdout: `${g.digest}\n`, stderr: "" });
  assert.equal(run(["digest"], { input: "pat_nope\n" }).status, 2);
  assert.equal(run(["digest", g.token]).status, 2, "never a token on the command line for digest");
  assert.equal(run(["check", "-"], { input: g.token }).status, 0);
  assert.equal(run(["check"], { input: `${g.token}\n` }).status, 0, "stdin by default");
  const bad = run(["check"], { input: g.token.slice(0, -1) + (g.token.endsWith("0") ? "1" : "0") });
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /^invalid \(checksum\)/);
  // Never a token on the command line: refused, and the token is not echoed back.
  const argv = run(["check", g.token]);
  assert.equal(argv.status, 2);
  assert.match(argv.stderr, /reads the token from stdin, never from the command line/);
  assert.ok(!argv.stderr.includes(g.token) && !argv.stdout.includes(g.token));
});

test("CLI: --help on every command and --version answer with exit 0; a binary file is named, not skipped in silence", () => {
  for (const args of [["--help"], ["-h"], ["help"], ["scan", "--help"], ["check", "--help"], ["digest", "-h"], ["generate", "--help"], ["scan", "--format", "json", "--help"]]) {
    const r = run(args);
    assert.equal(r.status, 0, args.join(" "));
    assert.match(r.stdout, /^usage: patgate scan/, args.join(" "));
  }
  const version = run(["--version"]);
  const cargo = readFileSync(join(root, "cli/Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
  assert.deepEqual([version.status, version.stdout], [0, `patgate ${cargo}\n`]);
  const dir = mkdtempSync(join(work, "binary-"));
  const token = pg.generateToken().token;
  writeFileSync(join(dir, "blob.bin"), Buffer.concat([Buffer.from(`x ${token}\n`), Buffer.from([0, 1, 2])]));
  const r = run(["scan", dir]);
  assert.equal(r.status, 0, "a binary file is not scanned");
  assert.match(r.stderr, /blob\.bin: skipped: a binary file \(a NUL byte in its first 8 KiB\)/);
});

test("a git pre-commit hook refuses a commit that holds a token and lets a clean one through", () => {
  const repo = mkdtempSync(join(work, "repo-"));
  const git = (...args) => spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, encoding: "utf8" });
  git("init", "--quiet");
  writeFileSync(join(repo, ".git/hooks/pre-commit"), `#!/bin/sh\nexec "${cli}" scan --staged\n`, { mode: 0o755 });
  writeFileSync(join(repo, "README.md"), "hello\n");
  git("add", "README.md");
  assert.equal(git("commit", "--quiet", "-m", "clean").status, 0, "a clean commit passes");
  const token = pg.generateToken().token;
  writeFileSync(join(repo, "deploy.sh"), `#!/bin/sh\ncurl -u x:${token} https://dev.example.com\n`);
  git("add", "deploy.sh");
  const refused = git("commit", "--quiet", "-m", "leak");
  assert.notEqual(refused.status, 0, "the commit is refused");
  // git hands the hook's output to the committer on stderr.
  assert.match(refused.stdout + refused.stderr, new RegExp(`^deploy.sh:2:11: pat token …${token.slice(-4)}$`, "m"));
  assert.ok(!refused.stdout.includes(token) && !refused.stderr.includes(token));
  // The refusal says what to do next: revoke, remove, commit again; how to accept a fixture,
  // with the token's digest (node:crypto's) ready to paste.
  const digest = createHash("sha256").update(token).digest("base64url");
  assert.match(refused.stderr, /1 token found[\s\S]*revoke it[\s\S]*remove it from the file[\s\S]*commit again[\s\S]*\.patgateignore/);
  assert.match(refused.stderr, new RegExp(`^  ${digest}  <why this token is not a secret>$`, "m"));
  assert.equal(git("rev-list", "--count", "HEAD").stdout.trim(), "1");
  // What is committed is what counts: the token only in the working tree, not staged, passes.
  writeFileSync(join(repo, "deploy.sh"), "#!/bin/sh\ncurl https://dev.example.com\n");
  git("add", "deploy.sh");
  writeFileSync(join(repo, "deploy.sh"), `#!/bin/sh\ncurl -u x:${token} https://dev.example.com\n`);
  assert.equal(git("commit", "--quiet", "-m", "staged copy is clean").status, 0);
});

test("the pre-commit framework builds the hook from this repository with cargo and refuses a commit that holds a token", () => {
  // pre-commit clones the hook's repository at a commit (this one's HEAD: what is committed),
  // builds the CLI there through scripts/pre-commit-hook.sh, and runs it at each commit. The
  // build shares the install test's cargo cache; nothing is installed by hand.
  const rev = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  const repo = mkdtempSync(join(work, "framework-"));
  const env = { ...process.env, PRE_COMMIT_HOME: join(work, "pre-commit-home"), CARGO_TARGET_DIR: join(root, "target/cli-install") };
  const git = (...args) => spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, encoding: "utf8", env });
  git("init", "--quiet");
  writeFileSync(join(repo, ".pre-commit-config.yaml"), `repos:\n  - repo: ${root}\n    rev: ${rev}\n    hooks:\n      - id: patgate-scan\n`);
  const installed = spawnSync(join(root, "tests/scan/.venv/bin/pre-commit"), ["install"], { cwd: repo, encoding: "utf8", env });
  assert.equal(installed.status, 0, installed.stdout + installed.stderr);
  git("add", ".pre-commit-config.yaml");
  const clean = git("commit", "--quiet", "-m", "the hook");
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  const token = pg.generateToken().token;
  writeFileSync(join(repo, "ci.env"), `TOKEN=${token}\n`);
  git("add", "ci.env");
  const refused = git("commit", "--quiet", "-m", "leak");
  assert.notEqual(refused.status, 0, "the commit is refused");
  assert.match(refused.stdout + refused.stderr, new RegExp(`ci\\.env:1:7: pat token …${token.slice(-4)}`));
  assert.ok(!(refused.stdout + refused.stderr).includes(token));
  assert.equal(git("rev-list", "--count", "HEAD").stdout.trim(), "1");
});

test(".patgateignore: a fixture's digest or path, each with its reason, is not reported; an entry without a reason is an error", () => {
  const repo = mkdtempSync(join(work, "ignore-"));
  const fixture = pg.generateToken().token;
  const leaked = pg.generateToken().token;
  mkdirSync(join(repo, "tests/fixtures"), { recursive: true });
  writeFileSync(join(repo, "tests/parser.txt"), `made up: ${fixture}\n`);
  writeFileSync(join(repo, "tests/fixtures/config.env"), `TOKEN=${pg.generateToken().token}\n`);
  writeFileSync(join(repo, "deploy.env"), `TOKEN=${leaked}\n`);
  const digest = (t) => createHash("sha256").update(t).digest("base64url");
  const scan = () => spawnSync(cli, ["scan", "."], { cwd: repo, encoding: "utf8" });
  assert.equal(scan().stdout.split("\n").filter(Boolean).length, 3, "three tokens before any entry");
  writeFileSync(join(repo, ".patgateignore"), `# accepted tokens\n${digest(fixture)}  made up for the parser's tests\ntests/fixtures/  every token in them made up\n`);
  const r = scan();
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.split("\n").filter(Boolean), [`./deploy.env:1:7: pat token …${leaked.slice(-4)}`], "only the leaked one");
  writeFileSync(join(repo, "deploy.env"), "TOKEN=\n");
  assert.equal(scan().status, 0, "nothing left to report");
  writeFileSync(join(repo, ".patgateignore"), `${digest(fixture)}\n`);
  const bad = scan();
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /\.patgateignore:1: give the reason after the digest or path/);
});
