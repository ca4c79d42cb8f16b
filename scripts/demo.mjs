// generate → Authorization header → gate verdict, with the wasm module in Node.
// Prints hints and verdicts, never a token.
import { generateToken, formatBasic, Gate } from "../pkg/node.mjs";


const now = Date.now();
const created = generateToken("pat");
console.log(`generated a token ending …${created.hint}; the server would store only ${created.digest.slice(0, 8)}…`);
const record = {
  id: "demo-1", owner: "alice", organizations: ["fabrikam"], scopes: "vso.code_write",
  validFrom: now, validTo: now + 30 * 86_400_000, revokedAt: null, digest: created.digest,
};
const gate = new Gate({ realm: "patgate demo" });
const store = new Map([[record.digest, record]]);

function request(label, header, organization, requiredScope) {
  const presented = gate.authenticate(header);
  const verdict = presented.ok
    ? gate.decide(presented.digest, store.get(presented.digest) ?? null, { now: Date.now(), organization, requiredScope })
    : presented;
  const outcome = verdict.ok ? `allowed as ${verdict.grant.owner} (${verdict.grant.scopes})` : `${verdict.status} ${verdict.error ?? ""}`;
  console.log(`${label.padEnd(44)} → ${outcome.trim()}  [${verdict.reason}]`);
}

request("git clone (Basic anything:<PAT>), vso.code", formatBasic(created.token, "anything"), "fabrikam", "vso.code");
request("same token, build API needs vso.build", formatBasic(created.token), "fabrikam", "vso.build");
request("same token, organization contoso", formatBasic(created.token), "contoso", "vso.code");
request("no Authorization header", undefined, "fabrikam", "vso.code");
request("mistyped token (checksum fails)", formatBasic(created.token.slice(0, -1) + "x"), "fabrikam", "vso.code");
request("unknown scheme", "Digest username=alice", "fabrikam", "vso.code");
record.revokedAt = Date.now() - 1;
request("after revocation", formatBasic(created.token), "fabrikam", "vso.code");
