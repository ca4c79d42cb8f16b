// api-version on every kind of route, as Azure DevOps reads it: the resources take the versions
// of their location (Microsoft's: projects 1.0-7.2 and git repositories 1.0-7.2, builds
// 2.0-7.2, each released in 7.1, so 7.2 needs -preview), the discovery routes any version up to
// 7.2, and a malformed one is a 400 everywhere. Expected answers by hand from those ranges.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { basic, freshWorker, signedIn } from "./harness.mjs";

let worker;
let token;

before(async () => {
  worker = await freshWorker("api-versions");
  const [alice] = await signedIn(worker, "alice");
  token = (await alice.createToken({ scope: "vso.project vso.build vso.code", organization: "fabrikam" })).token;
});
after(async () => worker?.stop());

async function ask(method, path, version, how = "query") {
  const url = how === "query" && version !== null ? `${worker.base}${path}${path.includes("?") ? "&" : "?"}api-version=${encodeURIComponent(version)}` : worker.base + path;
  const headers = { authorization: basic(token) };
  if (how === "accept") headers.accept = `application/json;api-version=${version}`;
  const r = await fetch(url, { method, headers });
  const body = await r.json().catch(() => null);
  return `${r.status}${r.status === 400 ? ` ${body?.typeKey}` : ""}`;
}

const OK = "200";
const RANGE = "400 VssVersionOutOfRangeException";
const PREVIEW = "400 VssInvalidPreviewVersionException";
const BAD = "400 VssInvalidApiVersionException";

test("the resources take their location's versions: in range, released or marked preview", async () => {
  const table = {
    "/fabrikam/_apis/projects": { "0.9": RANGE, "1.0": OK, "7.1": OK, "7.2": PREVIEW, "7.2-preview.1": OK, "7.3-preview.1": RANGE, banana: BAD, "7.1-preview": OK },
    "/fabrikam/_apis/build/builds": { "1.0": RANGE, "2.0": OK, "7.1": OK, "7.2": PREVIEW, "7.2-preview.7": OK, "8.0": RANGE },
    "/fabrikam/_apis/git/repositories": { "0.5": RANGE, "1.0": OK, "7.1": OK, "7.2": PREVIEW, "7.10": RANGE },
  };
  for (const [path, versions] of Object.entries(table)) {
    for (const [version, expected] of Object.entries(versions)) {
      assert.equal(await ask("GET", path, version), expected, `${path} api-version=${version}`);
      assert.equal(await ask("GET", path, version, "accept"), expected, `${path} Accept: api-version=${version}`);
    }
    assert.equal(await ask("GET", path, null), OK, `${path} without api-version`);
  }
});

test("the discovery routes take any version up to 7.2, and refuse a malformed one", async () => {
  for (const [method, path] of [["OPTIONS", "/fabrikam/_apis"], ["OPTIONS", "/fabrikam/_apis/core"], ["GET", "/fabrikam/_apis/ResourceAreas"]]) {
    for (const [version, expected] of Object.entries({ "1.0": OK, "5.0-preview.1": OK, "7.2": OK, "7.3": RANGE, "x": BAD })) {
      assert.equal(await ask(method, path, version), expected, `${method} ${path} api-version=${version}`);
    }
  }
});
