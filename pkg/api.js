// The API every entry point exposes: the wasm module's exports, less its loaders and the wasm
// halves that `Gate` and `generateToken` wrap.
export {
  Policy,
  checkToken,
  checkValidTo,
  containsToken,
  digestHex,
  formatBasic,
  formatBearer,
  globalTokensFor,
  graceUntil,
  isDigest,
  isHint,
  lifespanPresets,
  parseAuthorization,
  pepperDigest,
  scan,
  scopeCatalog,
  scopesGrant,
  scopesGrantAny,
  scopesWithin,
  tokenDigest,
  tokenStatus,
  validToAfter,
  validateScopes,
  verifyToken
} from "./patgate.js";
import { GateCore, generateTokenText } from "./patgate.js";
import { defineGate } from "./gate.js";
import { defineGenerateToken } from "./generate.js";

export const Gate = defineGate(GateCore);
export const generateToken = defineGenerateToken(generateTokenText);
