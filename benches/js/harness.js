// Side-by-side timing: every case runs in every round, in a shuffled order, for a fixed time
// slice; the result per case is the median of its rounds with the spread (min, max), and its
// rounds in order (`perRound`), so that a ratio can be taken round by round (see `ratio`).
export async function compare(cases, { rounds = 9, sliceMs = 120 } = {}) {
  const samples = Object.fromEntries(cases.map((c) => [c.name, []]));
  for (const c of cases) await run(c, 20); // warm up each, so the JIT and tiering settle
  for (let r = 0; r < rounds; r++) {
    const order = [...cases].sort(() => Math.random() - 0.5);
    for (const c of order) samples[c.name].push(await run(c, sliceMs));
  }
  const out = {};
  for (const [name, perRound] of Object.entries(samples)) {
    const xs = [...perRound].sort((a, b) => a - b);
    out[name] = { nsPerOp: xs[xs.length >> 1], min: xs[0], max: xs[xs.length - 1], rounds: xs.length, perRound };
  }
  return out;
}

/**
 * How many times `a`'s time `b`'s is: the median of the ratios within each round, whose cases ran
 * back to back (steadier on a machine whose speed drifts than the ratio of two medians), or the
 * ratio of the medians for results without rounds.
 */
export function ratio(a, b) {
  if (!a.perRound || !b.perRound || a.perRound.length !== b.perRound.length) return a.nsPerOp / b.nsPerOp;
  const rs = a.perRound.map((x, i) => x / b.perRound[i]).sort((x, y) => x - y);
  return rs[rs.length >> 1];
}

async function run(c, sliceMs) {
  // A case timed elsewhere (the native core in its own process) reports ns per op for the slice.
  if (c.measure) return c.measure(sliceMs);
  let ops = 0;
  let sink = 0;
  const start = performance.now();
  let now = start;
  while (now - start < sliceMs) {
    for (let i = 0; i < c.batch; i++) sink += (c.async ? await c.fn() : c.fn()) ? 1 : 0;
    ops += c.batch;
    now = performance.now();
  }
  if (sink < 0) throw new Error("unreachable");
  return ((now - start) * 1e6) / ops;
}

export function table(results, baseline) {
  const base = results[baseline].nsPerOp;
  const rows = Object.entries(results).sort((a, b) => a[1].nsPerOp - b[1].nsPerOp);
  return rows
    .map(([name, r]) => `  ${name.padEnd(34)} ${r.nsPerOp.toFixed(0).padStart(7)} ns/op  [${r.min.toFixed(0)}–${r.max.toFixed(0)}]  ${(r.nsPerOp / base).toFixed(2)}× ${baseline}'s time`)
    .join("\n");
}
