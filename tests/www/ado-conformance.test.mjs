// Every answer of the PAT, token administration, projects, builds and repositories routes,
// validated against the schemas of Microsoft's OpenAPI files (tests/ado/specs, verbatim) with
// ajv. The resources' schemas are closed (no property the spec does not name); the PAT and token
// administration ones allow exactly patgate's documented additions and nothing else.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { generateToken } from "../../pkg/node.mjs";
import { DAY, freshWorker, root, signedIn } from "./harness.mjs";

const require = createRequire(join(root, "tests/ado/package.json"));
const Ajv2019 = require("ajv/dist/2019").default;
const addFormats = require("ajv-formats").default;

// patgate's additions to Azure DevOps' PatToken (README: "Where patgate differs from Azure DevOps").
const PAT_EXTRAS = ["organization", "allOrgs", "owner", "createdAt", "lastUsedAt", "revokedAt", "graceUntil", "hint", "status", "leak"];

const spec = (name) => JSON.parse(readFileSync(join(root, "tests/ado/specs", `${name}.json`), "utf8").replace(/^\uFEFF/, ""));

/**
 * A copy of `schema` in which every object with properties admits no other property, except the
 * definitions others extend with allOf (closing those would refuse the extension's properties;
 * they are closed where they are validated on their own, see `conforms`).
 */
function closed(schema, bases = new Set()) {
  if (Array.isArray(schema)) return schema.map((x) => closed(x, bases));
  if (schema === null || typeof schema !== "object") return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "definitions" ? v : closed(v, bases)]));
  if (out.properties && out.additionalProperties === undefined) out.unevaluatedProperties = false;
  return out;
}

function closedDefinitions(definitions) {
  const bases = new Set();
  JSON.stringify(definitions, (k, v) => (k === "allOf" && v.forEach((x) => x.$ref && bases.add(x.$ref.split("/").pop())), v));
  return Object.fromEntries(Object.entries(definitions).map(([name, d]) => [name, bases.has(name) ? d : closed(d)]));
}

const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const formats = new Set();
const SPECS = { core: "core__7.1__core", build: "build__7.1__build", git: "git__7.1__git", tokens: "tokens__7.1__tokens", tokenAdmin: "tokenAdmin__7.1__tokenAdmin" };
for (const [id, file] of Object.entries(SPECS)) {
  const s = spec(file);
  JSON.stringify(s, (k, v) => (k === "format" && typeof v === "string" && formats.add(v), v));
  const definitions = id === "tokens" || id === "tokenAdmin" ? s.definitions : closedDefinitions(s.definitions);
  ajv.addSchema({ $id: `${id}.json`, definitions });
}
for (const f of formats) if (!ajv.formats[f]) ajv.addFormat(f, true); // int32, int64, double: JSON numbers already

/**
 * `value` without its null members: Swagger 2.0 has no null, and Azure DevOps sends null for an
 * absent value (its own examples do: `"token": null`, `"targetAccounts": null`).
 */
function withoutNulls(value) {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

const validators = new Map();

/** The properties a definition names, with those of the definitions it extends (allOf). */
function namedProperties(ref) {
  const [file, pointer] = ref.split("#/definitions/");
  const specOf = { "core.json": SPECS.core, "build.json": SPECS.build, "git.json": SPECS.git, "tokens.json": SPECS.tokens, "tokenAdmin.json": SPECS.tokenAdmin }[file];
  const definitions = spec(specOf).definitions;
  const names = new Set();
  const walk = (d) => {
    for (const k of Object.keys(d.properties ?? {})) names.add(k);
    for (const part of d.allOf ?? []) walk(part.$ref ? definitions[part.$ref.split("/").pop()] : part);
  };
  walk(definitions[pointer]);
  return names;
}

/** Per definition validated: the properties seen with a value, and those seen as null. */
const seen = new Map();
function record(value, ref) {
  if (!seen.has(ref)) seen.set(ref, { present: new Set(), nulls: new Set() });
  const s = seen.get(ref);
  for (const [k, v] of Object.entries(value)) (v === null ? s.nulls : s.present).add(k);
}

/**
 * Asserts `value` is valid for definition `ref` ("core.json#/definitions/TeamProject"); for the
 * resources' specs the value itself may hold no property the definition (with its bases) lacks.
 */
function conforms(value, ref, what) {
  const open = ref.startsWith("tokens.json") || ref.startsWith("tokenAdmin.json");
  if (!validators.has(ref)) validators.set(ref, ajv.compile(open ? { $ref: ref } : { $ref: ref, unevaluatedProperties: false }));
  const validate = validators.get(ref);
  record(value, ref);
  assert.ok(validate(withoutNulls(value)), `${what} against ${ref}: ${ajv.errorsText(validate.errors, { separator: "\n" })}\n${JSON.stringify(value).slice(0, 600)}`);
}

/** A PatToken: the spec's fields valid, and nothing beyond them but patgate's additions. */
function patTokenConforms(p, what) {
  conforms(p, "tokens.json#/definitions/PatToken", what);
  const named = Object.keys(spec(SPECS.tokens).definitions.PatToken.properties);
  assert.deepEqual(Object.keys(p).filter((k) => !named.includes(k) && !PAT_EXTRAS.includes(k)), [], `${what}: only documented additions`);
}

let worker;
let alice;
let admin;
let token;

before(async () => {
  worker = await freshWorker("ado-conformance");
  [alice, admin] = await signedIn(worker, "alice", "admin");
  // Tokens for all organizations are made here: allowed (a new store starts with them retired).
  assert.equal((await admin.request("PUT", "/_apis/tokenadmin/policies", { globalTokens: "allowed" })).status, 200);
  token = (await alice.createToken({ scope: "vso.project vso.build vso.code", organization: "fabrikam" })).token;
});

after(async () => worker?.stop());

const get = async (path, apiVersion = "7.1") => {
  const r = await fetch(worker.base + path, { headers: { authorization: "Basic " + Buffer.from(`:${token}`).toString("base64"), accept: `application/json;api-version=${apiVersion}` } });
  assert.equal(r.status, 200, path);
  return r.json();
};

test("projects, one project, builds and repositories conform to core, build and git 7.1", async () => {
  const list = await get("/fabrikam/_apis/projects");
  assert.equal(list.count, list.value.length);
  for (const p of list.value) conforms(p, "core.json#/definitions/TeamProjectReference", "a listed project");
  for (const path of ["/fabrikam/_apis/projects/demo", "/fabrikam/_apis/projects/demo?includeCapabilities=true", `/fabrikam/_apis/projects/${list.value[0].id}`]) {
    conforms(await get(path), "core.json#/definitions/TeamProject", path);
  }
  for (const path of ["/fabrikam/demo/_apis/build/builds", "/fabrikam/_apis/build/builds"]) {
    const builds = await get(path);
    assert.ok(builds.value.length > 0);
    for (const b of builds.value) {
      conforms(b, "build.json#/definitions/Build", path);
      // Definitions others extend stay open inside their users: closed here on their own.
      conforms(b.definition, "build.json#/definitions/DefinitionReference", `${path}: its definition`);
      conforms(b.project, "core.json#/definitions/TeamProjectReference", `${path}: its project`);
    }
  }
  // The check can fail: a property the spec does not name, at the top or nested, is refused.
  const build = (await get("/fabrikam/demo/_apis/build/builds")).value[0];
  assert.throws(() => conforms({ ...build, keepForeverr: true }, "build.json#/definitions/Build", "a misspelt field"), /unevaluated properties/);
  assert.throws(() => conforms({ ...build, repository: { ...build.repository, bogus: 1 } }, "build.json#/definitions/Build", "a nested one"), /unevaluated properties/);
  assert.throws(() => conforms({ ...build, status: "finished" }, "build.json#/definitions/Build", "an enum value"), /allowed values/);
  for (const path of ["/fabrikam/demo/_apis/git/repositories", "/fabrikam/_apis/git/repositories"]) {
    const repos = await get(path);
    assert.ok(repos.value.length > 0);
    for (const r of repos.value) {
      conforms(r, "git.json#/definitions/GitRepository", path);
      conforms(r.project, "core.json#/definitions/TeamProjectReference", `${path}: its project`);
    }
  }
  // A malformed %-escape in a name is the client's mistake: a 400, never a 5xx.
  for (const path of ["/fabrikam/_apis/projects/x%E0%A4%A", "/fabrikam/x%E0%A4%A/_apis/build/builds", "/fabrikam/demo/_apis/git/repositories/x%C0"]) {
    const r = await fetch(worker.base + path, { headers: { authorization: "Basic " + Buffer.from(`:${token}`).toString("base64") } });
    assert.equal(r.status, 400, path);
    assert.equal((await r.json()).typeKey, "InvalidArgumentValueException", path);
  }
  const repoId = (await get("/fabrikam/_apis/git/repositories")).value[0].id;
  for (const path of ["/fabrikam/demo/_apis/git/repositories/demo", `/fabrikam/demo/_apis/git/repositories/${repoId}`]) {
    conforms(await get(path), "git.json#/definitions/GitRepository", path);
  }
});

test("the PAT lifecycle conforms to tokens 7.1, errors included (the spec's patTokenError values only)", async () => {
  const g = generateToken();
  const created = await alice.request("POST", "/fabrikam/_apis/tokens/pats", { displayName: "conformance", scope: "vso.code", validTo: worker.at(7 * DAY), allOrgs: false, digest: g.digest, hint: g.hint });
  assert.equal(created.status, 201);
  conforms(created.body, "tokens.json#/definitions/PatTokenResult", "create");
  patTokenConforms(created.body.patToken, "create");
  const id = created.body.patToken.authorizationId;
  const one = await alice.get(`/fabrikam/_apis/tokens/pats?authorizationId=${id}`);
  conforms(one.body, "tokens.json#/definitions/PatTokenResult", "get");
  const updated = await alice.request("PUT", "/fabrikam/_apis/tokens/pats", { authorizationId: id, displayName: "conformance 2" });
  conforms(updated.body, "tokens.json#/definitions/PatTokenResult", "update");
  // Microsoft's PatTokenUpdateRequest has no organization: `allOrgs: false` on an organization's
  // route scopes an all-organizations token to that one; without allOrgs it stays as it was.
  const h = generateToken();
  const wide = await alice.request("POST", "/_apis/tokens/pats", { displayName: "all orgs", scope: "vso.code", validTo: worker.at(7 * DAY), allOrgs: true, digest: h.digest, hint: h.hint });
  assert.deepEqual([wide.status, wide.body.patToken.allOrgs], [201, true]);
  const wideId = wide.body.patToken.authorizationId;
  const renamed = await alice.request("PUT", "/contoso/_apis/tokens/pats", { authorizationId: wideId, displayName: "still all orgs" });
  assert.deepEqual([renamed.status, renamed.body.patToken.allOrgs, renamed.body.patToken.organization], [200, true, null]);
  const narrowed = await alice.request("PUT", "/contoso/_apis/tokens/pats", { authorizationId: wideId, allOrgs: false });
  conforms(narrowed.body, "tokens.json#/definitions/PatTokenResult", "update to one organization");
  assert.deepEqual([narrowed.status, narrowed.body.patToken.allOrgs, narrowed.body.patToken.organization], [200, false, "contoso"]);
  for (const path of ["/_apis/tokens/pats", "/fabrikam/_apis/tokens/pats?displayFilterOption=All&sortByOption=Status&isSortAscending=True", "/_apis/tokens/pats?$top=1"]) {
    const page = await alice.get(path);
    assert.equal(page.status, 200, path);
    conforms(page.body, "tokens.json#/definitions/PagedPatTokens", path);
    for (const p of page.body.patTokens) patTokenConforms(p, path);
  }
  // Refusals: every one is a PatTokenResult whose patTokenError the spec names.
  const refusals = [
    { displayName: "" }, { displayName: "x", scope: "vso.nope" }, { validTo: worker.at(-DAY) }, { validTo: worker.at(400 * DAY) },
    { organization: "northwind" }, { digest: "short" }, { hint: "toolong" }, { digest: undefined },
  ];
  for (const over of refusals) {
    const body = { displayName: "r", scope: "vso.code", validTo: worker.at(DAY), organization: "fabrikam", ...generateToken(), ...over };
    delete body.token;
    for (const [k, v] of Object.entries(over)) if (v === undefined) delete body[k];
    const r = await alice.request("POST", "/_apis/tokens/pats", body);
    assert.equal(r.status, 400, JSON.stringify(over));
    conforms(r.body, "tokens.json#/definitions/PatTokenResult", JSON.stringify(over));
  }
  const missing = await alice.request("POST", "/fabrikam/_apis/tokens/pats", { displayName: "as Azure DevOps sends it", scope: "vso.code", validTo: worker.at(DAY), allOrgs: false });
  assert.deepEqual([missing.status, missing.body.patTokenError, missing.body.field], [400, "invalidToken", "digest"]);
  assert.match(missing.body.message, /generate the token .* send its digest and hint/);
  // api-version on the PAT routes too: the clients' preview forms accepted, others refused.
  // The PAT API has only ever been a preview: a version without -preview is refused as Azure
  // DevOps refuses it, and so is one from before the API (6.1).
  const versions = [["7.1-preview.1", 200], ["7.2-preview.1", 200], ["6.1-preview", 200], ["7.1", 400, "VssInvalidPreviewVersionException"],
    ["6.0-preview.1", 400, "VssVersionOutOfRangeException"], ["9.0", 400, "VssVersionOutOfRangeException"], ["seven", 400, "VssInvalidApiVersionException"],
    // Major and minor are whole numbers: 7.10 is not 7.1 but past 7.2.
    ["7.10-preview", 400, "VssVersionOutOfRangeException"], ["7.3-preview.1", 400, "VssVersionOutOfRangeException"]];
  for (const [version, status, typeKey] of versions) {
    const r = await alice.get(`/fabrikam/_apis/tokens/pats?api-version=${version}`);
    assert.deepEqual([r.status, r.body.typeKey], [status, typeKey], version);
  }
  const gone = await alice.get("/_apis/tokens/pats?authorizationId=00000000-0000-4000-8000-000000000000");
  conforms(gone.body, "tokens.json#/definitions/PatTokenResult", "get unknown");
});

test("token administration conforms to tokenAdmin 7.1: SessionTokens, 404 for an unknown user, 201 and 204", async () => {
  const page = await admin.get("/fabrikam/_apis/tokenadmin/personalaccesstokens/alice");
  assert.equal(page.status, 200);
  conforms(page.body, "tokenAdmin.json#/definitions/TokenAdminPagedSessionTokens", "personal access tokens of a user");
  assert.ok(page.body.value.length > 0);
  // The SessionToken fields Azure DevOps gives a PAT (its own example's values).
  const nil = "00000000-0000-0000-0000-000000000000";
  for (const t of page.body.value) {
    assert.deepEqual([t.clientId, t.accessId, t.hostAuthorizationId, t.isPublic, t.isValid], [nil, nil, nil, false, t.status === "active"], t.authorizationId);
  }
  const example = spec("tokenAdmin__7.1__httpExamples__personalAccessTokens__GetPersonalAccessTokensForAUserInYourOrganization").responses["200"].body.value[0];
  assert.deepEqual([example.clientId, example.accessId, example.hostAuthorizationId, example.isPublic], [nil, nil, nil, false], "the values are Microsoft's");
  // An unknown subject is a 404 (the spec's), on both routes; a user filter is only a filter.
  for (const path of ["/fabrikam/_apis/tokenadmin/personalaccesstokens/nobody", "/_apis/tokenadmin/personalaccesstokens/nobody"]) {
    assert.equal((await admin.get(path)).status, 404, path);
  }
  assert.deepEqual((await admin.get("/_apis/tokenadmin/personalaccesstokens?user=nobody")).body.value, []);
  // Public (compact) tokens are another kind; patgate has none.
  assert.deepEqual((await admin.get("/fabrikam/_apis/tokenadmin/personalaccesstokens/alice?isPublic=true")).body, { value: [], continuationToken: null });
  assert.equal((await admin.get("/fabrikam/_apis/tokenadmin/personalaccesstokens/alice?isPublic=False")).body.value.length, page.body.value.length);
  assert.equal((await admin.get("/fabrikam/_apis/tokenadmin/personalaccesstokens/alice?isPublic=maybe")).status, 400);
  // Released in 7.1, a preview in 7.2: as Azure DevOps checks the version.
  for (const [version, status] of [["7.1", 200], ["5.0-preview.1", 200], ["7.2-preview.1", 200], ["7.2", 400], ["4.1", 400]]) {
    const r = await admin.get(`/fabrikam/_apis/tokenadmin/personalaccesstokens/alice?api-version=${version}`);
    assert.equal(r.status, status, version);
  }
  const revocation = [{ authorizationId: page.body.value[0].authorizationId }];
  conforms(revocation[0], "tokenAdmin.json#/definitions/TokenAdminRevocation", "the revocation patgate accepts");
  // What is not a token id is refused: a 204 must mean the ids were read.
  for (const bad of [[{ authorizationId: "x".repeat(15_000) }], [{ authorizationId: "not-a-guid" }], [null], [{ authorizationId: revocation[0].authorizationId, extra: 1 }]]) {
    const r = await admin.request("POST", "/fabrikam/_apis/tokenadmin/revocations", bad);
    assert.deepEqual([r.status, r.body?.field], [400, "[0].authorizationId"], JSON.stringify(bad).slice(0, 80));
  }
  // Public (compact) tokens: patgate has none, so nothing is revoked.
  assert.equal((await admin.request("POST", "/fabrikam/_apis/tokenadmin/revocations?isPublic=true", revocation)).status, 204);
  assert.equal((await admin.get("/_apis/tokenadmin/personalaccesstokens/alice")).body.value.find((t) => t.authorizationId === revocation[0].authorizationId)?.status, "active");
  // An id in capitals is the same token (GUIDs ignore case).
  const revoked = await admin.request("POST", "/fabrikam/_apis/tokenadmin/revocations?api-version=7.1", [{ authorizationId: revocation[0].authorizationId.toUpperCase() }]);
  assert.deepEqual([revoked.status, revoked.text, revoked.headers.get("content-type")], [204, "", null], "204, no body and no type, as the spec has it");
  const after = (await admin.get("/_apis/tokenadmin/personalaccesstokens/alice?displayFilterOption=all")).body.value.find((t) => t.authorizationId === revocation[0].authorizationId);
  assert.deepEqual([after.status, after.isValid], ["revoked", false]);
});

test("a revocation rule (201) revokes exactly the organization's live tokens that grant one of its scopes and were made before its time", async () => {
  const rules = await freshWorker("ado-conformance-rules");
  try {
    const [a, b, root] = await signedIn(rules, "alice", "bob", "admin");
    assert.equal((await root.request("PUT", "/_apis/tokenadmin/policies", { globalTokens: "allowed" })).status, 200);
    const make = (client, fields) => client.createToken({ validTo: rules.at(30 * DAY), ...fields });
    // Made before the rule's time:
    const build = await make(a, { scope: "vso.build" });
    const execute = await make(a, { scope: "vso.build_execute vso.code" }); // grants vso.build
    const code = await make(a, { scope: "vso.code" });
    const everywhere = await make(a, { scope: "vso.build", allOrgs: true }); // acts in fabrikam too
    const full = await make(a, { scope: "app_token" }); // full access grants every scope
    const contoso = await make(a, { scope: "vso.build", organization: "contoso" });
    const bobs = await make(b, { scope: "vso.build", allOrgs: true }); // bob is in contoso only
    const gone = await make(a, { scope: "vso.build" });
    await a.request("DELETE", `/_apis/tokens/pats?authorizationId=${gone.id}`);
    await rules.advance(1000);
    const cut = rules.at(0);
    await rules.advance(1000);
    const later = await make(a, { scope: "vso.build" });
    const rule = { scopes: "vso.build vso.packaging", createdBefore: cut };
    conforms(rule, "tokenAdmin.json#/definitions/TokenAdminRevocationRule", "the rule");
    const r = await root.request("POST", "/fabrikam/_apis/tokenadmin/revocationrules?api-version=7.1", rule);
    assert.deepEqual([r.status, r.body], [201, { revoked: 4 }]);
    const all = (await root.get("/_apis/tokenadmin/personalaccesstokens?displayFilterOption=all")).body.value;
    const seen = Object.fromEntries(Object.entries({ build, execute, code, everywhere, full, contoso, bobs, later }).map(([name, t]) => [name, all.find((x) => x.authorizationId === t.id).status]));
    assert.deepEqual(seen, { build: "revoked", execute: "revoked", code: "active", everywhere: "revoked", full: "revoked", contoso: "active", bobs: "active", later: "active" });
    // Without a time it takes now; the same rule again finds nothing left.
    assert.deepEqual((await root.request("POST", "/fabrikam/_apis/tokenadmin/revocationrules", { scopes: "vso.build" })).body, { revoked: 1 }, "the later one");
    assert.deepEqual((await root.request("POST", "/fabrikam/_apis/tokenadmin/revocationrules", { scopes: "vso.build" })).body, { revoked: 0 });
    for (const bad of [{}, { scopes: "" }, { scopes: "vso.nothing" }, { scopes: "vso.build", createdBefore: "yesterday" }]) {
      assert.equal((await root.request("POST", "/fabrikam/_apis/tokenadmin/revocationrules", bad)).status, 400, JSON.stringify(bad));
    }
  } finally {
    await rules.stop();
  }
});

// Swagger 2.0 marks no field required and no type nullable, so a schema alone lets `{}` and
// `null` everywhere conform. Here every field a definition names must be sent with a value
// somewhere in this file's answers, unless it is in ABSENT (never sent, and why), and a field
// may be null only where NULLABLE says so (Microsoft's own answers send null there).
const ABSENT = {
  // The demo projects have no abbreviation, team image or default team (Azure DevOps leaves the
  // first two out when unset too), and patgate serves no _links (HAL) on resources.
  "core.json#/definitions/TeamProjectReference": ["abbreviation", "defaultTeamImageUrl"],
  "core.json#/definitions/TeamProject": ["_links", "abbreviation", "defaultTeam", "defaultTeamImageUrl"],
  // The demo builds are records of finished runs: no queue, agent, plan, log, trigger, requester or links.
  "build.json#/definitions/Build": ["_links", "agentSpecification", "appendCommitMessageToRunName", "buildNumberRevision", "controller", "deleted", "deletedBy", "deletedDate", "deletedReason", "demands", "lastChangedBy", "lastChangedDate", "logs", "orchestrationPlan", "parameters", "plans", "properties", "quality", "queue", "queueOptions", "queuePosition", "requestedBy", "requestedFor", "sourceVersion", "templateParameters", "triggerInfo", "triggeredByBuild", "validationResults"],
  "build.json#/definitions/DefinitionReference": ["createdDate", "uri"],
  // No forks and no SSH: git is served over HTTPS only.
  "git.json#/definitions/GitRepository": ["_links", "parentRepository", "sshUrl", "validRemoteUrls"],
  // patgate never has a token to send: `token` is always null (as in Microsoft's example of a listed PAT).
  "tokens.json#/definitions/PatToken": ["token"],
  // One page here: the last page's continuation token is null.
  "tokenAdmin.json#/definitions/TokenAdminPagedSessionTokens": ["continuationToken"],
};
const NULLABLE = {
  // The error answer has no token (the spec's PatTokenResult with patTokenError set).
  "tokens.json#/definitions/PatTokenResult": ["patToken"],
  // Microsoft's example (tokenAdmin httpExamples) sends both as null.
  "tokens.json#/definitions/PatToken": ["targetAccounts", "token"],
  "tokenAdmin.json#/definitions/TokenAdminPagedSessionTokens": ["continuationToken"],
};

test("every field Microsoft's definitions name is sent with a value, or its absence is written down; null only where Azure DevOps sends null", () => {
  assert.ok(seen.size >= 10, "the tests above validated the answers");
  for (const [ref, s] of seen) {
    const named = namedProperties(ref);
    const missing = [...named].filter((k) => !s.present.has(k)).sort();
    assert.deepEqual(missing, ABSENT[ref] ?? [], `${ref}: the fields never sent with a value`);
    const nulls = [...s.nulls].filter((k) => named.has(k)).sort();
    assert.deepEqual(nulls.filter((k) => !(NULLABLE[ref] ?? []).includes(k)), [], `${ref}: fields sent as null that Azure DevOps does not null`);
  }
  // `{}` no longer passes for anything: it lacks every field.
  assert.ok(namedProperties("core.json#/definitions/TeamProjectReference").size > ABSENT["core.json#/definitions/TeamProjectReference"].length);
});
