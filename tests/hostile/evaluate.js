// Runs the hostile table against the wasm module (`pg`), in Node or a browser: each row's
// header through Gate.authenticate, a one-token store, then Gate.decide. Returns mismatches.
export function evaluate(pg, table, tokenDigest) {
  const gate = new pg.Gate();
  const record = {
    id: "t1", owner: "alice", organizations: ["fabrikam"], scope: "vso.project",
    validFrom: 0, validTo: 8.64e15, revokedAt: null, digest: tokenDigest,
  };
  const request = { now: 1_800_000_000_000, organization: "fabrikam", requiredScope: "vso.project" };
  const problems = [];
  let evaluated = 0;
  for (const row of table.rows) {
    const header = row.repeat ? row.repeat.prefix + row.repeat.repeat.repeat(row.repeat.count) : row.header;
    let verdict;
    try {
      const presented = gate.authenticate(header);
      verdict = presented.ok ? gate.decide(presented.digest, presented.digest === record.digest ? record : null, request) : presented;
    } catch (e) {
      problems.push(`${row.name}: threw ${e}`);
      continue;
    }
    if (verdict.status !== row.expect.status || verdict.error !== row.expect.error) {
      problems.push(`${row.name}: got ${verdict.status} ${verdict.error}, want ${row.expect.status} ${row.expect.error}`);
    }
    if (verdict.wwwAuthenticate.some((c) => c.includes(table.token)) || verdict.message.includes(table.token)) {
      problems.push(`${row.name}: the token leaked into the verdict`);
    }
    evaluated++;
  }
  return { rows: evaluated, problems };
}
