// The stores, by aggregate: each file holds its tables' statements. Handlers call these and never
// write SQL; records come back camelCase, parameters go in by name (stores/db.js).
import { ACCOUNT_HOT } from "./accounts.js";
import { PRUNE } from "./audit.js";
import { NOTICE_HOT } from "./notifications.js";
import { TOKEN_HOT } from "./tokens.js";

export * from "./accounts.js";
export * from "./audit.js";
export * from "./clock.js";
export * from "./leaks.js";
export * from "./limits.js";
export * from "./notifications.js";
export * from "./policies.js";
export * from "./requests.js";
export * from "./resources.js";
export * from "./tokens.js";

/**
 * The statements on a hot path (each request, each list page, each scan), named so that
 * tests/www/query-plans.test.mjs can check every one's query plan (no full scan, no sort of a
 * whole table).
 */
export const HOT = Object.freeze({ ...TOKEN_HOT, ...NOTICE_HOT, ...ACCOUNT_HOT, pruneAudit: PRUNE });
