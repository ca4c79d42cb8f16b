// Cloudflare Workers / workerd: the edge module, which leaves out what only a portal shows (the
// scope catalog's titles, lifespan presets, the leak scanner; `patgate/full` has them). Code
// generation from bytes is forbidden there, so the .wasm is imported as a compiled
// WebAssembly.Module (wrangler and miniflare do this for `.wasm` imports) and instantiated
// synchronously at import.
import module from "./edge_bg.wasm";
import { initSync } from "./edge.js";

initSync({ module });

export * from "./edge-api.js";
/** Already initialised at import; kept so code shared with browsers may `await init()`. */
export async function init() {}
