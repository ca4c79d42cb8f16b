// The package's TypeScript types for the shapes that cross the boundary; included into the
// generated declarations at build time (src/wasm/mod.rs). tests/behaviour.rs checks that every code
// the core can produce is named here.
/** A new token, its digest (what the portal sends) and its display hint. */
export interface GeneratedToken { token: string; digest: string; hint: string }
/** Why a token failed the offline check. */
export type TokenProblem = "prefix" | "length" | "alphabet" | "checksum";
export type TokenCheck = { valid: true } | { valid: false; reason: TokenProblem; message: string };
export type Scheme = "basic" | "bearer";
export type HeaderProblem = "missing" | "unknown_scheme" | "too_large" | "empty" | "control_character"
  | "no_credentials" | "multiple_credentials" | "bad_base64" | "not_utf8" | "no_colon" | "bad_bearer";
export type ParsedAuthorization =
  | { ok: true; scheme: Scheme; username: string | null; token: string }
  | { ok: false; status: 400 | 401 | 431; error: "invalid_request" | null; reason: HeaderProblem; message: string };
export type ErrorCode = "invalid_request" | "invalid_token" | "insufficient_scope";
export type VerdictReason = HeaderProblem | TokenProblem | "unknown" | "revoked" | "expired" | "not_yet_valid"
  | "wrong_organization" | "missing_scope" | "global_retired";
/** What an allowed request acts as. */
export interface Grant { id: string; owner: string; organization: string; scope: string }
/** The gate's decision. `reason` is for server logs only; clients see status, error and challenges. */
export type Verdict =
  | { ok: true; status: 200; error: null; reason: "granted"; message: string; wwwAuthenticate: string[]; grant: Grant }
  | { ok: false; status: 400 | 401 | 403 | 431; error: ErrorCode | null; reason: VerdictReason; message: string; wwwAuthenticate: string[]; grant: null };
/** A refusal: what `authenticate` returns for a header refused before any lookup. */
export type Refusal = Extract<Verdict, { ok: false }>;
/** A header that passed every offline check: look `digest` up in the store, then call `decide`. */
export interface Presented { ok: true; digest: string; scheme: Scheme; username: string | null }
/**
 * A pepper: bytes (`Uint8Array` or `ArrayBuffer`, at least 16; 32 random bytes recommended), or
 * text as base64url without padding that decodes to at least 32 bytes (`openssl rand -base64 32
 * | tr '+/' '-_' | tr -d '='`). Any other string is refused: it is never used as bytes.
 */
export type Pepper = Uint8Array | ArrayBuffer | string;
/** A deployment's own scopes: each name with the names it grants (transitively). At most 127
 *  names of RFC 6750's scope-token characters; a cycle or an unlisted name is refused. */
/** An instant as the package takes and returns it: milliseconds since the Unix epoch (`Date.now()`). */
export type EpochMillis = number;
export type ScopeCatalog = Record<string, string[]>;
export interface GateOptions { prefix?: string; realm?: string; maxHeaderBytes?: number; pepper?: Pepper; scopes?: ScopeCatalog }
/** A stored token as the gate needs it. `organizations`: its one organization, or for an
 *  all-organizations token the owner's current organizations; none (or absent) in a deployment
 *  without organizations. Times in ms since the epoch. */
export interface TokenRecord {
  id: string; owner: string; organizations?: string[] | null; scope: string;
  validFrom: EpochMillis; validTo: EpochMillis; revokedAt?: EpochMillis | null;
  /** The stored digest of its current secret, compared with the presented one in constant time. */
  digest: string;
  /** The secret a regeneration replaced, while the store keeps it: its stored digest, and when it
   *  stops working (exclusive). A request with it is decided as one with the current secret. */
  previous?: { digest: string; until: EpochMillis } | null;
  /** For a token of all its owner's organizations: the policy on them as it applies to its owner (`retired`: refused). */
  globalTokens?: GlobalTokens | null;
}
/** Tokens for all organizations: allowed; restricted (none made or regenerated); retired (refused at the gate too). */
export type GlobalTokens = "allowed" | "restricted" | "retired";
/** The policies whose allowlist a user is on: they do not apply to that user. */
export interface PolicyExemptions { fullAccess?: boolean; lifespan?: boolean; globalTokens?: boolean }
/** `organization`: the resource's, compared with the record's as Azure DevOps compares names
 *  (ASCII case ignored); absent for a resource in no organization. */
export interface GateRequest { now: EpochMillis; organization?: string | null; requiredScope?: string | null }
export interface ScopeInfo { scope: string; name: string; category: string; highPrivilege: boolean; implies: string[] }
export interface ScopeCategory { category: string; scopes: ScopeInfo[] }
export type ScopeValidation =
  | { ok: true; scope: string; fullAccess: boolean; highPrivilege: boolean; implied: string[] }
  | { ok: false; message: string; unknown: string | null };
export type LifespanCheck = { ok: true } | { ok: false; message: string; latestValidTo: EpochMillis };
export type TokenStatus = "active" | "revoked" | "expired" | "notYetValid";
/** A stored token as the policy needs it (times in ms since the epoch). */
/** A stored token as the policy reads it; `organization` null (or absent) when it acts in all of its owner's. */
export interface StoredToken { validFrom: EpochMillis; validTo: EpochMillis; revokedAt: EpochMillis | null; scope: string; organization?: string | null }
/** An organization's policy on token creation as it applies to one user: when `restrictCreation`,
 *  only users on its allowlist (`exempt`) may make tokens acting in it; with `allowPackaging`,
 *  everyone may still make packaging-only ones (Azure DevOps' vso.packaging scopes). */
export interface OrganizationPolicy { name: string; restrictCreation: boolean; allowPackaging?: boolean; exempt?: boolean }
export interface PolicyOptions { scopes?: ScopeCatalog; globalTokens?: GlobalTokens; exempt?: PolicyExemptions; organizations?: OrganizationPolicy[] }
/** Why a create, edit or regenerate was refused: Azure DevOps' `patTokenError` code, the HTTP
 *  status, the field to blame and, for a lifespan too long, the latest `validTo` allowed. */
export interface PolicyRefusal {
  ok: false; status: 400 | 409; error: "invalidScope" | "fullScopePatPolicyViolation" | "invalidValidTo"
    | "patLifespanPolicyViolation" | "invalidAuthorizationId";
  message: string; field: "scope" | "validTo" | "authorizationId" | "graceMinutes"; latestValidTo: EpochMillis | null;
}
/** What to store: canonical scopes and the lifespan (and, on regenerate, the old secret's end). */
export type PolicyOutcome =
  | { ok: true; scope: string; validFrom: EpochMillis; validTo: EpochMillis; graceUntil: EpochMillis | null }
  | PolicyRefusal;

/** What `scan` looks for: prefixes (default `["pat"]`), GitHub's classic prefixes too, inside Basic credentials too (default true), and whether to return the tokens. */
export interface ScanOptions { prefixes?: string[]; github?: boolean; basic?: boolean; reveal?: boolean }
/** A token found by `scan`: byte offset and length (of the token, or of the `Basic` credential holding it), line and byte column from 1. */
export interface ScanMatch {
  offset: number; length: number; line: number; column: number; prefix: string;
  encoding: "plain" | "basic"; hint: string; digest: string; token?: string;
}
