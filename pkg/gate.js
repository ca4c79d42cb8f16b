// The package's Gate: the wasm core's gate (GateCore) with what JavaScript adds: options checked
// by name, a record read field by field into one call, and each refusal verdict built by the
// core once per reason and scope, frozen, and returned by reference. Every rule is the core's.
//
// A factory, not a class bound to one module: the full and the edge entries each make their
// Gate from their own module's GateCore.

const GATE_OPTIONS = ["prefix", "realm", "maxHeaderBytes", "pepper", "scopes"];

/** A thrown error with a stable `code`, as Node's own errors and jose's (and the core's) carry. */
export function coded(error, code) {
  error.code = code;
  return error;
}

const optionError = (message) => coded(new TypeError(message), "ERR_PATGATE_OPTION");
const argumentError = (message) => coded(new TypeError(message), "ERR_PATGATE_ARGUMENT");

/** The `Gate` class over `GateCore`, the gate of one wasm module. */
export function defineGate(GateCore) {
  // The reason codes for a grant and for no record, and the index that requires no scope: the
  // core's, asked once the module is running (the first gate made).
  let GRANTED, UNKNOWN, NO_SCOPE;
  return class Gate {
    #core;
    #verdicts = new Map();
    #scopes = new Map();

    /**
     * A gate for `options.prefix` (default `pat`), `realm`, `maxHeaderBytes`, `pepper` (bytes,
     * or base64url text of at least 32 bytes) and `scopes` (the deployment's own catalog, each
     * name with the names it grants; default Azure DevOps'). A misspelt option throws (`code`
     * `ERR_PATGATE_OPTION`) rather than being ignored; so does a malformed one.
     */
    constructor(options) {
      if (options !== undefined && options !== null) {
        if (typeof options !== "object") throw optionError("options must be an object");
        const unknown = Object.keys(options).filter((k) => !GATE_OPTIONS.includes(k));
        if (unknown.length) throw optionError(`unknown option ${JSON.stringify(unknown[0]).slice(0, 40)}: a Gate takes ${GATE_OPTIONS.join(", ")}`);
      }
      this.#core = new GateCore(options); // the core's refusals carry their code
      if (NO_SCOPE === undefined) ({ granted: GRANTED, unknown: UNKNOWN, noScope: NO_SCOPE } = GateCore.codes());
    }

    /** The digest to look up (`{ ok: true, digest, scheme, username }`) or the refusal verdict. */
    authenticate(authorization) {
      const answer = this.#core.authenticate(typeof authorization === "string" ? authorization : undefined);
      if (typeof answer === "number") return this.#verdict(answer, NO_SCOPE);
      const bearer = answer.charCodeAt(0) === 66; /* B */
      const space = answer.indexOf(" "); // after the digest: base64url has none
      return { ok: true, digest: answer.slice(1, space), scheme: bearer ? "bearer" : "basic", username: bearer ? null : answer.slice(space + 1) };
    }

    /** 200 when `authorization` carries the token whose stored digest is `digest`; else 400, 401 or 431. */
    verify(authorization, digest) {
      if (typeof digest !== "string") throw argumentError("digest must be a string");
      return this.#core.verify(typeof authorization === "string" ? authorization : undefined, digest);
    }

    /** The verdict for the record found under `digest` (`null` if none) and the request. */
    decide(digest, record, request) {
      if (request === null || typeof request !== "object") throw argumentError("request must be an object");
      const scope = this.#scopeIndex(request.requiredScope);
      if (record === null || record === undefined) return this.#verdict(UNKNOWN, scope);
      const organizations = record.organizations ?? [];
      // They cross as one string, a name per line (a name has no line break).
      if (!Array.isArray(organizations) || !organizations.every((o) => typeof o === "string" && !o.includes("\n"))) throw argumentError("record.organizations must be an array of strings without line breaks");
      const organization = request.organization ?? undefined;
      if (organization !== undefined && typeof organization !== "string") throw argumentError("request.organization must be a string");
      if (typeof digest !== "string") throw argumentError("digest must be a string");
      if (typeof record.digest !== "string") throw argumentError("record.digest must be a string");
      if (typeof record.scope !== "string") throw argumentError("record.scope must be a string");
      const previous = record.previous ?? undefined;
      if (previous !== undefined && (typeof previous !== "object" || typeof previous.digest !== "string")) throw argumentError("record.previous must be { digest, until }");
      const globalTokens = record.globalTokens ?? undefined;
      if (globalTokens !== undefined && typeof globalTokens !== "string") throw argumentError("record.globalTokens must be a string");
      const reason = this.#core.judge(digest, record.digest, record.scope, record.validFrom, record.validTo, record.revokedAt ?? undefined, previous?.digest, previous?.until, organizations.join("\n"), globalTokens, organization, scope, request.now);
      return reason === GRANTED ? granted(record, organization) : this.#verdict(reason, scope);
    }

    /** The index of a required scope in the gate's catalog, asked once per name. */
    #scopeIndex(name) {
      if (name === null || name === undefined) return NO_SCOPE;
      if (typeof name !== "string") throw argumentError("request.requiredScope must be a string");
      let index = this.#scopes.get(name);
      if (index === undefined) {
        index = this.#core.scopeIndex(name);
        this.#scopes.set(name, index);
      }
      return index;
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
  };
}

function granted(record, organization) {
  return {
    ok: true, status: 200, error: null, reason: "granted", message: "granted", wwwAuthenticate: [],
    grant: { id: record.id, owner: record.owner, organization: organization ?? null, scope: record.scope },
  };
}
