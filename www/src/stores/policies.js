// The deployment's token policies and their allowlists (the core's Policy applies them).
import { audit } from "./audit.js";
import { statement } from "./db.js";

export const ALLOWLISTS = ["fullAccess", "lifespan", "globalTokens"];

/**
 * The deployment's policies as stored, with each allowlist's users (for administrators; the core
 * applies them: see core.js `policyOf`). A policy never set has no row: the core's defaults.
 */
export async function policy(env) {
  const [{ results }, { results: listed }] = await env.DB.batch([
    statement(env, "SELECT key, value FROM policies"),
    statement(env, "SELECT policy, user_id FROM policy_allowlist ORDER BY policy, user_id"),
  ]);
  const map = new Map(results.map((r) => [r.key, r.value]));
  return {
    maxLifespanDays: map.has("maxLifespanDays") ? Number(map.get("maxLifespanDays")) : null,
    restrictFullAccess: map.get("restrictFullAccess") === "true",
    autoRevokeLeaked: map.get("autoRevokeLeaked") !== "false",
    globalTokens: map.get("globalTokens") ?? "allowed",
    allowlists: Object.fromEntries(ALLOWLISTS.map((name) => [name, listed.filter((r) => r.policy === name).map((r) => r.user_id)])),
  };
}

/** Writes the policies and their allowlists, audited with what they were before and are now. */
export async function setPolicy(env, now, actor, before, next) {
  const put = (key) => statement(env, "INSERT INTO policies (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = :value", { key, value: String(next[key]) });
  const lists = ALLOWLISTS.flatMap((name) => next.allowlists[name].map((userId) => statement(env, "INSERT INTO policy_allowlist (policy, user_id) VALUES (:name, :userId)", { name, userId })));
  await env.DB.batch([
    put("maxLifespanDays"), put("restrictFullAccess"), put("autoRevokeLeaked"), put("globalTokens"),
    statement(env, "DELETE FROM policy_allowlist"), ...lists,
    audit(env, now, { actor, action: "admin.policy", detail: { before, after: next } }),
  ]);
}
