// Deno: the module is read next to this file and instantiated before the import completes.
import { initSync } from "./patgate.js";

initSync({ module: await Deno.readFile(new URL("./patgate_bg.wasm", import.meta.url)) });

export * from "./api.js";
/** Already initialised at import; kept so code shared with browsers may `await init()`. */
export async function init() {}
