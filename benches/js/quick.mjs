// The Node figures of issue-sized changes in one short run: verify against plain JS, and the worker's path.
import { createSHA256 } from "hash-wasm";
import * as pg from "../../pkg/node.mjs";
import { compare, table } from "./harness.js";
import { verifyCases, hashWasmSha256, workerPathCases } from "./cases.js";

const hasher = await createSHA256();
const verify = await compare(verifyCases(pg, { "hash-wasm (reused hasher)": hashWasmSha256(hasher) }).filter((c) => !c.async));
console.log(table(verify, "patgate wasm (Gate.verify)"));
console.log(table(await compare(workerPathCases(pg)), "Gate.verify"));
