// The hostile table against the wasm module in Node and in headless Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { join, extname } from "node:path";
import { launchChromium } from "../chromium.mjs";
import * as pg from "../../pkg/node.mjs";
import { evaluate } from "./evaluate.js";

const root = new URL("../..", import.meta.url).pathname;
const table = JSON.parse(readFileSync(new URL("./headers.json", import.meta.url), "utf8"));

test("wasm in Node: every row's verdict", () => {
  const out = evaluate(pg, table, pg.tokenDigest(table.token));
  assert.equal(out.rows, table.rows.length, "every row evaluated");
  assert.deepEqual(out.problems, []);
});

test("wasm in headless Chromium: every row's verdict", async () => {
  const files = {
    "/index.html": `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
      import * as pg from "/pkg/browser.js";
      import { evaluate } from "/evaluate.js";
      await pg.init();
      const table = await (await fetch("/headers.json")).json();
      window.__out = evaluate(pg, table, pg.tokenDigest(table.token));
    </script>`,
  };
  const types = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };
  const server = createServer((req, res) => {
    const p = new URL(req.url, "http://x").pathname;
    const file = files[p] ?? (p.startsWith("/pkg/") ? join(root, p) : join(root, "tests/hostile", p));
    const body = files[p] ?? (existsSync(file) ? readFileSync(file) : null);
    if (body === null) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(p)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForFunction(() => window.__out, null, { timeout: 60_000 });
    const out = await page.evaluate(() => window.__out);
    assert.deepEqual(errors, []);
    assert.equal(out.rows, table.rows.length, "every row evaluated");
    assert.deepEqual(out.problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
