var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);
var stdin_exports = {};
__export(stdin_exports, {
  coded: () => coded,
  defineGate: () => defineGate
});
module.exports = __toCommonJS(stdin_exports);
const GATE_OPTIONS = ["prefix", "realm", "maxHeaderBytes", "pepper", "scopes"];
function coded(error, code) {
  error.code = code;
  return error;
}
const optionError = (message) => coded(new TypeError(message), "ERR_PATGATE_OPTION");
const argumentError = (message) => coded(new TypeError(message), "ERR_PATGATE_ARGUMENT");
function defineGate(GateCore) {
  let GRANTED, UNKNOWN, NO_SCOPE;
  return class Gate {
    #core;
    #verdicts = /* @__PURE__ */ new Map();
    #scopes = /* @__PURE__ */ new Map();
    /**
     * A gate for `options.prefix` (default `pat`), `realm`, `maxHeaderBytes`, `pepper` (bytes,
     * or base64url text of at least 32 bytes) and `scopes` (the deployment's own catalog, each
     * name with the names it grants; default Azure DevOps'). A misspelt option throws (`code`
     * `ERR_PATGATE_OPTION`) rather than being ignored; so does a malformed one.
     */
    constructor(options) {
      if (options !== void 0 && options !== null) {
        if (typeof options !== "object") throw optionError("options must be an object");
        const unknown = Object.keys(options).filter((k) => !GATE_OPTIONS.includes(k));
        if (unknown.length) throw optionError(`unknown option ${JSON.stringify(unknown[0]).slice(0, 40)}: a Gate takes ${GATE_OPTIONS.join(", ")}`);
      }
      this.#core = new GateCore(options);
      if (NO_SCOPE === void 0) ({ granted: GRANTED, unknown: UNKNOWN, noScope: NO_SCOPE } = GateCore.codes());
    }
    /** The digest to look up (`{ ok: true, digest, scheme, username }`) or the refusal verdict. */
    authenticate(authorization) {
      const answer = this.#core.authenticate(typeof authorization === "string" ? authorization : void 0);
      if (typeof answer === "number") return this.#verdict(answer, NO_SCOPE);
      const bearer = answer.charCodeAt(0) === 66;
      const space = answer.indexOf(" ");
      return { ok: true, digest: answer.slice(1, space), scheme: bearer ? "bearer" : "basic", username: bearer ? null : answer.slice(space + 1) };
    }
    /** 200 when `authorization` carries the token whose stored digest is `digest`; else 400, 401 or 431. */
    verify(authorization, digest) {
      if (typeof digest !== "string") throw argumentError("digest must be a string");
      return this.#core.verify(typeof authorization === "string" ? authorization : void 0, digest);
    }
    /** The verdict for the record found under `digest` (`null` if none) and the request. */
    decide(digest, record, request) {
      if (request === null || typeof request !== "object") throw argumentError("request must be an object");
      const scope = this.#scopeIndex(request.requiredScope);
      if (record === null || record === void 0) return this.#verdict(UNKNOWN, scope);
      const organizations = record.organizations ?? [];
      if (!Array.isArray(organizations) || !organizations.every((o) => typeof o === "string" && !o.includes("\n"))) throw argumentError("record.organizations must be an array of strings without line breaks");
      const organization = request.organization ?? void 0;
      if (organization !== void 0 && typeof organization !== "string") throw argumentError("request.organization must be a string");
      if (typeof digest !== "string") throw argumentError("digest must be a string");
      if (typeof record.digest !== "string") throw argumentError("record.digest must be a string");
      if (typeof record.scope !== "string") throw argumentError("record.scope must be a string");
      const previous = record.previous ?? void 0;
      if (previous !== void 0 && (typeof previous !== "object" || typeof previous.digest !== "string")) throw argumentError("record.previous must be { digest, until }");
      const globalTokens = record.globalTokens ?? void 0;
      if (globalTokens !== void 0 && typeof globalTokens !== "string") throw argumentError("record.globalTokens must be a string");
      const reason = this.#core.judge(digest, record.digest, record.scope, record.validFrom, record.validTo, record.revokedAt ?? void 0, previous?.digest, previous?.until, organizations.join("\n"), globalTokens, organization, scope, request.now);
      return reason === GRANTED ? granted(record, organization) : this.#verdict(reason, scope);
    }
    /** The index of a required scope in the gate's catalog, asked once per name. */
    #scopeIndex(name) {
      if (name === null || name === void 0) return NO_SCOPE;
      if (typeof name !== "string") throw argumentError("request.requiredScope must be a string");
      let index = this.#scopes.get(name);
      if (index === void 0) {
        index = this.#core.scopeIndex(name);
        this.#scopes.set(name, index);
      }
      return index;
    }
    #verdict(code, scope) {
      const key = code * 4294967296 + scope;
      let verdict = this.#verdicts.get(key);
      if (verdict === void 0) {
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
    ok: true,
    status: 200,
    error: null,
    reason: "granted",
    message: "granted",
    wwwAuthenticate: [],
    grant: { id: record.id, owner: record.owner, organization: organization ?? null, scope: record.scope }
  };
}
