// Node (ESM): the module is instantiated synchronously at import; nothing to initialise.
import { readFileSync } from "node:fs";
import { initSync } from "./patgate.js";

initSync({ module: readFileSync(new URL("./patgate_bg.wasm", import.meta.url)) });

export * from "./api.js";
/** Already initialised at import; kept so code shared with browsers may `await init()`. */
export async function init() {}
