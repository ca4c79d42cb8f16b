// The leak scanner against the tools people run today, side by side in one run, on one corpus:
// ripgrep searching for the same pattern (the bar to meet), and detect-secrets (its speed and its
// false positives). The corpus is real code and data (this checkout's node_modules: minified and
// plain JavaScript, JSON, Markdown, TypeScript) with 1,000 tokens planted at known places.
// Usage: node benches/js/scan.mjs <patgate binary> <detect-secrets binary>
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateToken } from "../../pkg/node.mjs";

const [cli, detectSecrets] = process.argv.slice(2);
const root = new URL("../..", import.meta.url).pathname;
const dir = join(root, "target/scan-corpus");
const BIG = 256 << 20;
const SMALL = 4 << 20;
const PLANTED = 1000;

/** Text files under node_modules, in a fixed order, until `limit` bytes. */
function realText(limit) {
  const parts = [];
  let size = 0;
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (size >= limit) return;
      const p = join(d, name);
      const s = statSync(p, { throwIfNoEntry: false });
      if (!s) continue;
      if (s.isDirectory()) walk(p);
      else if (/\.(js|mjs|cjs|json|md|ts)$/.test(name) && s.size < 4 << 20) {
        const b = readFileSync(p);
        if (!b.includes(0)) {
          parts.push(b);
          size += b.length;
        }
      }
    }
  };
  for (let pass = 0; size < limit && pass < 64; pass++) walk(join(root, "node_modules"));
  return Buffer.concat(parts).subarray(0, limit);
}

/** The corpus with `count` tokens planted after line ends, evenly spread; their digests. */
function corpus(bytes, count) {
  const out = [];
  const planted = new Set();
  let from = 0;
  for (let i = 1; i <= count; i++) {
    const at = bytes.indexOf(10, Math.floor((bytes.length * i) / (count + 1)));
    if (at < 0) break;
    const { token } = generateToken();
    planted.add(createHash("sha256").update(token).digest("base64url"));
    out.push(bytes.subarray(from, at + 1), Buffer.from(`PATGATE_TOKEN=${token}\n`));
    from = at + 1;
  }
  out.push(bytes.subarray(from));
  return { text: Buffer.concat(out), planted };
}

/** Median wall time of `runs` runs of `cmd args` (stdout kept from the last). */
function time(cmd, args, runs) {
  const ms = [];
  let stdout = "";
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 256 << 20 });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
    stdout = r.stdout;
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(runs / 2)], stdout };
}

mkdirSync(dir, { recursive: true });
const bigPath = join(dir, "big.txt");
const smallPath = join(dir, "small.txt");
const text = realText(BIG);
const big = corpus(text, PLANTED);
writeFileSync(bigPath, big.text);
const small = corpus(text.subarray(0, SMALL), 50);
writeFileSync(smallPath, small.text);

const PATTERN = "(?-u:\\b)pat_[0-9A-Za-z]{36}(?-u:\\b)";
// What patgate also finds by default: a Basic credential long enough to hold a token.
const BASIC = "(?-u:\\b)[Bb](?:asic|ASIC)[ \\t]+[A-Za-z0-9+/]{56,416}={0,2}";
const rows = [];
for (const [label, path, planted, runs] of [["256 MiB", bigPath, big.planted, 5], ["4 MiB", smallPath, small.planted, 5]]) {
  const mb = statSync(path).size / (1 << 20);
  // Page cache warm for everyone.
  readFileSync(path);
  const p = time(cli, ["scan", "--format", "json", path], runs);
  const found = p.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l).digest);
  const plain = time(cli, ["scan", "--no-basic", "--format", "json", path], runs);
  const r = time("rg", ["--no-config", "-n", "--column", "-o", PATTERN, path], runs);
  const rgCount = r.stdout.split("\n").filter(Boolean).length;
  const rgBoth = time("rg", ["--no-config", "-n", "--column", "-o", "-e", PATTERN, "-e", BASIC, path], 3);
  const row = {
    corpus: label, mib: Math.round(mb), planted: planted.size,
    patgate: { ms: p.ms, mibPerS: mb / (p.ms / 1000), found: found.length, missed: [...planted].filter((d) => !found.includes(d)).length, falsePositives: found.filter((d) => !planted.has(d)).length },
    patgatePlain: { ms: plain.ms, mibPerS: mb / (plain.ms / 1000), found: plain.stdout.split("\n").filter(Boolean).length },
    rg: { ms: r.ms, mibPerS: mb / (r.ms / 1000), matches: rgCount },
    rgWithBasic: { ms: rgBoth.ms, mibPerS: mb / (rgBoth.ms / 1000) },
  };
  if (label === "4 MiB") {
    const d = time(detectSecrets, ["scan", "--all-files", path], 1);
    const results = Object.values(JSON.parse(d.stdout).results).flat();
    const lines = new Set();
    small.text.toString("latin1").split("\n").forEach((l, i) => l.startsWith("PATGATE_TOKEN=pat_") && lines.add(i + 1));
    const hits = results.filter((x) => lines.has(x.line_number));
    row.detectSecrets = {
      ms: d.ms, mibPerS: mb / (d.ms / 1000), reported: results.length,
      plantedFound: new Set(hits.map((x) => x.line_number)).size, falsePositives: results.length - hits.length,
    };
  }
  rows.push(row);
}
for (const r of rows) {
  console.log(`${r.corpus}: ${r.planted} tokens planted`);
  console.log(`  prefix only:   patgate scan --no-basic ${r.patgatePlain.mibPerS.toFixed(0)} MiB/s (${r.patgatePlain.found} found) · rg prefix pattern ${r.rg.mibPerS.toFixed(0)} MiB/s (${r.rg.matches}) · patgate time / rg time ${(r.patgatePlain.ms / r.rg.ms).toFixed(2)}`);
  console.log(`  with Basic:    patgate scan ${r.patgate.mibPerS.toFixed(0)} MiB/s (${r.patgate.found} found, ${r.patgate.missed} missed, ${r.patgate.falsePositives} false) · rg prefix + Basic patterns ${r.rgWithBasic.mibPerS.toFixed(0)} MiB/s · patgate time / rg time ${(r.patgate.ms / r.rgWithBasic.ms).toFixed(2)}`);
  if (r.detectSecrets) console.log(`  detect-secrets ${r.detectSecrets.mibPerS.toFixed(2)} MiB/s: ${r.detectSecrets.reported} reported, ${r.detectSecrets.plantedFound} of ${r.planted} planted tokens among them, ${r.detectSecrets.falsePositives} false positives`);
}
console.log(JSON.stringify({ scan: rows }));
