// The package's Gate and generateToken: thin JavaScript over the wasm core that keeps a request
// to one cheap crossing each way. Short ASCII results and inputs (digests, the stored scopes,
// a new token) pass through a scratch area of wasm memory instead of as strings, and refusal
// verdicts are built by the core once per reason and scope, frozen, and returned by reference.
import { GateCore, generateTokenInto, scopeIndex, scratchView } from "./patgate.js";

const NO_SCOPE = 0xffffffff;
const GRANTED = 0;
const UNKNOWN = 16; // the core's code for "no record holds the digest" (Reason::Unknown)

let view = null;
/** The scratch bytes, viewed again after wasm memory grows (which detaches the old view). */
function scratch() {
  if (view === null || view.byteLength === 0) view = scratchView();
  return view;
}

const ascii = (from, to) => String.fromCharCode.apply(null, scratch().subarray(from, to));
const utf8 = new TextDecoder();

const encoder = new TextEncoder();

/**
 * Writes the presented digest, the stored digest and the stored scopes one after another for
 * the core to read (one native encode of their concatenation: digests and scope lists are
 * ASCII). Returns the three lengths. Should any of them hold a non-ASCII character, each is
 * written with such characters as 0xFF, which no digest or scope list holds, so the core
 * refuses them rather than reading them as something else.
 */
function putAll(presented, stored, scopes) {
  if (typeof presented !== "string") throw new TypeError("digest must be a string");
  if (typeof stored !== "string") throw new TypeError("record.digest must be a string");
  if (typeof scopes !== "string") throw new TypeError("record.scope must be a string");
  const v = scratch();
  const total = presented.length + stored.length + scopes.length;
  const { read, written } = encoder.encodeInto(presented + stored + scopes, v);
  if (read !== total || written !== total) {
    if (total > v.length) throw new RangeError("record.scope is too long");
    let j = 0;
    for (const text of [presented, stored, scopes]) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        v[j++] = c < 128 ? c : 255;
      }
    }
  }
  return total;
}

const scopeIndexes = new Map();
function scopeIndexOf(name) {
  if (name === null || name === undefined) return NO_SCOPE;
  let index = scopeIndexes.get(name);
  if (index === undefined) {
    index = scopeIndex(name); // throws for a name outside the catalog
    scopeIndexes.set(name, index);
  }
  return index;
}

export class Gate {
  #core;
  #verdicts = new Map();

  /** A gate for `options.prefix` (default `pat`), `realm`, `maxHeaderBytes` and `pepper`. */
  constructor(options) {
    this.#core = new GateCore(options);
  }

  /** The digest to look up (`{ ok: true, digest, scheme, username }`) or the refusal verdict. */
  authenticate(authorization) {
    const n = this.#core.authenticateInto(authorization ?? undefined);
    if (n < 0) return this.#verdict(-1 - n, NO_SCOPE);
    if (n === 0) return presented(this.#core.authenticateText(authorization ?? undefined));
    const bearer = scratch()[0] === 66; /* B */
    return {
      ok: true, digest: ascii(1, 44), scheme: bearer ? "bearer" : "basic",
      username: bearer ? null : n === 44 ? "" : utf8.decode(scratch().subarray(44, n)),
    };
  }

  /** 200 when `authorization` carries the token whose stored digest is `digest`; else 400, 401 or 431. */
  verify(authorization, digest) {
    return this.#core.verify(authorization ?? undefined, digest);
  }

  /** The verdict for the record found under `digest` (`null` if none) and the request. */
  decide(digest, record, request) {
    const scope = scopeIndexOf(request.requiredScope);
    if (record === null || record === undefined) return this.#verdict(UNKNOWN, scope);
    const organizations = record.organizations;
    if (!Array.isArray(organizations)) throw new TypeError("record.organizations must be an array of strings");
    putAll(digest, record.digest, record.scope);
    const reason = this.#core.judgeScratch(
      digest.length, record.digest.length, record.scope.length,
      record.validFrom, record.validTo, record.revokedAt ?? NaN,
      organizations.includes(request.organization), scope, request.now,
    );
    if (reason !== GRANTED) return this.#verdict(reason, scope);
    return {
      ok: true, status: 200, error: null, reason: "granted", message: "granted", wwwAuthenticate: [],
      grant: { id: record.id, owner: record.owner, organization: request.organization, scope: record.scope },
    };
  }

  #verdict(code, scope) {
    const key = code * 0x100000000 + scope;
    let verdict = this.#verdicts.get(key);
    if (verdict === undefined) {
      verdict = this.#core.verdictOf(code, scope);
      Object.freeze(verdict.wwwAuthenticate);
      Object.freeze(verdict);
      this.#verdicts.set(key, verdict);
    }
    return verdict;
  }

  /** Frees the wasm memory the gate holds. */
  free() {
    this.#core.free();
  }
}

/** `authenticateText`'s form: "b"/"B", the digest, then Basic's user-id. */
function presented(text) {
  const bearer = text.charCodeAt(0) === 66;
  return { ok: true, digest: text.slice(1, 44), scheme: bearer ? "bearer" : "basic", username: bearer ? null : text.slice(44) };
}

/** A new token from the platform CSPRNG, with its digest (what a portal sends) and its hint. */
export function generateToken(prefix) {
  const n = generateTokenInto(prefix);
  const text = ascii(0, n);
  scratch().fill(0, 0, n); // the token does not stay in wasm memory
  const space = text.indexOf(" ");
  const token = text.slice(0, space);
  return { token, digest: text.slice(space + 1), hint: token.slice(-4) };
}
