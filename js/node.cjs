// Node (CommonJS): the module is compiled and instantiated synchronously on first use, as in
// the ESM entry (node.mjs).
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const glue = require("./patgate.cjs");
const Gate = require("./gate.cjs").defineGate(glue.GateCore);
const generateToken = require("./generate.cjs").defineGenerateToken(glue.generateTokenText);

let ready = false;

function load() {
  if (!ready) {
    glue.initSync({ module: readFileSync(join(__dirname, "patgate_bg.wasm")) });
    ready = true;
  }
}

/** Loads the module now (it loads itself on first use otherwise). */
exports.init = async function init() {
  load();
};

/*EXPORTS*/
