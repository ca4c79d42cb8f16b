// A typed consumer using every export: `tsc --noEmit` must accept it under strict settings,
// and the @ts-expect-error lines prove the types are exact rather than `any`.
import {
  init, generateToken, checkToken, tokenDigest, pepperDigest, verifyToken, formatBasic, formatBearer,
  parseAuthorization, scopeCatalog, validateScopes, scopesGrant, lifespanPresets, validToAfter,
  checkValidTo, Gate, isDigest, isHint, tokenStatus,
  type GeneratedToken, type TokenCheck, type ParsedAuthorization, type Verdict, type Presented,
  type TokenRecord, type GateRequest, type Refusal, type ScopeCategory, type ScopeValidation, type LifespanCheck,
  type Grant, type TokenStatus,
} from "patgate";

await init();
const g: GeneratedToken = generateToken("pat");
const token: string = g.token;
const check: TokenCheck = checkToken(token);
if (!check.valid) {
  const reason: "prefix" | "length" | "alphabet" | "checksum" = check.reason;
  console.assert(reason.length > 0);
}
const d: string = tokenDigest(token);
const peppered: string = pepperDigest(d, new Uint8Array(32));
const same: boolean = verifyToken(token, peppered, new Uint8Array(32));
const basic: string = formatBasic(token, "anything");
const bearer: string = formatBearer(token);
const parsed: ParsedAuthorization = parseAuthorization(basic, 8192);
if (parsed.ok) {
  const scheme: "basic" | "bearer" = parsed.scheme;
  const user: string | null = parsed.username;
  console.assert(scheme && user !== undefined);
} else {
  const status: 400 | 401 | 431 = parsed.status;
  console.assert(status > 0);
}
const catalog: ScopeCategory[] = scopeCatalog();
const high: boolean = catalog[0].scopes[0].highPrivilege;
const valid: ScopeValidation = validateScopes("vso.code");
if (valid.ok) console.assert(valid.implied.length > 0);
const grants: boolean = scopesGrant("vso.code_full", "vso.code");
const presets: number[] = lifespanPresets(365);
const to: number = validToAfter(Date.now(), presets[0]);
const life: LifespanCheck = checkValidTo(Date.now(), to, 365);
if (!life.ok) console.assert(life.latestValidTo > 0);

const gate = new Gate({ prefix: "pat", realm: "r", maxHeaderBytes: 8192, pepper: new Uint8Array(32) });
const first: Presented | Refusal = gate.authenticate(bearer);
const record: TokenRecord = {
  id: "i", owner: "o", organizations: ["fabrikam"], scope: "vso.code", validFrom: 0, validTo: to, revokedAt: null, digest: d,
};
const request: GateRequest = { now: Date.now(), organization: "fabrikam", requiredScope: "vso.code" };
if (first.ok) {
  const verdict: Verdict = gate.decide(first.digest, record, request);
  if (verdict.ok) {
    const grant: Grant = verdict.grant;
    console.assert(grant.scope.length > 0);
  } else {
    const challenges: string[] = verdict.wwwAuthenticate;
    console.assert(challenges.length >= 0 && verdict.grant === null);
  }
}
const status: number = gate.verify(basic, d);
console.assert(status > 0);
gate.free();
console.assert(same && grants && high !== undefined);
const shapes: boolean = isDigest(d) && isHint(token.slice(-4));
const now: TokenStatus = tokenStatus(0, 1, null, 0);
console.assert(shapes && now === "active");

// @ts-expect-error: a token is a string
generateToken(42);
// @ts-expect-error: records need every field
gate.decide(d, { id: "i" }, request);
// @ts-expect-error: results are not `any`
const wrong: number = generateToken().token;
console.assert(wrong > 0);
