// The portal's leak response in Chromium against the real worker: a token pasted into a text
// field is caught (the core's scan) before it lands; the public "report a leaked token" page
// sends only digests, and the owner's list then shows the token revoked because it leaked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { launchChromium } from "../chromium.mjs";
import { DAY, PASSWORD, freshWorker, signedIn, waitFor } from "./harness.mjs";

let worker;
let browser;
let alice;

before(async () => {
  worker = await freshWorker("portal-leaks");
  [alice] = await signedIn(worker, "alice");
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

async function newPage() {
  const context = await browser.newContext({ timezoneId: "UTC" });
  await context.clock.install({ time: worker.now() });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: worker.base });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push({ url: r.url(), body: r.postData() ?? "" }));
  return { page, requests };
}

/** Puts `text` on the clipboard and pastes it into `selector` with the keyboard, as a person does. */
async function paste(page, selector, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus(selector);
  await page.keyboard.press("Control+V");
}

test("a token pasted into a token's name is held back until the user says to paste it", async () => {
  const { page } = await newPage();
  await page.goto(worker.base + "/");
  await page.waitForSelector("html[data-ready]");
  await page.fill("#signin-user", "alice");
  await page.fill("#signin-password", PASSWORD);
  await page.click("#signin-form button[type=submit]");
  await page.waitForSelector("#view-tokens:not([hidden])");
  await page.click("#new-token");
  const leaked = (await alice.createToken({ displayName: "to paste" })).token;
  await paste(page, "#token-name", `deploy ${leaked}`);
  await page.waitForSelector("#paste-dialog[open]");
  assert.match(await page.textContent("#paste-text"), new RegExp(`holds a token \\(…${leaked.slice(-4)}\\)`));
  assert.ok(!(await page.textContent("#paste-dialog")).includes(leaked), "the warning never shows the token");
  await page.click("#paste-dialog button[value=cancel]");
  assert.equal(await page.inputValue("#token-name"), "", "nothing pasted");
  await paste(page, "#token-name", `deploy ${leaked}`);
  await page.waitForSelector("#paste-dialog[open]");
  await page.click("#paste-dialog button[value=paste]");
  await page.waitForFunction((v) => document.getElementById("token-name").value === v, `deploy ${leaked}`);
  assert.equal(await page.isVisible("#paste-dialog[open]"), false);
  // Text without a token pastes as usual, with no question.
  await page.fill("#token-name", "");
  await paste(page, "#token-name", "laptop pat_short");
  assert.equal(await page.inputValue("#token-name"), "laptop pat_short");
  assert.equal(await page.isVisible("#paste-dialog[open]"), false);
});

test("the public report page sends digests only, and the owner sees the token revoked because it leaked", async () => {
  const t = await alice.createToken({ displayName: "leaky", scope: "vso.project", validTo: worker.at(30 * DAY) });
  const { page, requests } = await newPage();
  await page.goto(worker.base + "/report");
  await page.waitForSelector("html[data-ready]");
  await page.waitForSelector("#view-report:not([hidden])");
  assert.equal(await page.isHidden("#nav"), true, "no sign-in needed");
  await paste(page, "#report-text", `Authorization: Bearer ${t.token}\nsomething else`);
  assert.equal(await page.isVisible("#paste-dialog[open]"), false, "this field takes tokens");
  await page.waitForSelector(`#report-found:text("Found 1 token: …${t.token.slice(-4)}.")`);
  await page.click("#report-form button[type=submit]");
  await page.waitForSelector("#status:text('Reported 1 token.')");
  const sent = requests.filter((r) => r.url.endsWith("/_apis/tokens/revocations/public"));
  assert.equal(sent.length, 1);
  assert.deepEqual(JSON.parse(sent[0].body), { credentials: [createHash("sha256").update(t.token).digest("base64url")] });
  assert.ok(requests.every((r) => !r.body.includes(t.token) && !r.url.includes(t.token)), "the token never leaves the browser");
  assert.equal(await page.inputValue("#report-text"), "");
  await waitFor(async () => (await alice.get(`/_apis/tokens/pats?authorizationId=${t.id}`)).body.patToken.status === "revoked", { what: "the revocation" });

  // The owner's list says why.
  const owner = await newPage();
  await owner.page.goto(worker.base + "/");
  await owner.page.waitForSelector("html[data-ready]");
  await owner.page.fill("#signin-user", "alice");
  await owner.page.fill("#signin-password", PASSWORD);
  await owner.page.click("#signin-form button[type=submit]");
  await owner.page.click('button[data-filter="revoked"]');
  await owner.page.waitForSelector(`tr[data-id="${t.id}"] .leak`);
  assert.match(await owner.page.textContent(`tr[data-id="${t.id}"] .leak`), /revoked because it leaked; reported publicly/);
  // Nothing found: said so, nothing sent.
  await page.fill("#report-text", "no tokens here");
  await page.click("#report-form button[type=submit]");
  await page.waitForSelector("#report-error:text('No patgate token found in this text.')");
  assert.equal(requests.filter((r) => r.url.endsWith("/_apis/tokens/revocations/public")).length, 1);
});
