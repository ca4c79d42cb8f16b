// The edge module's API: the full package's less checkValidTo, lifespanPresets, scan, scopeCatalog, validToAfter, verifyToken, generateToken.
export {
  Policy,
  checkToken,
  containsToken,
  digestHex,
  formatBasic,
  formatBearer,
  globalTokensFor,
  graceUntil,
  isDigest,
  isHint,
  parseAuthorization,
  pepperDigest,
  scopesGrant,
  scopesGrantAny,
  scopesWithin,
  tokenDigest,
  tokenStatus,
  validateScopes
} from "./edge.js";
import { GateCore } from "./edge.js";
import { defineGate } from "./gate.js";

export const Gate = defineGate(GateCore);
