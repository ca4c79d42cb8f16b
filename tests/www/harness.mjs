// Runs the real worker under `wrangler dev` (workerd, D1 in SQLite on disk) for tests, and
// talks to it like the portal does. Only 127.0.0.1.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { createServer as createHttpServer } from "node:http";
import { generateToken } from "../../pkg/node.mjs";
import { freePort } from "../../scripts/ports.mjs";

export const root = new URL("../..", import.meta.url).pathname;
const wrangler = join(root, "node_modules/.bin/wrangler");
const QUIET = {
  WRANGLER_SEND_METRICS: "false", WRANGLER_SEND_ERROR_REPORTS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true", CI: "true", NO_COLOR: "1",
};
export const PASSWORD = "correct horse battery staple";
export const PEPPER = Buffer.alloc(32, 7).toString("base64url");
export const DAY = 86_400_000;

/**
 * The suite's clock. `PATGATE_FAKE_NOW=2026-11-30T23:30:00Z` runs every worker (and the
 * portal's browser) as if it were that instant when the suite starts; time then flows as usual.
 */
export const CLOCK_OFFSET_MS = process.env.PATGATE_FAKE_NOW ? Date.parse(process.env.PATGATE_FAKE_NOW) - Date.now() : 0;
if (!Number.isFinite(CLOCK_OFFSET_MS)) throw new Error("PATGATE_FAKE_NOW must be an ISO 8601 date-time");

export { freePort };

/** A worker on its own port and store. `stop()` kills it; `start()` again keeps the store. */
export class Worker {
  constructor(name, { port, webhook = "", config = "wrangler.toml", testClock = true, protocol = "http", vars = {}, ready = 401 } = {}) {
    this.vars = vars;
    this.ready = ready; // the status /_apis/policies answers once the worker runs (401: sign in first)
    this.testClock = testClock;
    this.protocol = protocol;
    this.config = config;
    this.state = join(root, "target/www-tests", name);
    this.fixedPort = port;
    this.webhook = webhook;
    this.log = "";
    this.offset = CLOCK_OFFSET_MS;
    this.frozenAt = null;
  }

  /** The worker's current time, as its injected clock has it. */
  now() {
    return this.frozenAt ?? Date.now() + this.offset;
  }

  /** An ISO date-time `ms` after the worker's now. */
  at(ms) {
    return new Date(this.now() + ms).toISOString();
  }

  /** Moves the worker's clock forward by `ms` (its test clock; no waiting). */
  async advance(ms) {
    await this.#clock({ advanceMs: ms });
  }

  /**
   * Stops the worker's clock (`true`): until `freeze(false)` its time moves only by `advance`,
   * so a rule can be pinned at its exact boundary. Returns the instant it stands at.
   */
  async freeze(frozen = true) {
    return this.#clock({ freeze: frozen });
  }

  async #clock(body) {
    const r = await fetch(this.base + "/_apis/testing/clock", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (r.status !== 200) throw new Error("the test clock refused: " + r.status);
    const { offsetMs, now } = await r.json();
    this.frozenAt = body.freeze === false ? null : body.freeze === true || this.frozenAt !== null ? now : null;
    this.offset = this.frozenAt === null ? offsetMs : now - Date.now();
    return now;
  }

  async start() {
    const picked = this.fixedPort === undefined && this.port === undefined;
    try {
      return await this.#start();
    } catch (e) {
      // A port of our own picking taken meanwhile by someone else's explicit bind: other ones.
      // (workerd says only that it failed to start when its inspector's port was the one taken.)
      if (!picked || !/Address already in use|runtime failed to start/.test(e.message)) throw e;
      await this.stop();
      this.port = undefined;
      this.inspectorPort = undefined;
      this.log = "";
      return this.#start();
    }
  }

  async #start() {
    // A restart keeps the port, as a real deployment keeps its address.
    this.port = this.fixedPort ?? this.port ?? (await freePort());
    // wrangler's own choice of inspector port (the first free from 9229) races another wrangler
    // starting beside it: both see 9229 free and one of them cannot bind it.
    this.inspectorPort ??= await freePort();
    this.base = `${this.protocol}://127.0.0.1:${this.port}`;
    // wrangler's debug log (every D1 answer in it) beside the store, not in the user's home.
    const env = { ...process.env, ...QUIET, WRANGLER_LOG_PATH: `${this.state}.logs` };
    if (!existsSync(this.state)) {
      // A new store starts as a copy of one migrated store (made once per set of migrations).
      cpSync(migratedStore(this.config, env), this.state, { recursive: true });
    } else if (!this.migrated) {
      // A store left by an earlier run: brought up to the current migrations.
      execFileSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", this.state, "--config", this.config], { cwd: join(root, "www"), env, stdio: "pipe" });
    }
    this.migrated = true;
    // The worker's clock starts where the suite's is; the test clock's advances live in its store.
    const vars = [`PATGATE_DEMO_PASSWORD:${PASSWORD}`, `PATGATE_PEPPER:${PEPPER}`, `PATGATE_WEBHOOK_URL:${this.webhook}`,
      `PATGATE_CLOCK_OFFSET_MS:${CLOCK_OFFSET_MS}`, ...(this.testClock ? ["PATGATE_TEST_CLOCK:true"] : []),
      // Floods and tables send thousands of requests: the rate limits are tested on their own.
      // So do the quotas of one user (limits.test.mjs and quotas.test.mjs pin every default).
      "PATGATE_RATE_LIMIT_PER_HOUR:1000000000", "PATGATE_FAILED_PER_MINUTE:1000000000", "PATGATE_FAILED_SIGNINS_PER_MINUTE:1000000000",
      "PATGATE_CHANGES_PER_MINUTE:1000000000", "PATGATE_SESSIONS_PER_USER:1000000000", "PATGATE_LIVE_TOKENS_PER_USER:1000000000",
      ...Object.entries(this.vars).map(([k, v]) => `${k}:${v}`)];
    this.child = spawn(
      wrangler,
      ["dev", "--config", this.config, "--ip", "127.0.0.1", "--port", String(this.port), "--inspector-port", String(this.inspectorPort), "--local-protocol", this.protocol, "--local", "--persist-to", this.state, "--log-level", process.env.PATGATE_TEST_LOG ?? "warn",
        ...vars.flatMap((v) => ["--var", v])],
      { cwd: join(root, "www"), env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child.stdout.on("data", (d) => (this.log += d));
    this.child.stderr.on("data", (d) => (this.log += d));
    const started = Date.now();
    for (;;) {
      try {
        if ((await fetch(this.base + "/_apis/policies", { signal: AbortSignal.timeout(5000) })).status === this.ready) return this.beat();
      } catch {}
      // wrangler gone (its port refused, say): say so now, not after the minute.
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error("wrangler dev exited:\n" + this.log);
      if (Date.now() - started > 60_000) throw new Error("wrangler dev did not start:\n" + this.log);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /**
   * wrangler's dev proxy resends a GET that a restart of the worker cut short, but only when the
   * next request reaches the proxy: if the new worker is up before the failure is seen, the GET
   * waits for one (a browser's navigation then hangs). A cheap request every two seconds is
   * that next request. Plain HTTP only; the asset it asks for touches no store and no limit.
   */
  beat() {
    clearInterval(this.heartbeat);
    if (this.protocol === "http") {
      this.heartbeat = setInterval(() => fetch(this.base + "/app.css").then((r) => r.arrayBuffer()).catch(() => {}), 2000);
      this.heartbeat.unref();
    }
    return this;
  }

  async stop() {
    clearInterval(this.heartbeat);
    if (!this.child) return;
    const gone = this.child.exitCode !== null || this.child.signalCode !== null;
    const exited = gone ? null : new Promise((r) => this.child.once("exit", r));
    try {
      process.kill(-this.child.pid, "SIGKILL");
    } catch {}
    await exited;
    this.child = null;
  }

  /** Runs the scheduled (cron) handler once, as Cloudflare's scheduler would. */
  async cron() {
    const r = await fetch(`${this.base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("17 * * * *")}`);
    if (!r.ok) throw new Error("scheduled handler failed: " + r.status);
  }

  /**
   * A read-only SQL query straight against the worker's D1 file (SQLite), for checks the API
   * does not expose. A second workerd on the same file (`wrangler d1 execute`) would race the
   * running one, so this opens it read-only with Python's sqlite3.
   */
  sql(query) {
    const dir = join(this.state, "v3/d1/miniflare-D1DatabaseObject");
    const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
    const script = "import json,sqlite3,sys\nc=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True)\nc.row_factory=sqlite3.Row\nprint(json.dumps([dict(r) for r in c.execute(sys.argv[2])]))";
    return JSON.parse(execFileSync("python3", ["-c", script, join(dir, file), query], { encoding: "utf8" }));
  }

  /** Every byte of the store on disk, for "the token is not in it" checks. */
  storeBytes() {
    const files = [];
    const walk = (d) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(readFileSync(p));
      }
    };
    walk(this.state);
    return Buffer.concat(files);
  }
}

/**
 * An empty store with every migration applied, for `config`: made by the first test process
 * that needs it (in a folder of its own, then renamed into place, so that two processes making
 * it at once never see half of one) and kept for the set of migrations it was made with.
 */
function migratedStore(config, env) {
  const migrations = join(root, "www/migrations");
  const digest = createHash("sha256");
  for (const f of readdirSync(migrations).sort()) digest.update(f).update(readFileSync(join(migrations, f)));
  const dir = join(root, "target/www-tests/.migrated", `${config.replace(/[^a-z0-9]+/gi, "-")}-${digest.digest("hex").slice(0, 16)}`);
  if (existsSync(dir)) return dir;
  const making = `${dir}.${process.pid}`;
  rmSync(making, { recursive: true, force: true });
  mkdirSync(making, { recursive: true });
  execFileSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", making, "--config", config], { cwd: join(root, "www"), env, stdio: "pipe" });
  try {
    renameSync(making, dir);
  } catch {
    rmSync(making, { recursive: true, force: true }); // another process made it first
  }
  return dir;
}

/** Every token (and its digest) the clients of this test process created: no log may hold one. */
export const ISSUED = [];

/** What wrangler's dev proxy answers (503) to a request cut short by a restart of the worker. */
const RESTARTED = "Your worker restarted mid-request.";

/** A browser-like client: a cookie jar, the CSRF token, JSON in and out. */
export class Client {
  constructor(worker) {
    this.worker = worker;
    this.jar = new Map(); // cookie name → "name=value": the session's, and the browser's device cookie
    this.cookie = null;
    this.csrf = null;
  }

  async signIn(userName, password = PASSWORD) {
    const r = await this.request("POST", "/_apis/session", { userName, password });
    if (r.status === 200) {
      this.csrf = r.body.csrfToken;
      this.user = r.body.user;
    }
    return r;
  }

  async request(method, path, body, { headers = {}, raw } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !("x-csrf-token" in h)) h["x-csrf-token"] = this.csrf;
    if (body !== undefined && raw === undefined && !("content-type" in h)) h["content-type"] = "application/json";
    const send = () => fetch(this.worker.base + path, { method, headers: h, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)), redirect: "manual" });
    let r = await send();
    if (r.status === 503 && (await r.clone().text()).startsWith(RESTARTED)) {
      // wrangler's dev proxy, not patgate, answered: it restarted the worker while this request
      // was in flight (it resends GET and HEAD itself, and asks callers to resend the rest).
      this.worker.log += `[harness] wrangler restarted the worker during ${method} ${path}; sent again\n`;
      r = await send();
    }
    for (const set of r.headers.getSetCookie()) {
      const [pair] = set.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      if (pair.endsWith("=")) this.jar.delete(name);
      else this.jar.set(name, pair);
    }
    this.cookie = this.jar.size ? [...this.jar.values()].join("; ") : null;
    const text = await r.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: r.status, headers: r.headers, body: parsed, text };
  }

  get(path) {
    return this.request("GET", path);
  }

  /** Creates a token the portal's way: generated here, only digest and hint sent. */
  async createToken(fields = {}) {
    const g = generateToken();
    const body = {
      displayName: "test token", scope: "vso.code", organization: "fabrikam",
      validTo: this.worker.at(30 * DAY), digest: g.digest, hint: g.hint, ...fields,
    };
    if (body.allOrgs) delete body.organization;
    const r = await this.request("POST", "/_apis/tokens/pats", body);
    ISSUED.push(g.token, g.digest);
    return { ...r, token: g.token, digest: g.digest, id: r.body?.patToken?.authorizationId };
  }
}

/** A worker on an empty store, started. */
export async function freshWorker(name, options) {
  const worker = new Worker(name, options);
  rmSync(worker.state, { recursive: true, force: true });
  rmSync(`${worker.state}.logs`, { recursive: true, force: true });
  await worker.start();
  return worker;
}

/** One signed-in client per user name, in order; each sign-in must succeed. */
export async function signedIn(worker, ...users) {
  return Promise.all(users.map(async (user) => {
    const c = new Client(worker);
    const r = await c.signIn(user);
    if (r.status !== 200) throw new Error(`signing in ${user} answered ${r.status}`);
    return c;
  }));
}

/**
 * A webhook receiver on 127.0.0.1 that keeps every JSON body it is sent, answering after
 * `delayMs` (a slow receiver shows overlapping deliveries).
 */
export async function webhookReceiver({ delayMs = 0 } = {}) {
  const received = [];
  const server = createHttpServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d)).on("end", () => {
      setTimeout(() => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      }, delayMs);
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, received, close: () => server.close() };
}

export function basic(token, user = "anything") {
  return "Basic " + Buffer.from(`${user}:${token}`).toString("base64");
}

/** GET a protected resource with a token; returns status, challenge and body. */
export async function withToken(worker, path, token, scheme = "basic") {
  const authorization = scheme === "basic" ? basic(token) : `Bearer ${token}`;
  const r = await fetch(worker.base + path, { headers: { authorization } });
  return { status: r.status, challenge: r.headers.get("www-authenticate"), body: await r.text() };
}

/**
 * A seeded source of numbers in [0, 1) (mulberry32): a test that draws its inputs from one says
 * its seed, and the same seed draws the same inputs again.
 */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until `condition()` returns a truthy value (and returns it), polling; fails after
 * `timeoutMs`, long enough for a busy 2-core machine: a condition, never a fixed sleep.
 */
export async function waitFor(condition, { timeoutMs = 60_000, everyMs = 50, what = "the condition" } = {}) {
  const started = Date.now();
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
