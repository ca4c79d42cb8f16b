// Runs benches/js/browser-entry.js in headless Chromium (Debian's) from a page on 127.0.0.1.
import { build } from "esbuild";
import { createServer } from "node:http";
import { readFileSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join, extname } from "node:path";
import { launchChromium } from "../../tests/chromium.mjs";
import { table } from "./harness.js";

const here = new URL(".", import.meta.url).pathname;
const out = join(here, "../../target/bench-browser");
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "browser-entry.js")], bundle: true, format: "esm", platform: "browser", target: "es2022",
  outdir: out, loader: { ".wasm": "file" }, minify: true, logLevel: "silent",
});
writeFileSync(join(out, "index.html"), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./browser-entry.js"></script>');
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const server = createServer((req, res) => {
  const path = join(out, new URL(req.url, "http://x").pathname);
  if (!existsSync(path)) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
await page.waitForFunction(() => window.__bench, null, { timeout: 120_000 });
const result = await page.evaluate(() => window.__bench);
await browser.close();
server.close();
if (result.error) throw new Error(result.error);
console.log(`verify (${result.userAgent.match(/Chrome\/[\d.]+/)?.[0]}):\n` + table(result.verify, "patgate wasm (Gate.verify)"));
console.log("generate (Chromium):\n" + table(result.generate, "patgate wasm (generateToken, with digest)"));
console.log(JSON.stringify({ chromium: result }));
