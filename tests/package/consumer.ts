// A typed consumer using every export: `tsc --noEmit` must accept it under strict settings, the
// lines marked to expect a type error prove the types are exact rather than `any`, and the test
// then runs it (compiled by esbuild) against the installed package: every check below must hold.
import {
  init, generateToken, checkToken, tokenDigest, pepperDigest, verifyToken, formatBasic, formatBearer,
  parseAuthorization, scopeCatalog, validateScopes, scopesGrant, lifespanPresets, validToAfter,
  checkValidTo, Gate, isDigest, isHint, tokenStatus, scan, digestHex,
  type GeneratedToken, type TokenCheck, type ParsedAuthorization, type Verdict, type Presented,
  type TokenRecord, type GateRequest, type Refusal, type ScopeCategory, type ScopeValidation, type LifespanCheck,
  type Grant, type TokenStatus, type ScanMatch,
} from "patgate";

function ok(condition: boolean, what: string): void {
  if (!condition) throw new Error(`consumer: ${what}`);
}

function throws(f: () => unknown, what: string): void {
  try {
    f();
  } catch {
    return;
  }
  throw new Error(`consumer: ${what} did not throw`);
}

await init();
const g: GeneratedToken = generateToken("pat");
const token: string = g.token;
ok(/^pat_[0-9A-Za-z]{36}$/.test(token) && g.hint === token.slice(-4), "a generated token has the v1 layout");
const check: TokenCheck = checkToken(token);
if (!check.valid) {
  const reason: "prefix" | "length" | "alphabet" | "checksum" = check.reason;
  throw new Error(`consumer: a fresh token failed its check (${reason})`);
}
const d: string = tokenDigest(token);
ok(d === g.digest, "tokenDigest is the generated digest");
const pepper = new Uint8Array(32);
const peppered: string = pepperDigest(d, pepper);
const same: boolean = verifyToken(token, peppered, pepper);
ok(same && !verifyToken(token, peppered), "verifyToken with and without the pepper");
const basic: string = formatBasic(token, "anything");
const bearer: string = formatBearer(token);
ok(bearer === `Bearer ${token}`, "formatBearer");
const parsed: ParsedAuthorization = parseAuthorization(basic, 8192);
if (parsed.ok) {
  const scheme: "basic" | "bearer" = parsed.scheme;
  const user: string | null = parsed.username;
  ok(scheme === "basic" && user === "anything" && parsed.token === token, "parseAuthorization reads back formatBasic");
} else {
  const status: 400 | 401 | 431 = parsed.status;
  throw new Error(`consumer: formatBasic's header was refused with ${status}`);
}
const catalog: ScopeCategory[] = scopeCatalog();
const high: boolean = catalog[0].scopes[0].highPrivilege;
ok(typeof high === "boolean" && catalog.flatMap((c) => c.scopes).length === 86, "the catalog's 86 scopes");
const valid: ScopeValidation = validateScopes("vso.code");
ok(valid.ok && valid.scope === "vso.code" && valid.implied.includes("vso.code"), "validateScopes");
const grants: boolean = scopesGrant("vso.code_full", "vso.code");
ok(grants && !scopesGrant("vso.code", "vso.code_write"), "scopesGrant follows inheritance");
const presets: number[] = lifespanPresets(365);
ok(presets.length > 0 && presets.every((p) => p >= 1 && p <= 365), "lifespanPresets");
const to: number = validToAfter(Date.now(), presets[0]);
const life: LifespanCheck = checkValidTo(Date.now(), to, 365);
ok(life.ok, "a preset's end is within the policy");
if (!life.ok) ok(life.latestValidTo > 0, "unreachable");

const gate = new Gate({ prefix: "pat", realm: "r", maxHeaderBytes: 8192, pepper });
const first: Presented | Refusal = gate.authenticate(bearer);
if (!first.ok) throw new Error(`consumer: the gate refused a fresh token (${first.status})`);
ok(first.digest === peppered, "the gate's lookup digest is the peppered one");
const record: TokenRecord = {
  id: "i", owner: "o", organizations: ["fabrikam"], scope: "vso.code", validFrom: 0, validTo: to, revokedAt: null, digest: first.digest,
};
const request: GateRequest = { now: Date.now(), organization: "fabrikam", requiredScope: "vso.code" };
const verdict: Verdict = gate.decide(first.digest, record, request);
if (verdict.ok) {
  const grant: Grant = verdict.grant;
  ok(grant.scope === "vso.code" && grant.id === "i", "the grant names the token and its scope");
} else {
  const challenges: string[] = verdict.wwwAuthenticate;
  throw new Error(`consumer: the gate refused its own record (${verdict.status}, ${challenges.join(" ")})`);
}
const status: number = gate.verify(basic, peppered);
ok(status === 200 && gate.verify(basic, d) === 401, "verify against the stored (peppered) digest");
gate.free();
const shapes: boolean = isDigest(d) && isHint(token.slice(-4));
const now: TokenStatus = tokenStatus(0, 1, null, 0);
ok(shapes && now === "active", "isDigest, isHint, tokenStatus");
const found: ScanMatch[] = scan(`export PAT=${token}\n`);
ok(found.length === 1 && found[0].hint === g.hint && found[0].digest === d && found[0].token === undefined, "scan");
ok(/^[0-9a-f]{64}$/.test(digestHex(d)), "digestHex");

// @ts-expect-error: a token is a string
throws(() => generateToken(42), "a number as the prefix");
// @ts-expect-error: records need every field
throws(() => new Gate().decide(d, { id: "i" }, request), "a record without its fields");
// @ts-expect-error: results are not `any`
const wrong: number = generateToken().token;
ok(typeof wrong === "string", "a token is a string at run time too");
// Through globalThis: the file type-checks without the DOM library too, where `console` is undeclared.
(globalThis as unknown as { console: { log(text: string): void } }).console.log("consumer: every check passed");
