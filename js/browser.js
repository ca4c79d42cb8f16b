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

/*EXPORTS*/
