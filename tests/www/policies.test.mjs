// Azure DevOps' policies as they stand: tokens for all organizations (global tokens) allowed,
// restricted or retired, at every path that makes or uses a secret (create, edit, regenerate,
// device approval, the gate); an allowlist on each deployment-wide policy; a new store retired,
// an existing store's global tokens kept working by its migration.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { generateToken } from "../../pkg/node.mjs";
import { DAY, freshWorker, root, signedIn, withToken } from "./harness.mjs";

let worker;
let alice;
let bob;
let admin;

before(async () => {
  worker = await freshWorker("policies");
  [alice, bob, admin] = await signedIn(worker, "alice", "bob", "admin");
});

after(async () => {
  await worker?.stop();
});

const setPolicy = async (body) => {
  const r = await admin.request("PUT", "/_apis/tokenadmin/policies", body);
  assert.equal(r.status, 200, r.text);
  return r.body;
};
const global = (client, fields = {}) => client.createToken({ allOrgs: true, ...fields });
const GLOBAL_REFUSAL = "tokens for all organizations are restricted by policy (global tokens); choose one organization, or ask an administrator to add you to the policy's allowlist";

test("a new store starts with global tokens retired: none made, one organization's fine", async () => {
  assert.equal((await admin.get("/_apis/tokenadmin/policies")).body.globalTokens, "retired");
  assert.equal((await alice.get("/_apis/policies")).body.globalTokens, "retired");
  const refused = await global(alice);
  assert.deepEqual([refused.status, refused.body.patTokenError, refused.body.field, refused.body.message], [400, "globalPatPolicyViolation", "organization", GLOBAL_REFUSAL]);
  assert.equal((await alice.createToken({ organization: "fabrikam" })).status, 201);
});

test("allowed, then restricted, then retired: what each state does to making, changing and using a global token", async () => {
  await setPolicy({ globalTokens: "allowed" });
  const g = await global(alice, { scope: "vso.project" });
  assert.equal(g.status, 201);
  const one = await alice.createToken({ organization: "contoso", scope: "vso.project" });
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g.token)).status, 200);

  await setPolicy({ globalTokens: "restricted" });
  assert.equal((await global(alice)).body.patTokenError, "globalPatPolicyViolation", "none made");
  const fresh = generateToken();
  const regen = await alice.request("POST", `/_apis/tokens/pats/${g.id}/regenerate`, { digest: fresh.digest, hint: fresh.hint });
  assert.deepEqual([regen.status, regen.body.patTokenError], [400, "globalPatPolicyViolation"], "none regenerated");
  const widened = await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: one.id, allOrgs: true });
  assert.deepEqual([widened.status, widened.body.patTokenError], [400, "globalPatPolicyViolation"], "no token widened to all organizations");
  assert.equal((await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: g.id, displayName: "renamed" })).status, 200, "a global token may still be renamed");
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g.token)).status, 200, "existing ones keep working");

  await setPolicy({ globalTokens: "retired" });
  const told = async () => (await alice.get("/_apis/notifications")).body.value.filter((n) => n.kind === "retired");
  const notices = await told();
  assert.deepEqual(notices.map((n) => [n.authorizationId, n.message]), [[g.id, 'Personal access token "renamed" acts in all your organizations, and this deployment\'s policy has retired such tokens: it is refused from now on. Make a token for one organization instead.']], "its owner is told, about that token only");
  const used = await withToken(worker, "/fabrikam/_apis/projects", g.token);
  assert.equal(used.status, 401);
  assert.match(used.challenge, /error_description="tokens for all organizations are retired by this deployment's policy \(global tokens\): make a token for one organization"/);
  assert.equal((await withToken(worker, "/contoso/_apis/projects", one.token)).status, 200, "one organization's tokens are not touched");
  // Its owner on the allowlist: the policy does not apply to them, their token works and they may make more.
  await setPolicy({ allowlists: { globalTokens: ["alice"] } });
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g.token)).status, 200);
  assert.equal((await global(alice)).status, 201);
  assert.equal((await alice.get("/_apis/policies")).body.globalTokens, "allowed", "alice reads the policy as it applies to her");
  assert.equal((await global(bob)).body.patTokenError, "globalPatPolicyViolation", "bob is not on it");
  assert.equal((await bob.get("/_apis/policies")).body.globalTokens, "retired");
  await setPolicy({ allowlists: { globalTokens: [] } });
  assert.equal((await withToken(worker, "/fabrikam/_apis/projects", g.token)).status, 401, "off the list, retired again");
  await setPolicy({ globalTokens: "allowed" });
  await setPolicy({ globalTokens: "retired" });
  assert.equal((await told()).filter((n) => n.authorizationId === g.id).length, 1, "told once, however often the policy moves");
});

test("device approval obeys the policy at approval: a global token is refused while restricted", async () => {
  await setPolicy({ globalTokens: "restricted" });
  const g = generateToken();
  const asked = await fetch(`${worker.base}/_apis/tokens/requests`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ digest: g.digest, hint: g.hint, displayName: "git: on box", scope: "vso.code" }) });
  const code = (await asked.json()).user_code;
  const refused = await alice.request("POST", `/_apis/tokens/requests/${code}/approve`, { allOrgs: true });
  assert.deepEqual([refused.status, refused.body.patTokenError], [400, "globalPatPolicyViolation"]);
  assert.equal((await alice.request("POST", `/_apis/tokens/requests/${code}/approve`, { organization: "fabrikam" })).status, 200, "one organization is fine");
});

test("the full-access and lifespan allowlists lift their policies for the users named, and no one else", async () => {
  await setPolicy({ restrictFullAccess: true, maxLifespanDays: 30, allowlists: { fullAccess: ["alice"], lifespan: ["bob"] } });
  try {
    assert.equal((await alice.createToken({ scope: "app_token" })).status, 201, "alice may make full-access tokens");
    assert.equal((await bob.createToken({ scope: "app_token", organization: "contoso" })).body.patTokenError, "fullScopePatPolicyViolation");
    assert.equal((await bob.createToken({ organization: "contoso", validTo: worker.at(60 * DAY) })).status, 201, "bob may make long ones");
    assert.equal((await alice.createToken({ validTo: worker.at(60 * DAY) })).body.patTokenError, "patLifespanPolicyViolation");
    assert.equal((await bob.createToken({ organization: "contoso", validTo: worker.at(366 * DAY) })).body.patTokenError, "patLifespanPolicyViolation", "365 days still hold");
    assert.deepEqual((await bob.get("/_apis/policies")).body, { maxLifespanDays: 365, restrictFullAccess: true, autoRevokeLeaked: true, globalTokens: "restricted", organizations: [] });
  } finally {
    await setPolicy({ restrictFullAccess: false, maxLifespanDays: 365, allowlists: { fullAccess: [], lifespan: [] } });
  }
});

test("bad policies are 400s that change nothing; every change is audited with before and after", async () => {
  const before = (await admin.get("/_apis/tokenadmin/policies")).body;
  for (const body of [{ globalTokens: "gone" }, { globalTokens: 1 }, { allowlists: { globalTokens: ["nobody"] } }, { allowlists: { other: [] } }, { allowlists: [] }, { allowlists: { lifespan: "alice" } }, { allowlists: { lifespan: Array(101).fill("alice") } }]) {
    const r = await admin.request("PUT", "/_apis/tokenadmin/policies", body);
    assert.equal(r.status, 400, JSON.stringify(body));
  }
  assert.deepEqual((await admin.get("/_apis/tokenadmin/policies")).body, before, "nothing changed");
  assert.equal((await alice.request("PUT", "/_apis/tokenadmin/policies", { globalTokens: "allowed" })).status, 403, "administrators only");
  await setPolicy({ globalTokens: "allowed", allowlists: { globalTokens: ["bob", "bob"] } });
  const entry = worker.sql("SELECT detail FROM audit WHERE action = 'admin.policy' ORDER BY id DESC LIMIT 1")[0];
  const { before: was, after: now } = JSON.parse(entry.detail);
  assert.deepEqual([was.globalTokens, now.globalTokens, now.allowlists.globalTokens], [before.globalTokens, "allowed", ["bob"]]);
});

test("an organization that restricts token creation: only its allowlist makes tokens acting there, everyone packaging-only ones when allowed, and nothing made before stops", async () => {
  await setPolicy({ globalTokens: "allowed" });
  const made = await alice.createToken({ organization: "contoso", scope: "vso.project", displayName: "made before" });
  const elsewhere = await alice.createToken({ organization: "fabrikam", scope: "vso.project" });
  const put = (client, body, org = "contoso") => client.request("PUT", `/_apis/tokenadmin/policies/organizations/${org}`, body);
  const set = await put(admin, { restrictCreation: true, allowlist: ["bob", "bob"] });
  assert.deepEqual([set.status, set.body], [200, { organization: "contoso", restrictCreation: true, allowPackaging: false, allowlist: ["bob"] }]);
  const refusal = (r) => [r.status, r.body?.patTokenError, r.body?.field];
  const REFUSED = [400, "disablePatCreationPolicyViolation", "organization"];
  try {
    // Create: in contoso, or for all organizations (which acts there too), only from its allowlist.
    const refused = await alice.createToken({ organization: "contoso" });
    assert.deepEqual(refusal(refused), REFUSED);
    assert.match(refused.body.message, /restricts who may create tokens.*ask an organization administrator to add you to its allowlist/);
    assert.deepEqual(refusal(await alice.createToken({ allOrgs: true })), REFUSED);
    assert.equal((await alice.createToken({ organization: "fabrikam" })).status, 201, "another organization is not touched");
    assert.equal((await bob.createToken({ organization: "contoso" })).status, 201, "bob is on its allowlist");
    // Never retroactive: the token made before works and may be tidied, but gets no new secret or later end.
    assert.equal((await withToken(worker, "/contoso/_apis/projects", made.token)).status, 200);
    assert.equal((await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: made.id, displayName: "tidied" })).status, 200);
    const fresh = generateToken();
    assert.deepEqual(refusal(await alice.request("POST", `/_apis/tokens/pats/${made.id}/regenerate`, { digest: fresh.digest, hint: fresh.hint })), REFUSED);
    assert.deepEqual(refusal(await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: made.id, validTo: worker.at(40 * DAY) })), REFUSED);
    assert.deepEqual(refusal(await alice.request("PUT", "/_apis/tokens/pats", { authorizationId: elsewhere.id, organization: "contoso" })), REFUSED, "moved in");
    // Device approval: the approver's policy, as a create.
    const g = generateToken();
    const asked = await fetch(`${worker.base}/_apis/tokens/requests`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ digest: g.digest, hint: g.hint, displayName: "git: on box", scope: "vso.code" }) });
    const code = (await asked.json()).user_code;
    assert.deepEqual(refusal(await alice.request("POST", `/_apis/tokens/requests/${code}/approve`, { organization: "contoso" })), REFUSED);
    assert.equal((await alice.request("POST", `/_apis/tokens/requests/${code}/approve`, { organization: "fabrikam" })).status, 200);
    // With the packaging option, packaging-only tokens for everyone; nothing else.
    assert.equal((await put(admin, { allowPackaging: true })).status, 200);
    assert.equal((await alice.createToken({ organization: "contoso", scope: "vso.packaging_write" })).status, 201);
    assert.deepEqual(refusal(await alice.createToken({ organization: "contoso", scope: "vso.packaging vso.code" })), REFUSED);
    // Each user reads the policy as it applies to them, never who else is on the list.
    assert.deepEqual((await alice.get("/_apis/policies")).body.organizations, [{ name: "contoso", restrictCreation: true, allowPackaging: true, exempt: false }]);
    assert.deepEqual((await bob.get("/_apis/policies")).body.organizations, [{ name: "contoso", restrictCreation: true, allowPackaging: true, exempt: true }]);
    // Administration: administrators only; an unknown organization, a bad field or user changes nothing.
    assert.equal((await put(alice, { restrictCreation: false })).status, 403);
    assert.equal((await put(admin, { restrictCreation: false }, "nowhere")).status, 404);
    for (const bad of [{ restrictCreation: "yes" }, { allowlist: ["nobody"] }, { allowlist: "bob" }, { other: true }]) {
      assert.equal((await put(admin, bad)).status, 400, JSON.stringify(bad));
    }
    const stored = (await admin.get("/_apis/tokenadmin/policies/organizations")).body.value;
    assert.deepEqual(stored, [{ organization: "contoso", restrictCreation: true, allowPackaging: true, allowlist: ["bob"] }]);
    const entries = (await admin.get("/_apis/tokenadmin/audit?action=admin.policy.organization")).body.value;
    assert.deepEqual(entries.map((e) => [e.actor, e.detail.organization, e.detail.before.allowPackaging, e.detail.after.allowPackaging]), [["admin", "contoso", false, true], ["admin", "contoso", false, false]]);
  } finally {
    assert.equal((await put(admin, { restrictCreation: false, allowPackaging: false, allowlist: [] })).status, 200);
  }
  assert.equal((await alice.createToken({ organization: "contoso" })).status, 201, "off again: anyone");
});

test("the migration: a store that has tokens keeps its global tokens allowed; an empty one starts retired", () => {
  const migrations = readdirSync(join(root, "www/migrations")).filter((f) => f.endsWith(".sql")).sort();
  const script = `
import sqlite3, sys
db = sqlite3.connect(":memory:")
files = sys.argv[2:]
for f in files:
    if f.endswith("0015_global_tokens_and_allowlists.sql") and sys.argv[1] == "with-token":
        db.execute("INSERT INTO users (id, display_name, email, password_hash, password_salt, password_iterations, created_at) VALUES ('u', 'U', 'u@example.com', 'x', 'y', 1, 0)")
        db.execute("INSERT INTO tokens (id, owner, display_name, organization, scope, valid_from, valid_to, created_at, updated_at, digest, hint) VALUES ('t', 'u', 'n', NULL, 'vso.code', 0, 1, 0, 0, 'd', 'h')")
    db.executescript(open(f).read())
print(db.execute("SELECT value FROM policies WHERE key = 'globalTokens'").fetchone()[0])
`;
  const run = (mode) => execFileSync("python3", ["-c", script, mode, ...migrations.map((f) => join(root, "www/migrations", f))], { encoding: "utf8" }).trim();
  assert.equal(run("with-token"), "allowed");
  assert.equal(run("empty"), "retired");
});
