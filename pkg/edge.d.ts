/* tslint:disable */
/* eslint-disable */
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



export class Policy {
    free(): void;
    /**
     * A new token with `scope` (a space-separated list), valid from `now` until `validTo`, for
     * `organization` (a name, or null for all of the owner's organizations; required).
     */
    create(now: EpochMillis, scope: string, validTo: EpochMillis, organization: string | null): PolicyOutcome;
    /**
     * An edit of `token`: `scope`, `validTo` and `organization` when changed (else kept; an
     * organization of null is all of the owner's, as is the token's own when it has none),
     * checked against the policy in force. Revoked and expired tokens cannot be edited.
     */
    edit(now: EpochMillis, token: StoredToken, scope: string | null | undefined, validTo: number | null | undefined, organization?: string | null): PolicyOutcome;
    /**
     * The latest `validTo` for a token starting at `from`.
     */
    latestValidTo(from: EpochMillis): EpochMillis;
    /**
     * A policy allowing lifespans of at most `maxLifespanDays` (1..365; throws otherwise) and,
     * when `restrictFullAccess`, refusing full-access tokens; scope lists are read by
     * `options.scopes` (a deployment's own catalog, as a Gate takes it) or Azure DevOps' catalog;
     * `options.globalTokens` (`allowed`, the default, `restricted` or `retired`) governs tokens
     * for all organizations; `options.exempt` names the policies whose allowlist the user is on
     * (`fullAccess`, `lifespan`, `globalTokens`), which then do not apply to them;
     * `options.organizations` lists the user's organizations whose policy restricts token
     * creation (`{ name, restrictCreation, allowPackaging?, exempt? }`: only allowlisted users,
     * `exempt`, may make tokens acting there; with `allowPackaging`, everyone packaging-only ones).
     */
    constructor(maxLifespanDays: number | null | undefined, restrictFullAccess: boolean, options?: PolicyOptions | null);
    /**
     * A new secret for `token`, valid from `now` until `validTo` (default: its old lifespan,
     * cut to the maximum); the old secret works on for `graceMinutes` (0..1440) only if it is live.
     */
    regenerate(now: EpochMillis, token: StoredToken, validTo?: number | null, graceMinutes?: number | null): PolicyOutcome;
    /**
     * Tokens for all organizations: `allowed`, `restricted` or `retired` (as this user has it).
     */
    readonly globalTokens: string;
    /**
     * The policy's maximum lifespan in days.
     */
    readonly maxLifespanDays: number;
    /**
     * Whether full-access tokens are refused.
     */
    readonly restrictFullAccess: boolean;
}

/**
 * Checks a token offline (prefix, length, alphabet, checksum). Throws only for a bad prefix.
 */
export function checkToken(token: string, prefix?: string | null): TokenCheck;

/**
 * Whether `text` holds a token of `prefix` (default `pat`) anywhere, as a word of its own
 * (format and checksum; a URL's path and query in one call). Throws only for a bad prefix.
 */
export function containsToken(text: string, prefix?: string | null): boolean;

/**
 * The digest's 32 bytes in lower-case hex (GitHub's `token_hash`). Throws unless `digest` is one.
 */
export function digestHex(digest: string): string;

/**
 * `Basic base64(username ":" token)`; the username defaults to empty, as Azure DevOps uses.
 * Throws unless `token` is a token.
 */
export function formatBasic(token: string, username?: string | null): string;

/**
 * `Bearer token`. Throws unless `token` is a token.
 */
export function formatBearer(token: string): string;

/**
 * Tokens for all organizations as `state` (`allowed`, `restricted`, `retired`) applies to a user
 * on its allowlist (`exempt`) or not: what a gate's record says of a global token's owner.
 */
export function globalTokensFor(state: string, exempt: boolean): string;

/**
 * When a secret a regeneration replaced stops working (`previousUntil`), if it still works
 * at `now`; else `null` (its grace is over, or the token no longer works).
 */
export function graceUntil(validFrom: EpochMillis, validTo: EpochMillis, revokedAt: number | null | undefined, previousUntil: number | null | undefined, now: EpochMillis): EpochMillis | null;

/**
 * Whether `text` is a digest as patgate writes them: 43 canonical base64url characters.
 */
export function isDigest(text: string): boolean;

/**
 * Whether `text` could be a token's display hint (its last four characters).
 */
export function isHint(text: string): boolean;

/**
 * Parses an `Authorization` value into a credential, or the verdict for a bad one.
 */
export function parseAuthorization(value?: string | null, maxHeaderBytes?: number | null): ParsedAuthorization;

/**
 * `HMAC-SHA-256(pepper, digest)`: the stored form of a received digest. Throws on a malformed
 * digest or pepper (bytes of at least 16, or base64url text of at least 32 bytes).
 */
export function pepperDigest(digest: string, pepper: Pepper): string;

/**
 * Whether the scopes `granted` (a stored list) grant `required`. Throws on an unknown `required`.
 */
export function scopesGrant(granted: string, required: string): boolean;

/**
 * Whether the scopes `granted` (a stored list) grant any scope of `rule` (a revocation rule's
 * list; `app_token` in it matches full-access tokens). Throws unless `rule` is a valid list.
 */
export function scopesGrantAny(granted: string, rule: string): boolean;

/**
 * Whether everything the scopes `list` grant, `other` (a stored list) grants too: a narrowing,
 * or the same. Throws unless `list` is a valid list.
 */
export function scopesWithin(list: string, other: string): boolean;

/**
 * `SHA-256(token)` as 43 base64url characters.
 */
export function tokenDigest(token: string): string;

/**
 * A token's status at `now`: `active`, `revoked`, `expired` or `notYetValid`.
 */
export function tokenStatus(validFrom: EpochMillis, validTo: EpochMillis, revokedAt: number | null | undefined, now: EpochMillis): TokenStatus;

/**
 * Validates a space-separated scope list; returns its canonical form and what it implies.
 */
export function validateScopes(list: string): ScopeValidation;


/**
 * An edge gate: its configuration is read once; `authenticate` and `decide` (around the
 * caller's store lookup) or `verify` (when the stored digest is at hand) run per request.
 * Refusals are frozen verdicts shared between requests.
 */
export class Gate {
  /**
   * A gate for `options.prefix` (default `pat`), `realm` (default `patgate`), `maxHeaderBytes`
   * (default 8192), an optional `pepper` (bytes, at least 16, or base64url text of at least 32
   * bytes decoded) and an optional `scopes` catalog of the deployment's own (default Azure
   * DevOps'). Throws a TypeError with `code: "ERR_PATGATE_OPTION"` on an unknown or bad option.
   */
  constructor(options?: GateOptions | null);
  /**
   * Parses and checks an `Authorization` value. Returns the digest to look up (`{ ok: true,
   * digest, … }`) or the verdict for a request refused before any lookup.
   */
  authenticate(authorization?: string | null): Presented | Refusal;
  /**
   * The hot path when the stored digest is already at hand: parses, checks, digests and
   * compares in constant time. 200 when `authorization` carries the token whose (peppered)
   * digest is `digest`, otherwise 400, 401 or 431. Throws on a malformed `digest`.
   */
  verify(authorization: string | null | undefined, digest: string): number;
  /**
   * Decides the request from the record found under `digest` (`null` if none): the record's
   * stored digest is compared with `digest` in constant time. Throws only when `record` or
   * `request` is not shaped as the types say (`code: "ERR_PATGATE_ARGUMENT"`), or the required
   * scope is not in the gate's catalog (`code: "ERR_PATGATE_SCOPE"`).
   */
  decide(digest: string, record: TokenRecord | null | undefined, request: GateRequest): Verdict;
  /** Frees the gate's wasm memory. */
  free(): void;
}

/**
 * What `init` can load the module from; by default `patgate_bg.wasm` next to the entry: a URL
 * (or its text), a fetch `Response`, the bytes, or a compiled `WebAssembly.Module`. Written
 * without the DOM's types, so a project without the DOM library type-checks.
 */
export type InitInput = string | { readonly href: string } | { arrayBuffer(): Promise<ArrayBuffer> } | ArrayBuffer | ArrayBufferView | object;

/**
 * Loads the module. Browsers and bundlers must await it once before any other call. Node loads
 * it on first use (this loads it now); in Deno and Cloudflare Workers it is ready at import and
 * this resolves at once.
 */
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;
