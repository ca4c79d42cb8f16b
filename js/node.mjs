// Node (ESM): the module is compiled and instantiated synchronously on first use (the first
// call, or the first `new Gate`/`new Policy`), so a program that imports patgate and does not
// use it on a path pays nothing for it there. `init()` loads it now, for a server that wants
// the cost at start.
import { createRequire } from "node:module";
import { initSync } from "./patgate.js";
import * as api from "./api.js";

let ready = false;

function load() {
  if (!ready) {
    // node:fs through require, when first needed: importing it as an ES module builds a facade
    // over all of fs, whose stream getters load node:stream (about 5 ms at import).
    const { readFileSync } = createRequire(import.meta.url)("node:fs");
    initSync({ module: readFileSync(new URL("./patgate_bg.wasm", import.meta.url)) });
    ready = true;
  }
}

/** Loads the module now (it loads itself on first use otherwise). */
export async function init() {
  load();
}

/*EXPORTS*/
