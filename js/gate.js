// The package's Gate and generateToken: thin JavaScript over the wasm core that keeps a request
// to one cheap crossing each way. Inputs and results (a header, digests, a new token) pass
// through a scratch area of wasm memory instead of as strings, a stored scope list crosses as
// four 32-bit words the core made once per list, and refusal verdicts are built by the core once
// per reason and scope, frozen, and returned by reference.
import { GateCore, scopeBits, scopeIndex, scratchInputBytes, scratchView } from "./patgate.js";
// The generator's halves through the namespace: the edge module (which this file is also
// built against) has no generator, and a named import of a missing export would not link.
import * as glue from "./patgate.js";

const NO_SCOPE = 0xffffffff;
const NO_SLOT = 0xffffffff; // judgeScratch's slot when the presented digest crosses as text
const GRANTED = 0;
const UNKNOWN = 16; // the core's code for "no record holds the digest" (Reason::Unknown)
const UNJUDGED = 255; // judgeScratch's answer when an input is malformed

let view = null;
let input = null;
let presentedViews = []; // the digest and a user-id of each length after it, viewed once each
let OUT = 0; // where the output region starts: the input region's size (known once the module is loaded)
/** The scratch bytes, viewed again after wasm memory grows (which detaches the old view). */
function scratch() {
  if (view === null || view.byteLength === 0) {
    view = scratchView();
    OUT = scratchInputBytes();
    input = view.subarray(0, OUT);
    presentedViews = [];
  }
  return view;
}

/** The output bytes of a presented digest and user-id, `n` bytes after the scheme's letter. */
function presentedView(n) {
  if (n >= 256) return scratch().subarray(OUT + 1, OUT + 1 + n);
  return (presentedViews[n] ??= scratch().subarray(OUT + 1, OUT + 1 + n));
}

/**
 * The digest's 43 characters (base64url, so ASCII) at byte `at`: one `fromCharCode` with every
 * byte as an argument, which V8 runs without leaving JavaScript. A `TextDecoder` is a call into
 * the embedder: about twice the time in workerd (260 against 130 ns), a little more in Node.
 */
function digestText(b, at) {
  return String.fromCharCode(
    b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4], b[at + 5], b[at + 6], b[at + 7], b[at + 8], b[at + 9],
    b[at + 10], b[at + 11], b[at + 12], b[at + 13], b[at + 14], b[at + 15], b[at + 16], b[at + 17], b[at + 18], b[at + 19],
    b[at + 20], b[at + 21], b[at + 22], b[at + 23], b[at + 24], b[at + 25], b[at + 26], b[at + 27], b[at + 28], b[at + 29],
    b[at + 30], b[at + 31], b[at + 32], b[at + 33], b[at + 34], b[at + 35], b[at + 36], b[at + 37], b[at + 38], b[at + 39],
    b[at + 40], b[at + 41], b[at + 42],
  );
}

const encoder = new TextEncoder();
const utf8 = new TextDecoder();
// Output is ASCII or UTF-8; a decoder over a kept view is the cheapest way to a string.
const output = (from, to) => utf8.decode(scratch().subarray(OUT + from, OUT + to));

/**
 * Up to this many characters, text is copied into wasm memory by a loop (see `put`). The Node
 * entries are built with 0 (scripts/assemble-pkg.mjs): Node 20's `encodeInto` is V8's own fast
 * path (2.5× faster than the loop there for a digest); workerd's is an embedder call, ten times
 * slower than the loop.
 */
const COPIED = 256;

/**
 * Writes `text` into the input region as UTF-8; returns its length in bytes, or -1 when it does
 * not fit (the caller then passes it as a string). Short ASCII text (a header, a digest) is
 * copied by a loop: in workerd, Deno and Chromium `encodeInto` is a call into the embedder
 * costing three to ten times the loop for a digest; anything else takes one native encode.
 * Call `scratch()` first.
 */
function put(text) {
  return text.length <= COPIED && copy(text, 0) ? text.length : encode(text);
}

/**
 * `first` then `second` in the input region, as `put(first + second)` would write them (the
 * caller splits at `first.length`: a first part that is not ASCII then holds a byte above 127,
 * which the core refuses); without making the joined string when both are copied.
 */
function putPair(first, second) {
  const n = first.length + second.length;
  return n <= COPIED && copy(first, 0) && copy(second, first.length) ? n : encode(first + second);
}

/** Copies ASCII `text` to byte `at` of the input region; false at a character that is not ASCII. */
function copy(text, at) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return false;
    input[at + i] = c;
  }
  return true;
}

function encode(text) {
  const { read, written } = encoder.encodeInto(text, input);
  if (read === text.length) return written;
  input.fill(0, 0, written); // what did fit (of a header, the token) does not stay either
  return -1;
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

/** Stored scope lists as the core's bit words, parsed once each (a store holds few distinct lists). */
const scopeWords = new Map();
function scopeWordsOf(list) {
  if (typeof list !== "string") throw new TypeError("record.scope must be a string");
  let words = scopeWords.get(list);
  if (words === undefined) {
    if (scopeWords.size >= 1024) scopeWords.clear();
    words = scopeBits(list);
    scopeWords.set(list, words);
  }
  return words;
}

/** How many presented digests a gate keeps in wasm (the core's PRESENTED). */
const PRESENTED = 8;

const GATE_OPTIONS = ["prefix", "realm", "maxHeaderBytes", "pepper"];

/** A refused option: a TypeError with a stable `code`, as jose and Node's own errors carry. */
function optionError(message) {
  const e = new TypeError(message);
  e.code = "ERR_PATGATE_OPTION";
  return e;
}

export class Gate {
  #core;
  #verdicts = new Map();
  // The digest text of each presented slot the core holds (null: not known to hold one), and
  // the slot the next authenticate fills. `decide` looks the presented digest up here, newest
  // first, so that only the stored digest has to cross and be decoded.
  #presented = new Array(PRESENTED).fill(null);
  #next = 0;

  /**
   * A gate for `options.prefix` (default `pat`), `realm`, `maxHeaderBytes` and `pepper` (bytes,
   * or base64url text of at least 32 bytes). A misspelt option throws (`code`
   * `ERR_PATGATE_OPTION`) rather than being ignored; so does a malformed one.
   */
  constructor(options) {
    if (options !== undefined && options !== null) {
      if (typeof options !== "object") throw optionError("options must be an object");
      const unknown = Object.keys(options).filter((k) => !GATE_OPTIONS.includes(k));
      if (unknown.length) throw optionError(`unknown option ${JSON.stringify(unknown[0]).slice(0, 40)}: a Gate takes ${GATE_OPTIONS.join(", ")}`);
    }
    try {
      this.#core = new GateCore(options);
    } catch (e) {
      throw optionError(e.message);
    }
  }

  /** The digest to look up (`{ ok: true, digest, scheme, username }`) or the refusal verdict. */
  authenticate(authorization) {
    if (typeof authorization === "string") {
      scratch();
      const length = put(authorization);
      if (length >= 0) {
        const slot = this.#next;
        this.#next = (slot + 1) % PRESENTED;
        this.#presented[slot] = null; // until the core says it holds this request's digest there
        const n = this.#core.authenticateScratch(length, slot);
        if (n < 0) return this.#verdict(-1 - n, NO_SCOPE);
        if (n === 44) {
          // The digest alone: Bearer, or Basic with an empty user-id (Azure DevOps' own form).
          const out = scratch();
          const digest = digestText(out, OUT + 1);
          this.#presented[slot] = digest;
          const bearer = out[OUT] === 66; /* B */
          return { ok: true, digest, scheme: bearer ? "bearer" : "basic", username: bearer ? null : "" };
        }
        if (n > 0) {
          // Basic with a user-id (UTF-8) after the digest: one decode for both.
          const bearer = scratch()[OUT] === 66;
          const text = utf8.decode(presentedView(n - 1));
          const digest = text.slice(0, 43);
          this.#presented[slot] = digest;
          return { ok: true, digest, scheme: bearer ? "bearer" : "basic", username: bearer ? null : text.slice(43) };
        }
      }
    }
    // Absent, not a string, longer than the scratch bytes, or a user-id too long to return there.
    const text = this.#core.authenticateText(authorization ?? undefined);
    if (text.charCodeAt(0) === 33 /* ! */) return this.#verdict(Number(text.slice(1)), NO_SCOPE);
    return presented(text);
  }

  /** 200 when `authorization` carries the token whose stored digest is `digest`; else 400, 401 or 431. */
  verify(authorization, digest) {
    if (typeof authorization === "string" && typeof digest === "string") {
      // The digest, then the header after it.
      scratch();
      const length = putPair(digest, authorization);
      const status = length < 0 ? 0 : this.#core.verifyScratch(digest.length, length - digest.length);
      if (status !== 0) return status;
    }
    // Absent or not a string, longer than the scratch bytes, or a malformed digest (this throws why).
    return this.#core.verify(authorization ?? undefined, digest);
  }

  /** The verdict for the record found under `digest` (`null` if none) and the request. */
  decide(digest, record, request) {
    const scope = scopeIndexOf(request.requiredScope);
    if (record === null || record === undefined) return this.#verdict(UNKNOWN, scope);
    const organizations = record.organizations;
    if (!Array.isArray(organizations)) throw new TypeError("record.organizations must be an array of strings");
    if (typeof digest !== "string") throw new TypeError("digest must be a string");
    if (typeof record.digest !== "string") throw new TypeError("record.digest must be a string");
    const words = scopeWordsOf(record.scope);
    const inOrganization = organizations.includes(request.organization);
    // When the core still holds the presented digest, only the stored one crosses; otherwise
    // both, the presented one after the stored one.
    const slot = this.#slotOf(digest);
    scratch();
    const length = slot >= 0 ? put(record.digest) : putPair(record.digest, digest);
    if (length < 0) throw new RangeError("a digest is 43 characters");
    const stored = record.digest.length;
    const presentedLength = slot >= 0 ? 0 : length - stored;
    const at = slot >= 0 ? slot : NO_SLOT;
    const revokedAt = record.revokedAt ?? NaN;
    let reason = this.#core.judgeScratch(at, stored, presentedLength, words[0], words[1], words[2], words[3],
      record.validFrom, record.validTo, revokedAt, inOrganization, scope, request.now);
    if (reason === UNJUDGED) {
      // Something is malformed: the same call, checked, throws what (the inputs are still in place).
      reason = this.#core.judgeChecked(at, stored, presentedLength, words[0], words[1], words[2], words[3],
        record.validFrom, record.validTo, revokedAt, inOrganization, scope, request.now);
    }
    if (reason !== GRANTED) return this.#verdict(reason, scope);
    return granted(record, request);
  }

  /** The slot that holds the presented digest `digest`, newest first; -1 when none does. */
  #slotOf(digest) {
    for (let k = 1; k <= PRESENTED; k++) {
      const slot = (this.#next + PRESENTED - k) % PRESENTED;
      if (this.#presented[slot] === digest) return slot;
    }
    return -1;
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

function granted(record, request) {
  return {
    ok: true, status: 200, error: null, reason: "granted", message: "granted", wwwAuthenticate: [],
    grant: { id: record.id, owner: record.owner, organization: request.organization, scope: record.scope },
  };
}

/** `authenticateText`'s form: "b"/"B", the digest, then Basic's user-id. */
function presented(text) {
  const bearer = text.charCodeAt(0) === 66;
  return { ok: true, digest: text.slice(1, 44), scheme: bearer ? "bearer" : "basic", username: bearer ? null : text.slice(44) };
}

/** A new token from the platform CSPRNG, with its digest (what a portal sends) and its hint. */
export function generateToken(prefix) {
  let n = glue.generateTokenInto(prefix);
  if (n === 0) n = glue.generateTokenChecked(prefix); // throws why (a bad prefix, no secure random source)
  const text = output(0, n);
  view.fill(0, OUT, OUT + n); // the token does not stay in wasm memory
  const space = text.indexOf(" ");
  const token = text.slice(0, space);
  return { token, digest: text.slice(space + 1), hint: token.slice(-4) };
}
