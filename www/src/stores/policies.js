// The deployment's token policies and their allowlists (the core's Policy applies them).
import { audit } from "./audit.js";
import { statement } from "./db.js";

export const ALLOWLISTS = ["fullAccess", "lifespan", "globalTokens"];

/**
 * The deployment's policies as stored, with each allowlist's users (for administrators; the core
 * applies them: see core.js `policyOf`). A policy never set has no row: the core's defaults.
 */
export async function policy(env) {
  const [{ results }, { results: listed }, { results: orgs }, { results: orgListed }] = await env.DB.batch([
    statement(env, "SELECT key, value FROM policies"),
    statement(env, "SELECT policy, user_id FROM policy_allowlist ORDER BY policy, user_id"),
    statement(env, "SELECT organization, restrict_creation, allow_packaging FROM organization_policies ORDER BY organization"),
    statement(env, "SELECT organization, user_id FROM organization_allowlist ORDER BY organization, user_id"),
  ]);
  const map = new Map(results.map((r) => [r.key, r.value]));
  return {
    maxLifespanDays: map.has("maxLifespanDays") ? Number(map.get("maxLifespanDays")) : null,
    restrictFullAccess: map.get("restrictFullAccess") === "true",
    autoRevokeLeaked: map.get("autoRevokeLeaked") !== "false",
    globalTokens: map.get("globalTokens") ?? "allowed",
    allowlists: Object.fromEntries(ALLOWLISTS.map((name) => [name, listed.filter((r) => r.policy === name).map((r) => r.user_id)])),
    // Each organization's creation policy that was ever set, with its allowlist.
    organizations: orgs.map((o) => ({
      organization: o.organization,
      restrictCreation: o.restrict_creation === 1,
      allowPackaging: o.allow_packaging === 1,
      allowlist: orgListed.filter((r) => r.organization === o.organization).map((r) => r.user_id),
    })),
  };
}

/** Writes organization `next.organization`'s creation policy and allowlist, audited with before and after. */
export async function setOrganizationPolicy(env, now, actor, before, next) {
  const { organization } = next;
  await env.DB.batch([
    statement(env, `INSERT INTO organization_policies (organization, restrict_creation, allow_packaging) VALUES (:organization, :restrict, :packaging)
      ON CONFLICT (organization) DO UPDATE SET restrict_creation = :restrict, allow_packaging = :packaging`, { organization, restrict: next.restrictCreation ? 1 : 0, packaging: next.allowPackaging ? 1 : 0 }),
    statement(env, "DELETE FROM organization_allowlist WHERE organization = :organization", { organization }),
    ...next.allowlist.map((userId) => statement(env, "INSERT INTO organization_allowlist (organization, user_id) VALUES (:organization, :userId)", { organization, userId })),
    audit(env, now, { actor, action: "admin.policy.organization", detail: { organization, before, after: next } }),
  ]);
}

export const organizationExists = async (env, name) => (await statement(env, "SELECT 1 FROM organizations WHERE name = :name", { name }).first()) !== null;

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
