// The calls js/README.md documents, read from its API table: each `name(params)` with the
// class it belongs to. A parameter is optional when it ends in `?`, or is an options object
// whose every key does (`{ scopes? }`).

/** Splits a parameter list at its top-level commas. */
function params(list) {
  const out = [];
  let depth = 0, current = "";
  for (const c of list) {
    if (c === "{" || c === "(" || c === "[") depth++;
    if (c === "}" || c === ")" || c === "]") depth--;
    if (c === "," && depth === 0) {
      out.push(current.trim());
      current = "";
    } else current += c;
  }
  if (current.trim()) out.push(current.trim());
  return out.map((p) => ({ text: p, optional: p.endsWith("?") || (p.startsWith("{") && p.slice(1, -1).split(",").every((k) => k.trim().endsWith("?"))) }));
}

/** Every documented call: { owner: class or null, name, constructor, params, row }. */
export function documentedCalls(readme) {
  const api = readme.slice(readme.indexOf("## API"));
  const calls = [];
  for (const row of api.split("\n").filter((l) => l.startsWith("| `"))) {
    const owner = row.match(/`new (\w+)\(/)?.[1] ?? (row.match(/^\| `(\w+)\.\w+\(/)?.[1] === "gate" ? "Gate" : null);
    for (const [, span] of row.matchAll(/`([^`]+)`/g)) {
      const m = span.match(/^(new )?(\w*\.)?(\w+)\((.*)\)$/);
      if (!m) continue;
      const [, isNew, dot, name, list] = m;
      const method = Boolean(dot);
      if (method && !owner) throw new Error(`a method with no class in its row: ${span}`);
      calls.push({ owner: method || isNew ? owner : null, name, constructor: isNew, params: params(list), span });
    }
  }
  return calls;
}

/** TypeScript that fails to check, line by line, where a documented call's arity is not the types'. */
export function arityChecks(calls) {
  const lines = [
    'import * as pg from "patgate";',
    "type Eq<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
    "type Arity<F> = F extends (...a: infer P) => unknown ? P[\"length\"] : never;",
    "type Made<C> = C extends abstract new (...a: infer P) => unknown ? P[\"length\"] : never;",
  ];
  const spans = [];
  for (const [i, c] of calls.entries()) {
    const required = c.params.filter((p) => !p.optional).length;
    const lengths = Array.from({ length: c.params.length - required + 1 }, (_, k) => required + k).join(" | ");
    const type = c.constructor ? `Made<typeof pg.${c.owner}>` : c.owner ? `Arity<pg.${c.owner}["${c.name}"]>` : `Arity<typeof pg.${c.name}>`;
    lines.push(`export const call${i}: Eq<${type}, ${lengths}> = true;`);
    spans[lines.length] = c.span;
  }
  return { source: lines.join("\n") + "\n", spanAt: (line) => spans[line] };
}
