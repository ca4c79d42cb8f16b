// The portal end to end in headless Chromium against the real worker: a person's journeys,
// the token's confidentiality (network, storage, console, DOM), real git and curl, CSP.
// Screenshots of the main screens go to artifacts/screenshots/. The browser runs on the
// worker's clock (which PATGATE_FAKE_NOW may move) and in a fixed time zone, so relative dates
// are checked exactly, whatever the hour.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "../chromium.mjs";
import { Client, PASSWORD, freshWorker, root, signedIn } from "./harness.mjs";

const shots = join(root, "artifacts/screenshots");
let worker;
let browser;
let context;
let page;
const requests = [];
const consoleLines = [];
const secrets = [];
let adminApi;

const digestOf = (token) => createHash("sha256").update(token).digest("base64url");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The worker's current time (its injected clock), in ms. */
const serverNow = () => (typeof worker.now === "function" ? worker.now() : Date.now());

/**
 * A browser context in `timezoneId` whose clock starts at the worker's now and then runs at
 * the usual pace, as the worker's does.
 */
async function newContext(timezoneId = "UTC") {
  const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId });
  await c.clock.install({ time: serverNow() });
  return c;
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  worker = await freshWorker("portal");
  [adminApi] = await signedIn(worker, "admin");
  browser = await launchChromium();
  context = await newContext("UTC");
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: worker.base });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page = await context.newPage();
  page.on("request", (r) => requests.push({ method: r.method(), url: r.url(), headers: r.headers(), body: r.postData() ?? "" }));
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e}`));
  await page.goto(worker.base + "/");
  await page.waitForSelector("html[data-ready]");
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

async function signIn(p, user, password = PASSWORD) {
  await p.fill("#signin-user", user);
  await p.fill("#signin-password", password);
  await p.click("#signin-form button[type=submit]");
}

/** Opens the create dialog, fills it and submits; returns the token shown once. */
async function createViaUi({ name, scopes = [], full = false, lifespan = "30", date, org }) {
  await page.click("#new-token");
  await page.fill("#token-name", name);
  if (org) await page.selectOption("#token-org", org);
  await page.selectOption("#token-lifespan", lifespan);
  if (date) await page.fill("#token-date", date);
  if (full) await page.check('input[name="access"][value="full"]');
  for (const s of scopes) await page.check(`input[data-scope="${s}"]`);
  await page.click("#token-submit");
  await page.waitForSelector("#secret-dialog[open]");
  const token = await page.inputValue("#secret-value");
  secrets.push(token);
  return token;
}

function git(token) {
  const home = mkdtempSync(join(tmpdir(), "patgate-portal-git-"));
  const r = spawnSync("git", ["-c", "credential.helper=", "clone", "-q", `http://anything:${token}@127.0.0.1:${worker.port}/fabrikam/demo/_git/demo`, join(home, "demo")], {
    encoding: "utf8", env: { ...process.env, HOME: home, GIT_TERMINAL_PROMPT: "0" },
  });
  const ok = r.status === 0 && existsSync(join(home, "demo/README.md"));
  rmSync(home, { recursive: true, force: true });
  return { ok, stderr: r.stderr };
}

function curl(token, path = "/fabrikam/_apis/projects") {
  const r = spawnSync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", `anything:${token}`, worker.base + path], { encoding: "utf8" });
  return Number(r.stdout);
}

const rowFor = (name) => page.locator("#tokens-table tbody tr", { hasText: name });

test("the sign-in page at load asks the server nothing and logs nothing: a browser that never signed in has no session to probe", async () => {
  const c = await newContext("UTC");
  try {
    const p = await c.newPage();
    const lines = [];
    const asked = [];
    p.on("console", (m) => lines.push(`${m.type()}: ${m.text()}`));
    p.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await p.goto(worker.base + "/");
    await p.waitForSelector("html[data-ready]");
    await p.waitForSelector("#view-signin:not([hidden])");
    assert.deepEqual(lines, [], "no 401 (or anything else) in the console");
    assert.ok(!asked.includes("/_apis/session"), "no session probe");
    // Signed in, a reload finds the session (the presence cookie says there is one to ask about)…
    await signIn(p, "bob");
    await p.waitForSelector("#view-tokens:not([hidden])");
    await p.reload();
    await p.waitForSelector("#view-tokens:not([hidden])");
    // …and signed out, a reload asks nothing again.
    await p.click("#signout");
    await p.waitForSelector("#view-signin:not([hidden])");
    // What the signed-in page still had in flight ends first (a request answered after the
    // sign-out is that page's, not the reload's).
    await p.waitForLoadState("networkidle");
    asked.length = 0;
    lines.length = 0;
    await p.reload();
    await p.waitForSelector("#view-signin:not([hidden])");
    assert.deepEqual([asked.includes("/_apis/session"), lines], [false, []]);
  } finally {
    await c.close();
  }
});

test("sign in: the page says what patgate is; a clear error for bad credentials, then the token list", async () => {
  assert.match(await page.textContent("#view-signin"), /patgate makes personal access tokens/);
  await page.screenshot({ path: join(shots, "01-sign-in.png") });
  await signIn(page, "alice", "not the password");
  await page.waitForSelector("#signin-error:text('Wrong user name or password.')");
  await signIn(page, "alice");
  await page.waitForSelector("#view-tokens:not([hidden])");
  assert.equal(await page.textContent("#whoami"), "Alice Smith (alice)");
  assert.equal(await page.inputValue("#signin-password"), "", "the password field is cleared");
});

test("create: the token is generated in the browser, shown once, copied, and only its digest is sent", async () => {
  const before = requests.length;
  await page.click("#new-token");
  await page.fill("#token-name", "git: on MyMachine");
  await page.selectOption("#token-org", "fabrikam");
  await page.fill("#scope-search", "code");
  assert.equal(await page.isVisible('input[data-scope="vso.build"]'), false, "search narrows the list");
  await page.check('input[data-scope="vso.code_write"]');
  assert.equal(await page.isChecked('input[data-scope="vso.code"]'), true, "implied scopes are shown as granted");
  assert.equal(await page.isDisabled('input[data-scope="vso.code"]'), true);
  assert.match(await page.textContent("#scope-summary"), /Also granted: vso\.code, vso\.hooks, vso\.hooks_write, vso\.profile/);
  await page.screenshot({ path: join(shots, "02-new-token.png") });
  await page.click("#token-submit");
  await page.waitForSelector("#secret-dialog[open]");
  const token = await page.inputValue("#secret-value");
  secrets.push(token);
  assert.match(token, /^pat_[0-9A-Za-z]{36}$/);
  // The examples are for this token (its organization's repository, a route its scopes reach),
  // and hold none of it: a shell reads it from what the user pastes.
  const header = "Authorization: Basic " + Buffer.from(":" + token).toString("base64");
  const [read, shownGit, shownCurl] = await Promise.all(["#use-read", "#use-git", "#use-curl"].map((s) => page.textContent(s)));
  assert.match(shownGit, new RegExp(`git clone ${worker.base}/fabrikam/demo/_git/demo$`));
  assert.match(shownCurl, new RegExp(`curl -K - ${worker.base}/fabrikam/_apis/git/repositories$`));
  for (const shown of [read, shownGit, shownCurl]) assert.ok(!shown.includes(token.slice(4)) && !shown.includes(header.slice(21)), shown);
  // Run as shown, the token pasted at the prompt: it clones, the clone keeps no trace of the
  // token, and the curl answers 200.
  const home = mkdtempSync(join(tmpdir(), "patgate-portal-shown-"));
  const asShown = spawnSync("bash", ["-c", `${read}\n${shownGit} ${join(home, "demo")}\n${shownCurl} -s -o ${join(home, "curl.json")} -w '%{http_code}'`], {
    input: token + "\n", encoding: "utf8", env: { ...process.env, HOME: home, GIT_TERMINAL_PROMPT: "0" },
  });
  assert.equal(asShown.status, 0, asShown.stderr);
  assert.equal(asShown.stdout, "200", "the curl command shown works as shown");
  assert.ok(!readFileSync(join(home, "demo/.git/config"), "utf8").includes(token.slice(4)), "no token in .git/config");
  assert.ok(!readFileSync(join(home, "demo/.git/config"), "utf8").includes(Buffer.from(":" + token).toString("base64")), "nor its header");
  rmSync(home, { recursive: true, force: true });
  assert.equal(await page.textContent("#use-header"), "Authorization: Basic " + Buffer.from(":" + token).toString("base64"));
  assert.match(await page.textContent("#secret-dialog .warning"), /will not be shown again/);
  await page.click("#secret-copy");
  await page.waitForSelector("#secret-copied:text('Copied to the clipboard.')");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
  await page.screenshot({ path: join(shots, "03-show-once.png"), mask: [page.locator("#secret-value"), page.locator("#secret-dialog pre")] });

  // What went over the wire: the digest and hint, never the token.
  const sent = requests.slice(before);
  const create = sent.find((r) => r.method === "POST" && r.url.endsWith("/_apis/tokens/pats"));
  const body = JSON.parse(create.body);
  assert.deepEqual(Object.keys(body).sort(), ["allOrgs", "digest", "displayName", "hint", "organization", "scope", "validTo"]);
  assert.equal(body.digest, digestOf(token));
  assert.equal(body.hint, token.slice(-4));
  assert.equal(body.scope, "vso.code_write");
  for (const r of sent) {
    assert.ok(!r.url.includes(token) && !r.body.includes(token) && !JSON.stringify(r.headers).includes(token), r.url);
  }

  // Real clients with the token from the dialog.
  const cloned = git(token);
  assert.ok(cloned.ok, cloned.stderr);
  assert.equal(curl(token, "/fabrikam/_apis/projects"), 403, "vso.code_write does not grant vso.project");

  // Closing the dialog forgets it: not in the DOM, storage, cookies or the console.
  await page.click("#secret-close");
  await page.waitForFunction(() => !document.getElementById("secret-dialog").open);
  assert.equal(await page.inputValue("#secret-value"), "");
  assert.ok(!(await page.content()).includes(token));
  const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, url: location.href }));
  assert.ok(!stored.includes(token) && !stored.includes(token.slice(4)));
  assert.ok(!JSON.stringify(await context.cookies()).includes(token));
  assert.ok(!consoleLines.join("\n").includes(token));
  await rowFor("git: on MyMachine").waitFor();
  assert.match(await rowFor("git: on MyMachine").textContent(), new RegExp(`fabrikam.*vso\\.code_write.*active.*…${token.slice(-4)}`));
  await page.screenshot({ path: join(shots, "04-tokens.png") });
});

test("edit and regenerate: the old token stops at once, the new one works", async () => {
  const row = rowFor("git: on MyMachine");
  await row.getByRole("button", { name: /^Edit/ }).click();
  await page.fill("#token-name", "git: on MyLaptop");
  await page.fill("#scope-search", "project");
  await page.check('input[data-scope="vso.project"]');
  await page.click("#token-submit");
  await rowFor("git: on MyLaptop").waitFor();
  assert.match(await rowFor("git: on MyLaptop").textContent(), /vso\.code_write.*vso\.project|vso\.project.*vso\.code_write/);
  const old = secrets.at(-1);
  assert.equal(curl(old), 200, "the edit added vso.project");

  await rowFor("git: on MyLaptop").getByRole("button", { name: /^Regenerate/ }).click();
  await page.click("#regenerate-dialog button[data-close]");
  await page.waitForFunction(() => !document.getElementById("regenerate-dialog").open);
  assert.equal(curl(old), 200, "cancel changes nothing");
  await rowFor("git: on MyLaptop").getByRole("button", { name: /^Regenerate/ }).click();
  await page.selectOption("#regenerate-grace", "0");
  await page.click("#regenerate-form button.primary");
  await page.waitForSelector("#secret-dialog[open]");
  const fresh = await page.inputValue("#secret-value");
  secrets.push(fresh);
  assert.notEqual(fresh, old);
  await page.click("#secret-close");
  assert.equal(curl(old), 401);
  assert.equal(curl(fresh), 200);
  assert.ok(git(fresh).ok);
  await rowFor("git: on MyLaptop").filter({ hasText: `…${fresh.slice(-4)}` }).waitFor();
});

test("revoke with confirmation: git and curl are refused", async () => {
  const token = secrets.at(-1);
  await rowFor("git: on MyLaptop").getByRole("button", { name: /^Revoke/ }).click();
  await page.waitForSelector("#confirm-dialog[open]");
  await page.click("#confirm-dialog button[value=cancel]");
  assert.equal(curl(token), 200, "cancel changes nothing");
  await rowFor("git: on MyLaptop").getByRole("button", { name: /^Revoke/ }).click();
  await page.click("#confirm-ok");
  await rowFor("git: on MyLaptop").waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement?.id === "new-token");
  assert.equal(curl(token), 401);
  const cloned = git(token);
  assert.ok(!cloned.ok);
  assert.match(cloned.stderr, /Authentication failed/);
  await page.click('.filter[data-filter="revoked"]');
  await rowFor("git: on MyLaptop").waitFor();
  assert.match(await rowFor("git: on MyLaptop").textContent(), /revoked/);
  // When it was revoked, in the browser's zone (UTC here), not when it would have expired.
  const when = await rowFor("git: on MyLaptop").locator(".revoked-at").textContent();
  const revokedAt = new Date((await adminApi.get("/_apis/tokenadmin/personalaccesstokens?user=alice&displayFilterOption=revoked")).body.value.find((t) => t.displayName === "git: on MyLaptop").revokedAt);
  const time = revokedAt.toLocaleTimeString("en", { timeZone: "UTC" }); // Node's Intl, as the oracle
  assert.equal(when, `revoked ${MONTHS[revokedAt.getUTCMonth()]} ${revokedAt.getUTCDate()}, ${revokedAt.getUTCFullYear()} ${time} UTC`); // the zone named
  assert.doesNotMatch(await rowFor("git: on MyLaptop").textContent(), /\(in \d+ days\)/);
  await page.click('.filter[data-filter="active"]');
});

/** The browser's calendar date (its clock, its time zone) moved by `days`: [y, m, d] and "YYYY-MM-DD". */
async function browserDate(p, days) {
  const [y, m, d] = await p.evaluate(() => {
    const now = new Date();
    return [now.getFullYear(), now.getMonth() + 1, now.getDate()];
  });
  const t = new Date(Date.UTC(y, m - 1, d + days));
  const ymd = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  return { ymd, iso: `${ymd[0]}-${String(ymd[1]).padStart(2, "0")}-${String(ymd[2]).padStart(2, "0")}` };
}

test("the browser runs on the worker's clock", async () => {
  const browserNow = await page.evaluate(() => Date.now());
  assert.ok(Math.abs(browserNow - serverNow()) < 60_000, `browser ${new Date(browserNow).toISOString()}, worker ${new Date(serverNow()).toISOString()}`);
  assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), "UTC");
});

test("an expiring-soon warning within 7 days: a date 3 calendar days ahead reads 'in 3 days'", async () => {
  const { ymd: [y, m, d], iso } = await browserDate(page, 3);
  await createViaUi({ name: "short lived", scopes: ["vso.build"], lifespan: "custom", date: iso });
  await page.click("#secret-close");
  const cell = rowFor("short lived").locator(".soon");
  await cell.waitFor();
  assert.equal(await cell.textContent(), `⚠ ${MONTHS[m - 1]} ${d}, ${y} (in 3 days)`);
});

test("in another time zone, the date picked is the date shown, 3 days ahead of that zone's today", async () => {
  const zoned = await newContext("Pacific/Auckland");
  const zp = await zoned.newPage();
  zp.on("console", (msg) => consoleLines.push(`${msg.type()}: ${msg.text()}`));
  zp.on("pageerror", (e) => consoleLines.push(`pageerror: ${e}`));
  await zp.goto(worker.base + "/");
  await zp.waitForSelector("html[data-ready]");
  await signIn(zp, "alice");
  await zp.waitForSelector("#view-tokens:not([hidden])");
  const { ymd: [y, m, d], iso } = await browserDate(zp, 3);
  await zp.click("#new-token");
  await zp.fill("#token-name", "three days in Auckland");
  await zp.selectOption("#token-lifespan", "custom");
  await zp.fill("#token-date", iso);
  await zp.check('input[data-scope="vso.build"]');
  await zp.click("#token-submit");
  await zp.waitForSelector("#secret-dialog[open]");
  secrets.push(await zp.inputValue("#secret-value"));
  await zp.click("#secret-close");
  const cell = zp.locator("#tokens-table tbody tr", { hasText: "three days in Auckland" }).locator(".soon");
  await cell.waitFor();
  assert.equal(await cell.textContent(), `⚠ ${MONTHS[m - 1]} ${d}, ${y} (in 3 days)`);
  // The exact instant on hover: the API's validTo, to the millisecond.
  const listed = (await zp.evaluate(() => fetch("/_apis/tokens/pats").then((r) => r.json()))).patTokens.find((t) => t.displayName === "three days in Auckland");
  assert.deepEqual(await cell.locator("time").evaluate((t) => [t.dateTime, t.title]), [listed.validTo, listed.validTo]);
  // A time of day names its zone (GMT+13 in its summer, +12 in its winter), with the exact instant on hover.
  await zp.click('#nav a[href="/activity"]');
  const when = zp.locator("#activity-table tbody tr td time").first();
  await when.waitFor();
  assert.match(await when.textContent(), /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M GMT\+13$/);
  assert.match(await when.getAttribute("title"), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  await zoned.close();
});

test("bad inputs show errors next to their fields and create nothing", async () => {
  const before = (await adminApi.get("/_apis/tokenadmin/personalaccesstokens?user=alice&displayFilterOption=all")).body.value.length;
  const posts = () => requests.filter((r) => r.method === "POST" && r.url.endsWith("/_apis/tokens/pats")).length;
  const sentBefore = posts();
  await page.click("#new-token");
  await page.fill("#token-name", "");
  await page.click("#token-submit");
  assert.match(await page.textContent("#token-name-error"), /Give the token a name/);
  assert.equal(await page.getAttribute("#token-name", "aria-invalid"), "true");
  assert.match(await page.textContent("#token-scope-error"), /Choose at least one scope/);
  const focused = () => page.evaluate(() => ({ id: document.activeElement.id, inScopes: document.activeElement.closest("#token-scopes") !== null }));
  assert.equal((await focused()).id, "token-name", "the focus goes to the first field with a problem");
  await page.fill("#token-name", "custom without a date");
  // Fixed as it is typed: the name's error goes at once, the scopes' stays until they are fixed.
  assert.equal(await page.textContent("#token-name-error"), "", "the name's error clears as the name becomes valid");
  assert.equal(await page.getAttribute("#token-name", "aria-invalid"), "false");
  assert.match(await page.textContent("#token-scope-error"), /Choose at least one scope/);
  await page.click("#token-submit");
  assert.equal(await page.textContent("#token-name-error"), "");
  assert.equal((await focused()).inScopes, true, "then to the scopes, whose error describes their group");
  assert.equal(await page.getAttribute("#token-scopes", "aria-invalid"), "true");
  await page.check('input[data-scope="vso.build"]');
  assert.equal(await page.textContent("#token-scope-error"), "", "the scopes' error clears once one is chosen");
  await page.selectOption("#token-lifespan", "custom");
  await page.click("#token-submit");
  assert.match(await page.textContent("#token-validto-error"), /Pick an expiration date/);
  assert.equal((await focused()).id, "token-lifespan");
  assert.equal(posts(), sentBefore, "nothing was sent");
  // The server's own checks, shown next to the field: the policy changed after sign-in.
  await adminApi.request("PUT", "/_apis/tokenadmin/policies", { maxLifespanDays: 30 });
  await page.selectOption("#token-lifespan", "60");
  await page.click("#token-submit");
  await page.waitForSelector("#token-validto-error:not(:empty)");
  assert.match(await page.textContent("#token-validto-error"), /at most 30 days/);
  await page.screenshot({ path: join(shots, "05-validation.png") });
  await adminApi.request("PUT", "/_apis/tokenadmin/policies", { maxLifespanDays: 365 });
  await page.click("#token-cancel");
  const after = (await adminApi.get("/_apis/tokenadmin/personalaccesstokens?user=alice&displayFilterOption=all")).body.value.length;
  assert.equal(after, before);
});

test("keyboard only: create a token without the mouse", async () => {
  await page.focus("#new-token");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#token-dialog[open]");
  assert.equal(await page.evaluate(() => document.activeElement.id), "token-name", "focus moves into the dialog");
  await page.keyboard.type("keyboard token");
  let guard = 0;
  while ((await page.evaluate(() => document.activeElement.id)) !== "scope-search" && guard++ < 10) await page.keyboard.press("Tab");
  await page.keyboard.type("build (read)");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.value), "vso.build");
  await page.keyboard.press("Space");
  guard = 0;
  while ((await page.evaluate(() => document.activeElement.id)) !== "token-submit" && guard++ < 20) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#secret-dialog[open]");
  assert.equal(await page.evaluate(() => document.activeElement.id), "secret-value");
  const token = await page.inputValue("#secret-value");
  // Escape before copying warns once, keeping the token on screen; the second closes.
  await page.keyboard.press("Escape");
  assert.match(await page.textContent("#secret-copied"), /will not be shown again: copy it now, or press Escape again/);
  assert.equal(await page.evaluate(() => document.getElementById("secret-dialog").open), true);
  assert.equal(await page.inputValue("#secret-value"), token);
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.getElementById("secret-dialog").open);
  assert.equal(await page.evaluate(() => document.activeElement.id), "new-token", "focus returns to where it was");
  await rowFor("keyboard token").waitFor();
  assert.equal(curl(token, "/contoso/_apis/build/builds"), 200, "the default organization is the first of alice's");
});

test("a prefill link from a tool opens the form filled in", async () => {
  await page.goto(`${worker.base}/tokens/new?name=${encodeURIComponent("git: https://127.0.0.1 on MyMachine")}&scope=vso.code_write&org=fabrikam`);
  await page.waitForSelector("#token-dialog[open]");
  assert.equal(await page.inputValue("#token-name"), "git: https://127.0.0.1 on MyMachine");
  assert.equal(await page.isChecked('input[data-scope="vso.code_write"]'), true);
  assert.equal(await page.inputValue("#token-org"), "fabrikam");
  assert.match(await page.textContent("#token-dialog-note"), /A tool asked for this token/);
  // What the link chose is said above the 86-item list, where it is seen without scrolling it.
  const [summary, list] = await Promise.all([page.locator("#scope-summary").boundingBox(), page.locator("#scope-list").boundingBox()]);
  assert.ok(summary.y + summary.height <= list.y, "the summary stands above the list");
  assert.match(await page.textContent("#scope-summary"), /Code \(read and write\)|vso\.code_write/);
  await page.click("#token-submit");
  await page.waitForSelector("#secret-dialog[open]");
  const token = await page.inputValue("#secret-value");
  await page.click("#secret-close");
  assert.ok(git(token).ok);
  assert.equal(new URL(page.url()).pathname, "/tokens");
});

test("prefill links: days, org=all, comma- or space-separated scopes; what is dropped is said", async () => {
  const asked = "A tool asked for this token. Check the name, organization and scopes before you create it.";
  const cases = [
    // [query, name, scopes checked, organization, lifespan, the note]
    [{ name: "npm: on MyMachine", scope: "vso.code,vso.build", org: "all", days: "60" }, "npm: on MyMachine", ["vso.build", "vso.code"], "*", "60", asked],
    [{ scope: "vso.code vso.nonexistent,,vso.packaging", days: "90" }, "", ["vso.code", "vso.packaging"], "contoso", "90",
      `${asked} Not filled in: 1 scope name it asked for is not in the catalog.`],
    [{ scope: "vso.code", days: "13", org: "not-alices" }, "", ["vso.code"], "contoso", "30",
      `${asked} Not filled in: the organization it asked for is not one of yours; 13 days is not a lifespan the policy offers.`],
    [{ scope: "vso.bogus pat_x", org: "fabrikam", days: "x" }, "", [], "fabrikam", "30",
      `${asked} Not filled in: 2 scope names it asked for are not in the catalog; its lifespan is not a lifespan the policy offers.`],
    [{ name: "n".repeat(200) }, "n".repeat(128), [], "contoso", "30", asked],
  ];
  for (const [query, name, scopes, org, lifespan, note] of cases) {
    await page.goto(`${worker.base}/tokens/new?${new URLSearchParams(query)}`);
    await page.waitForSelector("#token-dialog[open]");
    const form = await page.evaluate(() => ({
      name: document.getElementById("token-name").value,
      scopes: [...document.querySelectorAll("input[data-scope]:checked:not([data-implied])")].map((e) => e.dataset.scope).sort(),
      org: document.getElementById("token-org").value,
      lifespan: document.getElementById("token-lifespan").value,
      note: document.getElementById("token-dialog-note").hidden ? null : document.getElementById("token-dialog-note").textContent,
    }));
    assert.deepEqual(form, { name, scopes, org, lifespan, note }, JSON.stringify(query));
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.getElementById("token-dialog").open);
  }
  await page.goto(`${worker.base}/tokens`);
  await page.waitForSelector("html[data-ready]");
});

test("notifications: unread count, list, mark as read", async () => {
  await page.reload();
  await page.waitForSelector("html[data-ready]");
  await page.waitForFunction(() => Number(document.getElementById("unread").textContent) >= 4);
  await page.click("#bell");
  await page.waitForSelector("#notices[open]");
  assert.match(await page.textContent("#notices-list"), /Personal access token "git: on MyMachine" was created/);
  await page.click("#notices-read");
  await page.waitForSelector("#unread:text('0')");
  await page.click("#notices button[data-close]");
  await page.waitForFunction(() => !document.getElementById("notices").open);
});

test("responsive: the list at a phone's width", async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(shots, "06-tokens-phone.png"), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(overflow, false, "no horizontal scrolling at 375 px");
  assert.equal(await page.isDisabled("#revoke-all"), false, "alice has live tokens to revoke");
  // The new-token dialog too, at 375 and 320 px: its scope list (a fieldset) once made it 611 px wide.
  for (const width of [375, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await page.click("#new-token");
    await page.waitForSelector("#token-dialog[open]");
    const wide = await page.evaluate(() => {
      const d = document.getElementById("token-dialog");
      return [...d.querySelectorAll("*"), d].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible" || e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.id || e.tagName);
    });
    assert.deepEqual(wide, [], `nothing in the dialog wider than ${width} px`);
    await page.screenshot({ path: join(shots, `07-new-token-${width}.png`) });
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.getElementById("token-dialog").open);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

test("light and dark: every view and the new-token dialog pass axe-core's color-contrast rule (WCAG AA) in both schemes, at 375 and 1280 px", async () => {
  const axe = readFileSync(join(root, "node_modules/axe-core/axe.min.js"), "utf8");
  const contrast = async (p, what) => {
    // axe-core is injected for the check only (bypassCSP below): the portal ships no inline script.
    await p.addScriptTag({ content: axe });
    const result = await p.evaluate(async () => (await window.axe.run(document, { runOnly: ["color-contrast"] })).violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1).join(" ")}`)));
    assert.deepEqual(result, [], `${what}: color contrast`);
  };
  for (const colorScheme of ["light", "dark"]) {
    const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme, bypassCSP: true });
    await c.clock.install({ time: serverNow() });
    const p = await c.newPage();
    try {
      await p.goto(worker.base + "/");
      await p.waitForSelector("html[data-ready]");
      const background = await p.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      assert.equal(background === "rgb(13, 17, 23)", colorScheme === "dark", `${colorScheme}: the page's background follows the scheme (${background})`);
      await contrast(p, `${colorScheme} sign-in`);
      await signIn(p, "admin");
      // The administrator has no token: the list says what one is for and leads to making one,
      // and "Revoke all" has nothing to revoke.
      await p.waitForSelector("#tokens-empty:not([hidden])");
      assert.equal((await p.textContent("#tokens-empty-text")).trim(), "No active tokens.");
      assert.equal(await p.isVisible("#empty-new-token"), true);
      await p.waitForFunction(() => document.getElementById("revoke-all").disabled);
      if (colorScheme === "light") {
        await p.click("#empty-new-token");
        await p.waitForSelector("#token-dialog[open]");
        await p.keyboard.press("Escape");
        await p.click('.filter[data-filter="revoked"]');
        await p.waitForFunction(() => document.getElementById("tokens-empty-text").textContent === "No revoked tokens.");
        assert.equal(await p.isVisible("#empty-new-token"), false, "no lead on the revoked tokens' list");
        await p.click('.filter[data-filter="active"]');
      }
      for (const width of [1280, 375]) {
        await p.setViewportSize({ width, height: 900 });
        for (const route of ["/tokens", "/activity", "/admin"]) {
          await p.click(`a[data-route="${route}"]`);
          await p.waitForLoadState("networkidle");
          await contrast(p, `${colorScheme} ${route} at ${width} px`);
          await p.screenshot({ path: join(shots, `08-${colorScheme}-${route.slice(1)}-${width}.png`), fullPage: true });
        }
        await p.click('a[data-route="/tokens"]');
        await p.click("#new-token");
        await p.waitForSelector("#token-dialog[open]");
        await contrast(p, `${colorScheme} new-token dialog at ${width} px`);
        await p.keyboard.press("Escape");
      }
    } finally {
      await c.close();
    }
  }
});

test("an administrator revokes alice's token", async () => {
  const alice = new Client(worker);
  await alice.signIn("alice");
  const t = await alice.createToken({ displayName: "alice's CI token", scope: "vso.project" });
  assert.equal(curl(t.token), 200);
  const adminContext = await newContext("UTC");
  const ap = await adminContext.newPage();
  ap.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  await ap.goto(worker.base + "/admin");
  await ap.waitForSelector("html[data-ready]");
  await signIn(ap, "admin");
  await ap.waitForSelector("#view-admin:not([hidden])");
  await ap.selectOption("#admin-user", "alice");
  const row = ap.locator("#admin-table tbody tr", { hasText: "alice's CI token" });
  await row.waitFor();
  assert.match(await ap.locator("#admin-table tbody tr").first().textContent(), /alice's CI token/, "newest first, as in the user's own list");
  await ap.screenshot({ path: join(shots, "07-admin.png") });
  // A token's History: the audit log narrowed to it (its creation so far), the focus there.
  await row.getByRole("button", { name: "History of alice's CI token" }).click();
  await ap.waitForFunction((id) => {
    const rows = document.querySelectorAll("#audit-table tbody tr");
    return rows.length === 1 && rows[0].textContent.includes("Created a token") && rows[0].textContent.includes("alice's CI token");
  }, t.id);
  assert.deepEqual([await ap.inputValue("#audit-token"), await ap.evaluate(() => document.activeElement.id)], [t.id, "audit-token"]);
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await ap.click("#confirm-ok");
  await row.waitFor({ state: "detached" });
  assert.equal(curl(t.token), 401);
  // The audit log, newest first, shows the revocation (and says how long entries are kept).
  const latest = ap.locator("#audit-table tbody tr").first();
  await ap.waitForFunction(() => document.querySelector("#audit-table tbody tr")?.textContent.includes("An administrator revoked a token"));
  // In words: the action, who, whose, and the token by its name (its id in the button's title).
  assert.deepEqual(await latest.locator("td").allTextContents().then((cells) => cells.slice(1, 5)), ["An administrator revoked a token", "admin", "alice", "alice's CI token"]);
  assert.equal(await latest.getByRole("button", { name: "alice's CI token" }).getAttribute("title"), `Show only the entries of this token (${t.id})`);
  assert.equal(await latest.locator("td").nth(1).getAttribute("title"), "admin.token.revoke", "the recorded key on hover");
  assert.equal(await ap.textContent("#audit-retention"), "Entries are kept for 90 days.");
  // The token's id shows that token's history alone; the filters narrow it further.
  const actions = () => ap.locator("#audit-table tbody tr td:nth-child(2)").allTextContents();
  await latest.getByRole("button", { name: "alice's CI token" }).click();
  await ap.waitForFunction(() => document.querySelectorAll("#audit-table tbody tr").length === 2);
  assert.deepEqual(await actions(), ["An administrator revoked a token", "Created a token"]);
  assert.equal(await ap.inputValue("#audit-token"), t.id);
  await ap.selectOption("#audit-action", "token.create");
  await ap.waitForFunction(() => document.querySelectorAll("#audit-table tbody tr").length === 1);
  assert.deepEqual(await actions(), ["Created a token"]);
  await ap.selectOption("#audit-actor", "admin");
  await ap.waitForSelector("#audit-empty:not([hidden])");
  assert.equal(await ap.textContent("#audit-empty"), "No entries match.");
  // A malformed id: the API's reason, the field marked, nothing listed from before.
  await ap.fill("#audit-token", "not-a-token-id");
  await ap.press("#audit-token", "Enter");
  await ap.waitForFunction(() => document.getElementById("audit-filter-error").textContent !== "");
  assert.equal(await ap.textContent("#audit-filter-error"), "authorizationId must be a token's authorizationId");
  assert.equal(await ap.getAttribute("#audit-token", "aria-invalid"), "true");
  assert.equal(await ap.locator("#audit-table tbody tr").count(), 0);
  await ap.fill("#audit-token", "");
  await ap.selectOption("#audit-action", "");
  await ap.selectOption("#audit-actor", "");
  await ap.waitForFunction(() => document.querySelector("#audit-table tbody tr")?.textContent.includes("alice's CI token") && document.getElementById("audit-filter-error").textContent === "");
  assert.equal(await ap.getAttribute("#audit-token", "aria-invalid"), null);
  // A policy the core refuses: its reason, the focus on the field, no stale status beside it.
  await ap.fill("#policy-max", "20.5");
  await ap.click("#policy-form button[type=submit]");
  assert.equal(await ap.textContent("#policy-error"), "The maximum lifespan must be a whole number of days from 1 to 365.");
  assert.deepEqual(await ap.evaluate(() => [document.activeElement.id, document.getElementById("status").textContent]), ["policy-max", ""]);
  await ap.fill("#policy-max", "365");
  // An organization's policy on who may create tokens: chosen, saved, read back, undone.
  await ap.selectOption("#org-policy-org", "contoso");
  await ap.check("#org-policy-restrict");
  await ap.fill("#org-policy-allow", "bob, Bob");
  await ap.click("#org-policy-form button[type=submit]");
  await ap.waitForFunction(() => document.getElementById("status").textContent === "The policy of contoso is saved.");
  assert.deepEqual((await adminApi.get("/_apis/tokenadmin/policies/organizations")).body.value, [{ organization: "contoso", restrictCreation: true, allowPackaging: false, allowlist: ["bob"] }]);
  assert.deepEqual((await alice.createToken({ organization: "contoso" })).body.patTokenError, "disablePatCreationPolicyViolation");
  assert.equal(await ap.locator('#org-policy-org option[value="contoso"]').textContent(), "contoso (token creation restricted)");
  // The audit log says what changed, in words.
  const changed = ap.locator("#audit-table tbody tr", { hasText: "An administrator changed an organization's token policy" }).first();
  await changed.waitFor();
  assert.equal(await changed.locator("td.detail").textContent(), "organization: contoso, creation restricted: no → yes, allowlist: nobody → bob");
  // Alice's form (after a reload: her session's policy) says it before she fills anything in.
  await page.reload();
  await page.waitForSelector("#view-tokens:not([hidden])");
  await page.click("#new-token");
  assert.equal(await page.locator('#token-org option[value="contoso"]').textContent(), "contoso (token creation restricted)");
  const global = (await alice.get("/_apis/policies")).body.globalTokens;
  assert.equal(await page.textContent("#token-org-hint"), global === "allowed" ? "" : `Tokens for all organizations are ${global} by this deployment's policy: choose one organization.`);
  await page.click("#token-cancel");
  await ap.selectOption("#org-policy-org", "fabrikam");
  assert.deepEqual([await ap.isChecked("#org-policy-restrict"), await ap.inputValue("#org-policy-allow")], [false, ""], "another organization's own policy (never set: off)");
  await ap.selectOption("#org-policy-org", "contoso");
  assert.deepEqual([await ap.isChecked("#org-policy-restrict"), await ap.inputValue("#org-policy-allow")], [true, "bob"]);
  await ap.fill("#org-policy-allow", "nobody");
  await ap.click("#org-policy-form button[type=submit]");
  await ap.waitForFunction(() => document.getElementById("org-policy-error").textContent !== "");
  assert.equal(await ap.textContent("#org-policy-error"), 'allowlist: no user is named "nobody"');
  await ap.uncheck("#org-policy-restrict");
  await ap.fill("#org-policy-allow", "");
  await ap.click("#org-policy-form button[type=submit]");
  await ap.waitForFunction(() => document.getElementById("org-policy-error").textContent === "" && document.getElementById("status").textContent === "The policy of contoso is saved.");
  // Revoke everything of alice's from the same screen.
  await ap.click("#admin-revoke-user");
  await ap.click("#confirm-ok");
  await ap.waitForSelector("#admin-empty:not([hidden])");
  assert.equal((await alice.get("/_apis/tokens/pats")).body.patTokens.length, 0);
  await adminContext.close();
});

test("activity: alice sees what happened to her account and tokens, the administrator's revocations first", async () => {
  await page.click('#nav a[href="/activity"]');
  await page.waitForSelector("#view-activity:not([hidden])");
  await page.waitForSelector("#activity-table tbody tr");
  assert.equal(await page.getAttribute('#nav a[href="/activity"]', "aria-current"), "page");
  const rows = await page.locator("#activity-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  // Newest first: the administrator's revoke-all, an entry for each token it revoked and one for all.
  assert.deepEqual(rows[0].slice(1, 3), ["An administrator revoked a token", "admin"]);
  assert.match(rows[0][4], /with all: yes/);
  assert.ok(rows.some((cells) => cells[1] === "An administrator revoked all of a user's tokens" && cells[2] === "admin"));
  assert.ok(rows.every((cells) => cells.length === 5), "no 'Whose' column: all of it is hers");
  assert.ok(rows.some((cells) => cells[1] === "Failed sign-in (wrong user name or password)" && cells[2] === "someone signing in"), "her failed sign-in is there, by no one she knows");
  // Details in words, instants in her zone (UTC here), never a raw ISO string.
  const created = rows.find((cells) => cells[1] === "Created a token");
  assert.ok(created, "her tokens' creations are there");
  assert.match(created[4], /name: .*, scopes: .*, expires: [A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M/);
  assert.ok(rows.every((cells) => !/\d{4}-\d{2}-\d{2}T/.test(cells[4])), "no ISO instant left in a detail");
  assert.match(await page.textContent("#activity-retention"), /^Entries are kept for 90 days\.$/);
  // Narrowed by action, chosen in words (the API's filter does the narrowing).
  assert.equal(await page.locator('#activity-action option[value="token.create"]').textContent(), "Created a token");
  await page.selectOption("#activity-action", "token.create");
  await page.waitForFunction(() => {
    const trs = [...document.querySelectorAll("#activity-table tbody tr")];
    return trs.length > 0 && trs.every((tr) => tr.cells[1].textContent === "Created a token");
  });
  await page.selectOption("#activity-action", "");
  await page.waitForFunction(() => [...document.querySelectorAll("#activity-table tbody tr")].some((tr) => tr.cells[1].textContent !== "Created a token"));
  await page.click('#nav a[href="/tokens"]');
  await page.waitForSelector("#view-tokens:not([hidden])");
});

test("a session that ends on the server leads to sign-in, then back to the same page", async () => {
  const c = await newContext("UTC");
  const p = await c.newPage();
  p.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  p.on("pageerror", (e) => consoleLines.push(`pageerror: ${e}`));
  await p.goto(worker.base + "/admin");
  await p.waitForSelector("html[data-ready]");
  await signIn(p, "admin");
  await p.waitForSelector("#view-admin:not([hidden])");
  await p.waitForSelector("#main:not([aria-busy])");
  assert.ok((await p.locator("#audit-table tbody tr").count()) > 0);
  await c.clearCookies();
  await p.selectOption("#admin-status", "all");
  await p.waitForSelector("#view-signin:not([hidden])");
  assert.equal(new URL(p.url()).pathname, "/admin");
  assert.equal(await p.isHidden("#nav"), true);
  assert.equal(await p.isHidden("#who"), true);
  // Nothing of the signed-out user's stays in the page for whoever signs in next.
  assert.equal(await p.locator("#tokens-table tbody tr, #activity-table tbody tr, #admin-table tbody tr, #audit-table tbody tr").count(), 0);
  await signIn(p, "admin");
  await p.waitForSelector("#view-admin:not([hidden])");
  assert.equal(new URL(p.url()).pathname, "/admin");
  await c.close();
});

/** A new browser context (on the worker's clock), signed in as `user` and showing the token list. */
async function tokensPageOf(user) {
  const c = await newContext("UTC");
  const p = await c.newPage();
  p.on("pageerror", (e) => consoleLines.push(`pageerror: ${e}`));
  await p.goto(worker.base + "/");
  await p.waitForSelector("html[data-ready]");
  await signIn(p, user);
  await p.waitForSelector("#view-tokens:not([hidden])");
  return { c, p };
}

test("after an edit on the second page the list still shows it: the rows shown are loaded again, not the first page", async () => {
  const [api] = await signedIn(worker, "bob");
  for (let i = 0; i < 22; i++) {
    const t = await api.createToken({ displayName: `bob ${String(i).padStart(2, "0")}`, organization: "contoso", scope: "vso.project" });
    assert.equal(t.status, 201);
  }
  const { c, p } = await tokensPageOf("bob");
  const rows = p.locator("#tokens-table tbody tr");
  await p.waitForFunction(() => document.querySelectorAll("#tokens-table tbody tr").length === 20);
  await p.click("#tokens-more");
  await p.waitForFunction(() => document.querySelectorAll("#tokens-table tbody tr").length === 22);
  // Newest first: the first two made are on the second page.
  const oldest = p.locator("#tokens-table tbody tr", { hasText: "bob 00" });
  await oldest.getByRole("button", { name: /^Edit/ }).click();
  await p.fill("#token-name", "bob 00, renamed");
  await p.click("#token-submit");
  await p.locator("#tokens-table tbody tr", { hasText: "bob 00, renamed" }).waitFor();
  assert.equal(await rows.count(), 22, "both pages still shown");
  await c.close();
});

test("an expired token offers no Edit, which the server would refuse, but can be regenerated", async () => {
  const [api] = await signedIn(worker, "alice");
  const t = await api.createToken({ displayName: "short-lived", validTo: worker.at(60_000) });
  assert.equal(t.status, 201);
  await worker.advance(120_000);
  const { c, p } = await tokensPageOf("alice"); // its clock starts at the worker's now: past the token's end
  await p.click('.filter[data-filter="expired"]');
  const row = p.locator("#tokens-table tbody tr", { hasText: "short-lived" });
  await row.waitFor();
  assert.match(await row.textContent(), /expired/);
  assert.equal(await row.locator("button", { hasText: "Edit" }).count(), 0);
  assert.equal(await row.locator("button", { hasText: "Regenerate" }).count(), 1);
  // The server's rule the row follows.
  assert.equal((await api.request("PUT", "/_apis/tokens/pats", { authorizationId: t.id, displayName: "renamed" })).status, 409);
  await c.close();
});

test("no CSP violation and no secret in the console, throughout", async () => {
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  const log = consoleLines.join("\n");
  assert.doesNotMatch(log, /Content Security Policy|Refused to/);
  for (const s of secrets) assert.ok(!log.includes(s));
  assert.doesNotMatch(log, /pageerror/);
});

test("a browser whose clock is ten minutes behind the worker's reads a token just made as active and one just revoked as revoked: the portal keeps the worker's time", async () => {
  const [api] = await signedIn(worker, "bob");
  const made = await api.createToken({ displayName: "made on a slow clock", organization: "contoso", scope: "vso.project" });
  assert.equal(made.status, 201);
  const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "UTC" });
  await c.clock.install({ time: serverNow() - 10 * 60_000 });
  try {
    const p = await c.newPage();
    await p.goto(worker.base + "/");
    await p.waitForSelector("html[data-ready]");
    await signIn(p, "bob");
    const row = p.locator("#tokens-table tbody tr", { hasText: "made on a slow clock" });
    await row.waitFor();
    assert.match(await row.textContent(), /active/);
    assert.doesNotMatch(await row.textContent(), /notYetValid|not yet valid/i);
    await row.getByRole("button", { name: /^Revoke/ }).click();
    await p.click("#confirm-ok");
    await row.waitFor({ state: "detached" });
    await p.click('.filter[data-filter="revoked"]');
    await row.waitFor();
    assert.match(await row.textContent(), /revoked/);
    assert.doesNotMatch(await row.textContent(), /active/);
  } finally {
    await c.close();
  }
});
