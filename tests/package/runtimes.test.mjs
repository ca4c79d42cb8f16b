// The npm package as users install it: `npm pack` of pkg/, installed from the tarball into a
// fresh folder per runtime, then used the way each runtime's users do. Network: 127.0.0.1 only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync, copyFileSync, readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { join, extname } from "node:path";
import { gzipSync } from "node:zlib";
import { build as esbuild } from "esbuild";
import { build as viteBuild } from "vite";
import { launchChromium } from "../chromium.mjs";
import { documentedCalls, arityChecks } from "./signatures.mjs";
import { freePort } from "../../scripts/ports.mjs";

const root = new URL("../..", import.meta.url).pathname;
const here = new URL(".", import.meta.url).pathname;
const work = join(root, "target/pkg-tests");
const bin = (name) => join(root, "node_modules/.bin", name);
const report = {};
let tarball;
let browser;

function run(cmd, args, cwd, env = {}) {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

/** A fresh folder with only `patgate` installed from the tarball, and the shared smoke test. */
function fresh(name, files = {}) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `patgate-${name}-check`, private: true, type: "module" }));
  copyFileSync(join(here, "smoke.js"), join(dir, "smoke.js"));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], dir);
  return dir;
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

/** Serves `dir` on 127.0.0.1 and returns its base URL and a way to close it. */
async function serve(dir) {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!path.startsWith(dir) || !existsSync(path) || statSync(path).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
    res.end(readFileSync(path));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Opens a page in headless Chromium and waits for `window.__result`; fails on any console error. */
async function inChromium(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.__result || window.__error, null, { timeout: 15_000 }).catch(() => {});
  const result = await page.evaluate(() => window.__result ?? { error: window.__error });
  await page.close();
  assert.deepEqual(problems, []);
  return result;
}

const PAGE = (script, importmap = "") => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
${importmap}<script type="module" src="${script}"></script></head><body></body></html>`;

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const name = run("npm", ["pack", "--pack-destination", work, "--loglevel=error"], join(root, "pkg")).trim().split("\n").pop();
  tarball = join(work, name);
  const wasm = readFileSync(join(root, "pkg/patgate_bg.wasm"));
  report.tarballBytes = statSync(tarball).size;
  report.wasmBytes = wasm.length;
  report.wasmGzipBytes = gzipSync(wasm, { level: 9 }).length;
  const edge = readFileSync(join(root, "pkg/edge_bg.wasm"));
  report.edgeWasmBytes = edge.length;
  report.edgeWasmGzipBytes = gzipSync(edge, { level: 9 }).length;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  console.log("package report: " + JSON.stringify(report));
});

test("Node ESM: import, no init, no flags", () => {
  const dir = fresh("node-esm", {
    "main.mjs": `const t0 = performance.now();
const pg = await import("patgate");
const loadMs = performance.now() - t0;
const { smoke } = await import("./smoke.js");
console.log(JSON.stringify({ ...smoke(pg), loadMs, entry: import.meta.resolve("patgate") }));`,
  });
  const out = JSON.parse(run("node", ["main.mjs"], dir));
  assert.equal(out.ok, true);
  assert.match(out.entry, /\/node_modules\/patgate\/node\.mjs$/);
  report.nodeLoadMs = Math.round(out.loadMs * 100) / 100;
});

test("Node CommonJS: require, no init, no flags", () => {
  const dir = fresh("node-cjs", {
    "main.cjs": `const pg = require("patgate");
import("./smoke.js").then(({ smoke }) => console.log(JSON.stringify({ ...smoke(pg), entry: require.resolve("patgate"), init: typeof pg.init })));`,
  });
  const out = JSON.parse(run("node", ["main.cjs"], dir));
  assert.equal(out.ok, true);
  assert.match(out.entry, /\/node_modules\/patgate\/node\.cjs$/);
  assert.equal(out.init, "function");
});

test("browser without a bundler: ES module from a static page", async () => {
  const dir = fresh("browser", {
    "index.html": PAGE("./main.js", `<script type="importmap">{"imports":{"patgate":"./node_modules/patgate/browser.js"}}</script>\n`),
    "main.js": `import * as pg from "patgate";
import { smoke } from "./smoke.js";
let early = null;
try { pg.generateToken(); } catch (e) { early = e.message; }
try {
  await Promise.all([pg.init(), pg.init()]);
  window.__result = { ...smoke(pg), early };
} catch (e) { window.__error = String(e); }`,
  });
  const server = await serve(dir);
  try {
    const out = await inChromium(server.url + "/index.html");
    assert.equal(out.ok, true, JSON.stringify(out));
    assert.match(out.early, /call `await init\(\)` before using it/);
  } finally {
    server.close();
  }
});

test("esbuild production build: .wasm emitted as an asset, runs in Chromium", async () => {
  const dir = fresh("esbuild", {
    "app.js": `import * as pg from "patgate";
import wasmUrl from "patgate/patgate_bg.wasm";
import { smoke } from "./smoke.js";
await pg.init(wasmUrl);
window.__result = smoke(pg);`,
  });
  await esbuild({
    absWorkingDir: dir, entryPoints: ["app.js"], bundle: true, minify: true, format: "esm", platform: "browser",
    target: "es2022", outdir: "dist", loader: { ".wasm": "file" }, logLevel: "silent",
  });
  writeFileSync(join(dir, "dist/index.html"), PAGE("./app.js"));
  const files = readdirSync(join(dir, "dist"));
  const wasm = files.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, files.join());
  const js = readFileSync(join(dir, "dist/app.js"), "utf8");
  assert.ok(!js.includes("AGFzbQ"), "the .wasm must not be inlined as base64");
  report.esbuildJsBytes = js.length;
  const server = await serve(join(dir, "dist"));
  try {
    assert.equal((await inChromium(server.url + "/index.html")).ok, true);
  } finally {
    server.close();
  }
});

test("Vite production build: .wasm emitted as an asset, runs in Chromium", async () => {
  const dir = fresh("vite", {
    "index.html": PAGE("/main.js"),
    "main.js": `import { init, generateToken, checkToken, tokenDigest, verifyToken, formatBasic, formatBearer, parseAuthorization, Gate, scopeCatalog, scan } from "patgate";
import { smoke } from "./smoke.js";
await init();
window.__result = smoke({ generateToken, checkToken, tokenDigest, verifyToken, formatBasic, formatBearer, parseAuthorization, Gate, scopeCatalog, scan });`,
  });
  await viteBuild({ root: dir, logLevel: "silent", configFile: false, build: { outDir: "dist", emptyOutDir: true } });
  const assets = readdirSync(join(dir, "dist/assets"));
  assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 1, assets.join());
  const js = assets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(dir, "dist/assets", f), "utf8")).join("");
  assert.ok(!js.includes("AGFzbQ"), "the .wasm must not be inlined as base64");
  report.viteJsBytes = js.length;
  const server = await serve(join(dir, "dist"));
  try {
    assert.equal((await inChromium(server.url + "/index.html")).ok, true);
  } finally {
    server.close();
  }
});

test("Cloudflare Workers: a worker validates Authorization in workerd (wrangler dev)", async () => {
  const dir = fresh("workerd", {
    "wrangler.toml": `name = "patgate-package-check"\nmain = "worker.js"\ncompatibility_date = "2025-09-01"\n`,
    "worker.js": `import * as pg from "patgate/edge";
import * as full from "patgate";
import * as alias from "patgate/full";
import { smoke } from "./smoke.js";
const gate = new pg.Gate({ realm: "edge" });
const records = new Map();
export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/smoke") return Response.json({ edge: smoke(pg, { edge: true, maker: full }), full: smoke(full), alias: alias.Gate === full.Gate });
    if (pathname === "/issue") {
      const g = full.generateToken(); // tokens are made where they are shown; the edge module has no generator
      const now = Date.now();
      records.set(g.digest, { id: "w1", owner: "alice", organizations: ["fabrikam"], scope: "vso.code",
        validFrom: now - 1000, validTo: now + 3_600_000, revokedAt: null, digest: g.digest });
      return new Response(g.token);
    }
    const presented = gate.authenticate(request.headers.get("authorization"));
    const verdict = presented.ok
      ? gate.decide(presented.digest, records.get(presented.digest) ?? null, { now: Date.now(), organization: "fabrikam", requiredScope: "vso.code" })
      : presented;
    const headers = new Headers();
    for (const c of verdict.wwwAuthenticate) headers.append("WWW-Authenticate", c);
    return new Response(verdict.ok ? "hello " + verdict.grant.owner : verdict.error ?? "unauthorized", { status: verdict.status, headers });
  },
};`,
  });
  const port = await freePort();
  const child = spawn(bin("wrangler"), ["dev", "--ip", "127.0.0.1", "--port", String(port), "--local", "--log-level", "warn"], {
    cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_SEND_ERROR_REPORTS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true", CI: "true" },
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    const started = Date.now();
    for (;;) {
      try {
        if ((await fetch(base + "/smoke")).ok) break;
      } catch {}
      assert.ok(Date.now() - started < 30_000, "wrangler dev did not start:\n" + log);
      await new Promise((r) => setTimeout(r, 200));
    }
    report.workerdStartMs = Date.now() - started;
    const smoked = await (await fetch(base + "/smoke")).json();
    // "patgate" in a worker is the full module (its types, index.d.ts, are what it has);
    // "patgate/edge" the slim gate, with edge.d.ts; "patgate/full" the same module as "patgate".
    assert.deepEqual([smoked.edge?.ok, smoked.full?.ok, smoked.alias], [true, true, true], JSON.stringify(smoked) + log);
    const token = await (await fetch(base + "/issue")).text();
    const basic = "Basic " + Buffer.from("anything:" + token).toString("base64");
    const ok = await fetch(base + "/repo", { headers: { authorization: basic } });
    assert.equal([ok.status, await ok.text()].join(" "), "200 hello alice");
    const none = await fetch(base + "/repo");
    assert.equal(none.status, 401);
    assert.match(none.headers.get("www-authenticate"), /^Basic realm="edge", charset="UTF-8"/);
    const bad = await fetch(base + "/repo", { headers: { authorization: "Basic ###" } });
    assert.equal(bad.status, 400);
  } finally {
    process.kill(-child.pid, "SIGTERM");
  }
});

test("Deno: the same smoke test from node_modules", () => {
  const dir = fresh("deno", {
    "main.mjs": `import * as pg from "patgate";
import { smoke } from "./smoke.js";
console.log(JSON.stringify({ ...smoke(pg), entry: import.meta.resolve("patgate") }));`,
  });
  const out = JSON.parse(run(bin("deno"), ["run", "--quiet", "--allow-read", "--node-modules-dir=manual", "main.mjs"], dir, {
    DENO_DIR: join(dir, ".deno"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1",
  }));
  assert.equal(out.ok, true);
  assert.match(out.entry, /patgate\/deno\.js$/);
});

test("TypeScript: a strict consumer of every export type-checks, then runs its checks", async () => {
  const dir = fresh("types");
  copyFileSync(join(here, "consumer.ts"), join(dir, "consumer.ts"));
  // With the DOM's types (a browser or a bundler) and without them (Node or a worker project
  // with its own globals): nothing in the package's types needs the DOM library.
  for (const [resolution, lib] of [[["bundler", "esnext"], ["es2022", "dom"]], [["nodenext", "nodenext"], ["es2022", "dom"]], [["nodenext", "nodenext"], ["es2022"]]]) {
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "es2022", module: resolution[1], moduleResolution: resolution[0], lib, types: [], skipLibCheck: false },
      files: ["consumer.ts"],
    }));
    try {
      run(bin("tsc"), ["-p", "."], dir);
    } catch (e) {
      assert.fail(`tsc (${resolution[0]}, lib ${lib}) failed:\n${e.stdout}${e.stderr}`);
    }
  }
  const dts = readFileSync(join(dir, "node_modules/patgate/index.d.ts"), "utf8");
  assert.ok(!/:\s*any\b/.test(dts), "no `any` in the public types");
  // The checks run too: esbuild strips the types, Node runs the consumer against the package.
  await esbuild({ entryPoints: [join(dir, "consumer.ts")], outfile: join(dir, "consumer.mjs"), format: "esm", platform: "node", logLevel: "silent" });
  assert.equal(run("node", ["consumer.mjs"], dir).trim(), "consumer: every check passed");
});

test("js/README.md documents every export, and every call it documents takes the arguments the types say", () => {
  const dir = fresh("signatures");
  const calls = documentedCalls(readFileSync(join(root, "js/README.md"), "utf8"));
  const documented = new Set(calls.filter((c) => !c.owner || c.constructor).map((c) => c.name));
  const exported = JSON.parse(readFileSync(join(root, "pkg/exports.json"), "utf8"));
  assert.deepEqual(exported.filter((name) => !documented.has(name)), [], "exports missing from the API table");
  assert.deepEqual([...documented].filter((name) => !exported.includes(name) && name !== "init"), [], "documented calls the package lacks");
  const { source, spanAt } = arityChecks(calls);
  writeFileSync(join(dir, "calls.ts"), source);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022"], types: [] },
    files: ["calls.ts"],
  }));
  try {
    run(bin("tsc"), ["-p", "."], dir);
  } catch (e) {
    const wrong = [...`${e.stdout}`.matchAll(/calls\.ts\((\d+),/g)].map(([, line]) => spanAt(Number(line)));
    assert.fail(`documented calls whose arguments are not the types': ${wrong.join("; ") || e.stdout + e.stderr}`);
  }
});

test("hono: examples/hono's middleware over the installed package decides each request from the user's own lookup", async () => {
  const dir = fresh("hono");
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", "hono@4.13.23"], dir);
  copyFileSync(join(root, "examples/hono/patgate-hono.mjs"), join(dir, "patgate-hono.mjs"));
  writeFileSync(join(dir, "app.mjs"), `
import { Hono } from "hono";
import { generateToken, formatBasic, formatBearer, pepperDigest } from "patgate";
import { patgate } from "./patgate-hono.mjs";
const NOW = Date.parse("2026-12-07T12:00:00Z");
const pepper = Buffer.alloc(32, 5).toString("base64url");
const store = new Map(); // peppered digest -> record: what a database would hold
const make = (scope, extra = {}) => {
  const g = generateToken();
  const digest = pepperDigest(g.digest, pepper);
  store.set(digest, { id: "t" + store.size, owner: "alice", organizations: ["fabrikam"], scope, validFrom: NOW - 1000, validTo: NOW + 86400000, revokedAt: null, digest, ...extra });
  return g.token;
};
const code = make("vso.code"), build = make("vso.build"), revoked = make("vso.code", { revokedAt: NOW - 1 });
const app = new Hono();
app.use("/:org/*", patgate({ pepper, lookup: async (digest) => store.get(digest) ?? null, organization: (c) => c.req.param("org"), requiredScope: "vso.code", now: () => NOW }));
app.get("/:org/repos", (c) => c.json({ owner: c.get("patgate").owner, token: c.get("patgate").id }));
const ask = async (path, authorization) => {
  const r = await app.request(path, authorization ? { headers: { authorization } } : {});
  return { status: r.status, challenges: r.headers.get("www-authenticate"), body: await r.json() };
};
const out = {
  none: await ask("/fabrikam/repos"),
  good: await ask("/fabrikam/repos", formatBasic(code, "git")),
  bearer: await ask("/fabrikam/repos", formatBearer(code)),
  scope: await ask("/fabrikam/repos", formatBearer(build)),
  revoked: await ask("/fabrikam/repos", formatBearer(revoked)),
  org: await ask("/contoso/repos", formatBearer(code)),
  garbage: await ask("/fabrikam/repos", "Basic %%%"),
};
let misspelt = null;
try { patgate({ lookup: () => null, organisation: "x" }); } catch (e) { misspelt = e.code; }
console.log(JSON.stringify({ ...out, misspelt }));
`);
  const r = JSON.parse(run("node", ["app.mjs"], dir));
  assert.equal(r.none.status, 401);
  assert.match(r.none.challenges, /^Basic realm="patgate".*Bearer realm="patgate"/);
  assert.deepEqual([r.good.status, r.good.body], [200, { owner: "alice", token: "t0" }]);
  assert.equal(r.bearer.status, 200);
  assert.deepEqual([r.scope.status, r.scope.body.error], [403, "insufficient_scope"]);
  assert.equal(r.revoked.status, 401);
  assert.equal(r.org.status, 403);
  assert.equal(r.garbage.status, 400);
  assert.equal(r.misspelt, "ERR_PATGATE_OPTION");
});

test("every js example of README.md and js/README.md runs against the installed package, and names nothing it does not define", () => {
  const dir = fresh("readme");
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", "hono@4.13.23"], dir);
  copyFileSync(join(root, "examples/hono/patgate-hono.mjs"), join(dir, "patgate-hono.mjs"));
  // What an example leaves to its reader, by name, and nothing else: the reader's own store
  // lookups (no record: every request is refused), a place to show a token once, and the
  // portal's API (fetch to a relative URL, answered as the portal would).
  writeFileSync(join(dir, "prelude.mjs"), `
globalThis.findToken = async () => null;
globalThis.lookUp = async () => null;
globalThis.shown = [];
globalThis.showOnce = (token) => globalThis.shown.push(token);
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => typeof url === "string" && url.startsWith("/") ? Response.json({ patToken: {} }, { status: 201 }) : realFetch(url, init);
`);
  const blocks = [];
  for (const file of ["README.md", "js/README.md"]) {
    const text = readFileSync(join(root, file), "utf8");
    for (const [, code] of text.matchAll(/^```js\n([\s\S]*?)^```$/gm)) blocks.push({ file, code });
  }
  assert.ok(blocks.length >= 5, `${blocks.length} examples found`);
  const env = { PATGATE_PEPPER: Buffer.alloc(32, 3).toString("base64url"), DB: { prepare: () => ({ bind: () => ({ first: async () => null }) }) } };
  for (const [i, { file, code }] of blocks.entries()) {
    writeFileSync(join(dir, `example-${i}.mjs`), code);
    writeFileSync(join(dir, `run-${i}.mjs`), `
import "./prelude.mjs";
const m = await import("./example-${i}.mjs");
// A worker (or a hono app): one request without a token, which it must refuse with a challenge.
if (m.default?.fetch) {
  const r = await m.default.fetch(new Request("http://127.0.0.1/fabrikam/repos"), ${JSON.stringify(env)}, { waitUntil() {} });
  if (r.status !== 401 || !r.headers.get("www-authenticate")) throw new Error("the example's worker answered " + r.status);
}
console.log("ok");
`);
    let out;
    try {
      out = run("node", [`run-${i}.mjs`], dir);
    } catch (e) {
      assert.fail(`${file}, example ${i + 1}:\n${code}\n${e.stderr || e.message}`);
    }
    assert.equal(out.trim(), "ok", `${file}, example ${i + 1}`);
  }
});
