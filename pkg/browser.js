// Browsers and bundlers: fetching the .wasm is asynchronous, so call `await init()` once
// before anything else. By default it loads `patgate_bg.wasm` next to this file (a URL that
// bundlers such as Vite and webpack emit as an asset); pass a URL, Response, bytes or a
// compiled WebAssembly.Module to load it from elsewhere.
import load from "./patgate.js";
import * as api from "./api.js";

let loading = null;
let ready = false;

/**
 * Loads and instantiates the module once; later calls return the same promise. If loading
 * fails, the next call tries again.
 */
export function init(input) {
  loading ??= load(input === undefined ? undefined : { module_or_path: input }).then(
    () => {
      ready = true;
    },
    (error) => {
      loading = null;
      throw explained(error);
    },
  );
  return loading;
}

/** The engine's refusal to compile, with what the module needs (the engine's error is its cause). */
function explained(error) {
  if (!(error instanceof WebAssembly.CompileError)) return error;
  return new Error(
    "patgate: this engine cannot compile patgate's module: it needs WebAssembly SIMD (Chrome and Edge 91+, " +
      "Firefox 89+, Safari 16.4+), and the bytes must be the package's patgate_bg.wasm",
    { cause: error },
  );
}

function guard() {
  if (!ready) throw new Error("patgate: call `await init()` before using it (browsers load the .wasm asynchronously)");
}

export class Policy extends api.Policy {
  constructor(...args) {
    guard();
    super(...args);
  }
}

export class Gate extends api.Gate {
  constructor(...args) {
    guard();
    super(...args);
  }
}

export function checkToken(...args) {
  guard();
  return api.checkToken(...args);
}

export function checkValidTo(...args) {
  guard();
  return api.checkValidTo(...args);
}

export function containsToken(...args) {
  guard();
  return api.containsToken(...args);
}

export function digestHex(...args) {
  guard();
  return api.digestHex(...args);
}

export function formatBasic(...args) {
  guard();
  return api.formatBasic(...args);
}

export function formatBearer(...args) {
  guard();
  return api.formatBearer(...args);
}

export function globalTokensFor(...args) {
  guard();
  return api.globalTokensFor(...args);
}

export function graceUntil(...args) {
  guard();
  return api.graceUntil(...args);
}

export function isDigest(...args) {
  guard();
  return api.isDigest(...args);
}

export function isHint(...args) {
  guard();
  return api.isHint(...args);
}

export function lifespanPresets(...args) {
  guard();
  return api.lifespanPresets(...args);
}

export function parseAuthorization(...args) {
  guard();
  return api.parseAuthorization(...args);
}

export function pepperDigest(...args) {
  guard();
  return api.pepperDigest(...args);
}

export function scan(...args) {
  guard();
  return api.scan(...args);
}

export function scopeCatalog(...args) {
  guard();
  return api.scopeCatalog(...args);
}

export function scopesGrant(...args) {
  guard();
  return api.scopesGrant(...args);
}

export function scopesGrantAny(...args) {
  guard();
  return api.scopesGrantAny(...args);
}

export function scopesWithin(...args) {
  guard();
  return api.scopesWithin(...args);
}

export function tokenDigest(...args) {
  guard();
  return api.tokenDigest(...args);
}

export function tokenStatus(...args) {
  guard();
  return api.tokenStatus(...args);
}

export function validToAfter(...args) {
  guard();
  return api.validToAfter(...args);
}

export function validateScopes(...args) {
  guard();
  return api.validateScopes(...args);
}

export function verifyToken(...args) {
  guard();
  return api.verifyToken(...args);
}

export function generateToken(...args) {
  guard();
  return api.generateToken(...args);
}

