// Cloudflare Workers / workerd, `patgate/full`: the full module (with the scope catalog's
// titles, lifespan presets and the leak scanner). Code generation from bytes is forbidden there,
// so the .wasm is imported as a compiled WebAssembly.Module (wrangler and miniflare do this for
// `.wasm` imports) and instantiated synchronously at import.
import module from "./patgate_bg.wasm";
import { initSync } from "./patgate.js";

initSync({ module });

export * from "./api.js";
/** Already initialised at import; kept so code shared with browsers may `await init()`. */
export async function init() {}
