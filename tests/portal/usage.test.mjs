// The show-once dialog's usage examples (www/public/usage.js), with the core's scopesGrant (the
// worker's own package) deciding what a token's scopes reach: commands for the token's
// organization, a clone only where it reads code and a repository exists, a curl it may make.
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatBasic, scopesGrant } from "../../pkg/node.mjs";
import { usageExamples } from "../../www/public/usage.js";

const T = "pat_0123456789abcdefghijABCDEFGHIJ0abcde";
const where = {
  origin: "http://127.0.0.1:8787",
  repositories: [{ organization: "fabrikam", project: "demo", name: "demo" }, { organization: "north wind", project: "web site", name: "app/ui" }],
  organizations: ["contoso", "fabrikam", "north wind"],
  grants: scopesGrant,
  authorization: formatBasic(T),
};
// The header, from node's own base64 (not the core's): Basic with an empty user-id.
const H = `Authorization: Basic ${Buffer.from(":" + T).toString("base64")}`;
const of = (organization, scope) => usageExamples({ organization, scope }, T, where);

test("a token of an organization with a repository, reading code: a clone of it and a route its scopes reach", () => {
  assert.deepEqual(of("fabrikam", "vso.code_write"), {
    git: `git -c http.extraHeader="${H}" clone http://127.0.0.1:8787/fabrikam/demo/_git/demo`,
    curl: `curl -u anything:${T} http://127.0.0.1:8787/fabrikam/_apis/git/repositories`,
  });
  assert.equal(of("fabrikam", "vso.code vso.project").curl, `curl -u anything:${T} http://127.0.0.1:8787/fabrikam/_apis/projects`);
  assert.equal(of("fabrikam", "vso.build_execute").curl, `curl -u anything:${T} http://127.0.0.1:8787/fabrikam/_apis/build/builds`);
  assert.equal(of("fabrikam", "vso.build_execute").git, null, "no clone without a code scope");
});

test("full access reaches everything; a scope no example route needs gets the location service", () => {
  assert.deepEqual(of("fabrikam", "app_token"), {
    git: `git -c http.extraHeader="${H}" clone http://127.0.0.1:8787/fabrikam/demo/_git/demo`,
    curl: `curl -u anything:${T} http://127.0.0.1:8787/fabrikam/_apis/projects`,
  });
  assert.deepEqual(of("contoso", "vso.work"), { git: null, curl: `curl -u anything:${T} -X OPTIONS http://127.0.0.1:8787/contoso/_apis` });
});

test("an organization without a repository: no clone; all organizations: the first of the user's with one", () => {
  assert.equal(of("contoso", "vso.code").git, null);
  assert.equal(of("contoso", "vso.code").curl, `curl -u anything:${T} http://127.0.0.1:8787/contoso/_apis/git/repositories`);
  assert.deepEqual(of(null, "vso.code"), {
    git: `git -c http.extraHeader="${H}" clone http://127.0.0.1:8787/fabrikam/demo/_git/demo`,
    curl: `curl -u anything:${T} http://127.0.0.1:8787/fabrikam/_apis/git/repositories`,
  });
  assert.equal(usageExamples({ organization: null, scope: "vso.code" }, T, { ...where, repositories: [] }).curl, `curl -u anything:${T} http://127.0.0.1:8787/contoso/_apis/git/repositories`);
});

test("names are percent-encoded in the paths", () => {
  assert.equal(of("north wind", "vso.code").git, `git -c http.extraHeader="${H}" clone http://127.0.0.1:8787/north%20wind/web%20site/_git/app%2Fui`);
  assert.equal(of("north wind", "vso.project").curl, `curl -u anything:${T} http://127.0.0.1:8787/north%20wind/_apis/projects`);
});
