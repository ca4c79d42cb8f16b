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
