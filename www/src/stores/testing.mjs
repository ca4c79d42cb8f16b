// The stores' unit tests run in-process on Miniflare's D1 (the SQLite that wrangler dev and
// Cloudflare run), with every migration applied: a rule is pinned in milliseconds, without a
// worker. Each call gives a store of its own.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";

const migrations = new URL("../../migrations/", import.meta.url).pathname;

/** A migration file's statements (each ends with `;` at the end of a line; `--` comments dropped). */
function statementsOf(text) {
  const lines = text.split("\n").map((line) => line.replace(/--.*$/, ""));
  return lines.join("\n").split(/;\s*\n/).map((s) => s.trim()).filter(Boolean);
}

/** `{ env: { DB }, close }`: a new, migrated D1 database on an in-process Miniflare. */
export async function migratedStore() {
  const mf = new Miniflare({ modules: true, script: "export default { fetch: () => new Response(null) };", d1Databases: { DB: crypto.randomUUID() } });
  const DB = await mf.getD1Database("DB");
  for (const file of readdirSync(migrations).filter((f) => f.endsWith(".sql")).sort()) {
    const statements = statementsOf(readFileSync(join(migrations, file), "utf8"));
    await DB.batch(statements.map((s) => DB.prepare(s)));
  }
  return { env: { DB }, close: () => mf.dispose() };
}
