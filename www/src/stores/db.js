// How the stores talk to D1: statements with named parameters, rows as camelCase records, and
// the marker that lets a statement in a batch depend on an earlier write by name.

const NAME = /:([a-z][A-Za-z0-9]*)/g;
const numbered = new Map();

/**
 * `text` with each `:name` as `?N` (D1 binds by number), and the names in order. Kept per text:
 * the statements are constants, so this runs once per statement and isolate.
 */
export function numberedSql(text) {
  let known = numbered.get(text);
  if (!known) {
    const names = [];
    const sql = text.replace(NAME, (_, name) => {
      const at = names.indexOf(name);
      return `?${at < 0 ? names.push(name) : at + 1}`;
    });
    known = { sql, names };
    numbered.set(text, known);
  }
  return known;
}

/**
 * A prepared statement of `text` with its `:name` parameters bound from `params`. A name with no
 * value is a mistake in the caller: it throws rather than binding NULL.
 */
export function statement(env, text, params = {}) {
  const { sql, names } = numberedSql(text);
  const values = names.map((name) => {
    if (params[name] === undefined) throw new Error(`store: no value for :${name}`);
    return params[name];
  });
  return env.DB.prepare(sql).bind(...values);
}

const camelName = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** A row with camelCase names (the tables' columns are snake_case). */
export function record(row) {
  if (!row) return null;
  const out = {};
  for (const key in row) out[camelName(key)] = row[key];
  return out;
}

/** The first row of a statement, as a record (or null). */
export async function first(env, text, params) {
  return record(await statement(env, text, params).first());
}

/** Every row of a statement, as records. */
export async function all(env, text, params) {
  return (await statement(env, text, params).all()).results.map(record);
}

/** Runs a statement; returns how many rows it changed. */
export async function run(env, text, params) {
  return (await statement(env, text, params).run()).meta.changes;
}

/**
 * A mark for one change (an operation's batch): a write that may not happen (an UPDATE whose
 * WHERE finds nothing) sets `change_id = :change`, and each statement that must follow only if
 * it did names that mark (see `changed`, and `after` in audit.js and notifications.js). Unlike SQLite's `changes()`, which is whatever the
 * statement just before did, the mark holds wherever the statements sit after the write.
 */
export const newChange = () => crypto.randomUUID();

/** The condition "row `:changedId` of `table` was written by change `:change`". */
export const changed = (table) => `EXISTS (SELECT 1 FROM ${table} WHERE id = :changedId AND change_id = :change)`;
