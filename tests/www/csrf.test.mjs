// CSRF on every state-changing route of a session or an administrator, taken from the worker's
// own route table (so a new route cannot be missed): without the session's X-CSRF-Token, with a
// cross-site Origin, or with Sec-Fetch-Site: cross-site, each is refused with 403 and nothing
// changes; with all three right, the same request is not refused for CSRF.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateToken } from "../../pkg/node.mjs";
import { freshWorker, root, signedIn } from "./harness.mjs";

let worker;
let alice;
let admin;
let tokenId;

before(async () => {
  worker = await freshWorker("csrf");
  [alice, admin] = await signedIn(worker, "alice", "admin");
  tokenId = (await alice.createToken({ scope: "vso.code" })).id;
});

after(async () => worker?.stop());

/** Every state-changing route a signed-in user or an administrator may call, from the route table. */
function stateChangingRoutes() {
  const source = readFileSync(join(root, "www/src/routes.js"), "utf8");
  return [...source.matchAll(/\.on\("(POST|PUT|DELETE|PATCH)", "([^"]+)", (signedIn|administrator)/g)].map(([, method, template, access]) => ({ method, template, access }));
}

/** A request to `template` with sample values, and a body it would accept apart from CSRF. */
function sample(method, template) {
  const path = template.replace("{org}", "fabrikam").replace("{id}", tokenId);
  const g = generateToken();
  const bodies = {
    "POST /_apis/tokens/pats": { displayName: "csrf", scope: "vso.code", validTo: worker.at(86_400_000), organization: "fabrikam", digest: g.digest, hint: g.hint },
    "PUT /_apis/tokens/pats": { authorizationId: tokenId, displayName: "renamed" },
    "POST /_apis/tokens/pats/{id}/regenerate": { digest: g.digest, hint: g.hint },
    "POST /_apis/notifications": { all: true },
    "POST /_apis/tokenadmin/revocations": [{ authorizationId: tokenId }],
    "POST /_apis/tokenadmin/revocations/users": { user: "alice" },
    "PUT /_apis/tokenadmin/policies": { maxLifespanDays: 365, restrictFullAccess: false, autoRevokeLeaked: true },
    "POST /_apis/tokenadmin/revocationrules": { scopes: "vso.code" },
    "PUT /_apis/tokenadmin/policies/organizations": { restrictCreation: true, allowlist: ["alice"] },
  };
  const key = `${method} ${template.replace("/{org}", "")}`;
  const query = method === "DELETE" ? `?authorizationId=${tokenId}` : "";
  return { path: path + query, body: bodies[key] ?? (method === "DELETE" ? undefined : {}) };
}

const snapshot = () => JSON.stringify([
  worker.sql("SELECT id, display_name, revoked_at, digest FROM tokens ORDER BY id"),
  worker.sql("SELECT key, value FROM policies ORDER BY key"),
  worker.sql("SELECT * FROM organization_policies ORDER BY organization"),
  worker.sql("SELECT count(*) AS n FROM notifications WHERE read_at IS NOT NULL"),
]);

test("every state-changing route refuses a request without the CSRF token or from another site, and changes nothing", async () => {
  const routes = stateChangingRoutes();
  assert.ok(routes.length >= 14, `${routes.length} routes found in routes.js`);
  const before = snapshot();
  for (const { method, template, access } of routes) {
    const client = access === "administrator" ? admin : alice;
    const { path, body } = sample(method, template);
    const attempts = {
      "no X-CSRF-Token": { "x-csrf-token": "" },
      "a wrong X-CSRF-Token": { "x-csrf-token": "x".repeat(43) },
      "a cross-site Origin": { origin: "https://evil.example" },
      "Sec-Fetch-Site: cross-site": { "sec-fetch-site": "cross-site" },
    };
    for (const [what, headers] of Object.entries(attempts)) {
      const r = await client.request(method, path, body, { headers });
      assert.deepEqual([r.status, r.body?.error], [403, "csrf"], `${method} ${template} with ${what}`);
    }
  }
  assert.equal(snapshot(), before, "no refused request changed anything");
  // The same requests with everything right are not refused for CSRF.
  for (const { method, template, access } of routes) {
    const client = access === "administrator" ? admin : alice;
    const { path, body } = sample(method, template);
    const r = await client.request(method, path, body, { headers: { origin: worker.base, "sec-fetch-site": "same-origin" } });
    assert.notEqual(r.body?.error, "csrf", `${method} ${template}`);
    assert.ok(r.status < 500, `${method} ${template}: ${r.status}`);
  }
});
