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

const api = {};
for (const name of ["Gate","Policy","checkToken","checkValidTo","containsToken","digestHex","formatBasic","formatBearer","generateToken","globalTokensFor","graceUntil","isDigest","isHint","lifespanPresets","parseAuthorization","pepperDigest","scan","scopeCatalog","scopesGrant","scopesGrantAny","scopesWithin","tokenDigest","tokenStatus","validToAfter","validateScopes","verifyToken"]) api[name] = name === "Gate" ? Gate : name === "generateToken" ? generateToken : glue[name];

exports.Policy = class Policy extends api.Policy {
  constructor(...args) {
    load();
    super(...args);
  }
};

exports.Gate = class Gate extends api.Gate {
  constructor(...args) {
    load();
    super(...args);
  }
};

exports.checkToken = function checkToken(...args) {
  load();
  return api.checkToken(...args);
};

exports.checkValidTo = function checkValidTo(...args) {
  load();
  return api.checkValidTo(...args);
};

exports.containsToken = function containsToken(...args) {
  load();
  return api.containsToken(...args);
};

exports.digestHex = function digestHex(...args) {
  load();
  return api.digestHex(...args);
};

exports.formatBasic = function formatBasic(...args) {
  load();
  return api.formatBasic(...args);
};

exports.formatBearer = function formatBearer(...args) {
  load();
  return api.formatBearer(...args);
};

exports.globalTokensFor = function globalTokensFor(...args) {
  load();
  return api.globalTokensFor(...args);
};

exports.graceUntil = function graceUntil(...args) {
  load();
  return api.graceUntil(...args);
};

exports.isDigest = function isDigest(...args) {
  load();
  return api.isDigest(...args);
};

exports.isHint = function isHint(...args) {
  load();
  return api.isHint(...args);
};

exports.lifespanPresets = function lifespanPresets(...args) {
  load();
  return api.lifespanPresets(...args);
};

exports.parseAuthorization = function parseAuthorization(...args) {
  load();
  return api.parseAuthorization(...args);
};

exports.pepperDigest = function pepperDigest(...args) {
  load();
  return api.pepperDigest(...args);
};

exports.scan = function scan(...args) {
  load();
  return api.scan(...args);
};

exports.scopeCatalog = function scopeCatalog(...args) {
  load();
  return api.scopeCatalog(...args);
};

exports.scopesGrant = function scopesGrant(...args) {
  load();
  return api.scopesGrant(...args);
};

exports.scopesGrantAny = function scopesGrantAny(...args) {
  load();
  return api.scopesGrantAny(...args);
};

exports.scopesWithin = function scopesWithin(...args) {
  load();
  return api.scopesWithin(...args);
};

exports.tokenDigest = function tokenDigest(...args) {
  load();
  return api.tokenDigest(...args);
};

exports.tokenStatus = function tokenStatus(...args) {
  load();
  return api.tokenStatus(...args);
};

exports.validToAfter = function validToAfter(...args) {
  load();
  return api.validToAfter(...args);
};

exports.validateScopes = function validateScopes(...args) {
  load();
  return api.validateScopes(...args);
};

exports.verifyToken = function verifyToken(...args) {
  load();
  return api.verifyToken(...args);
};

exports.generateToken = function generateToken(...args) {
  load();
  return api.generateToken(...args);
};

