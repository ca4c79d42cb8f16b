// Node (CommonJS): the module is instantiated synchronously at require; nothing to initialise.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const glue = require("./patgate.cjs");
const wrappers = require("./gate.cjs");

glue.initSync({ module: readFileSync(join(__dirname, "patgate_bg.wasm")) });

for (const name of require("./exports.json")) exports[name] = name in wrappers ? wrappers[name] : glue[name];
/** Already initialised at require; kept so code shared with browsers may `await init()`. */
exports.init = async function init() {};
