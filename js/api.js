// The API every entry point exposes: the wasm module's exports, less its loaders.
export {
  /*NAMES*/
} from "./patgate.js";
export { Gate, generateToken } from "./gate.js";
