// The same smoke test in every runtime: generate, check, format, parse, gate, scopes.
// Takes the imported module; throws on the first thing that is wrong; returns a summary.
// `edge`: the module is the workerd entry's edge build, which has no portal-only exports and
// makes no token (it has the header functions: a worker parses headers too); `maker` (the full
// module) makes the token.
const EDGE_ABSENT = ["checkValidTo", "lifespanPresets", "scan", "scopeCatalog", "validToAfter", "generateToken", "verifyToken"];
export function smoke(pg, { edge = false, maker = pg } = {}) {
  const fail = (what) => {
    throw new Error("patgate smoke: " + what);
  };
  const g = maker.generateToken();
  if (!/^pat_[0-9A-Za-z]{36}$/.test(g.token)) fail("token format");
  if (pg.tokenDigest(g.token) !== g.digest || g.hint !== g.token.slice(-4)) fail("digest or hint");
  if (!pg.checkToken(g.token).valid) fail("checkToken");
  if (maker.generateToken().token === g.token) fail("two equal tokens");
  if (!maker.verifyToken(g.token, g.digest)) fail("verifyToken");
  const header = pg.formatBasic(g.token, "anything");
  const parsed = pg.parseAuthorization(header);
  if (!parsed.ok || parsed.token !== g.token || parsed.username !== "anything") fail("parseAuthorization");
  if (pg.formatBearer(g.token) !== "Bearer " + g.token || pg.parseAuthorization("Bearer " + g.token).scheme !== "bearer") fail("formatBearer");
  const now = Date.now();
  const gate = new pg.Gate({ realm: "smoke" });
  const presented = gate.authenticate(header);
  if (!presented.ok || presented.digest !== g.digest) fail("authenticate");
  const record = {
    id: "t1", owner: "alice", organizations: ["fabrikam"], scope: "vso.code_write",
    validFrom: now - 1000, validTo: now + 86_400_000, revokedAt: null, digest: g.digest,
  };
  const allowed = gate.decide(presented.digest, record, { now, organization: "fabrikam", requiredScope: "vso.code" });
  const denied = gate.decide(presented.digest, record, { now, organization: "fabrikam", requiredScope: "vso.build" });
  const missing = gate.authenticate(null);
  if (!allowed.ok || allowed.grant.owner !== "alice") fail("decide allow");
  if (denied.status !== 403 || denied.error !== "insufficient_scope") fail("decide deny");
  if (missing.status !== 401 || !missing.wwwAuthenticate[0].startsWith('Basic realm="smoke"')) fail("challenge");
  if (edge) {
    const present = EDGE_ABSENT.filter((name) => name in pg);
    if (present.length > 0) fail("the edge module exports " + present.join(", "));
  } else {
    if (pg.scopeCatalog().length !== 34) fail("scopeCatalog");
    if (pg.scan(`x ${g.token} y`).map((m) => m.hint).join() !== g.hint) fail("scan");
  }
  for (const misuse of [() => new pg.Gate({ prefix: "Not A Prefix" }), () => maker.generateToken("Not A Prefix")]) {
    let threw = false;
    try {
      misuse();
    } catch (e) {
      threw = e instanceof Error && /token prefix/.test(e.message);
    }
    if (!threw) fail("misuse must throw an Error");
  }
  return { ok: true, hint: g.hint.length, statuses: [allowed.status, denied.status, missing.status] };
}
