// patgate for hono: a middleware that decides each request with a patgate Gate around your own
// store lookup. Copy it into your project (it is small on purpose) or import it from here.
//
//   import { Hono } from "hono";
//   import { patgate } from "./patgate-hono.mjs";
//   const app = new Hono();
//   app.use("/api/*", patgate({
//     pepper: (c) => c.env.PATGATE_PEPPER,            // base64url text or bytes, from a secret
//     lookup: (digest, c) => findToken(c.env.DB, digest), // your store: the record, or null
//     organization: "fabrikam",                      // or (c) => c.req.param("org")
//     requiredScope: "vso.code",                     // or (c) => …, or null for any valid token
//   }));
//   app.get("/api/repos", (c) => c.json({ owner: c.get("patgate").owner }));
//
// A refused request is answered here, with the verdict's status (400, 401, 403 or 431), its
// WWW-Authenticate challenges and `{ error, message }`; an allowed one goes on, with the grant
// (`{ id, owner, organization, scope }`) in `c.get("patgate")`. The store sees digests only.
import { Gate } from "patgate";

const OPTIONS = ["gate", "pepper", "realm", "lookup", "organization", "requiredScope", "now"];

/** The middleware; `now` (ms since the epoch) is injectable for tests. */
export function patgate(options) {
  const unknown = Object.keys(options ?? {}).filter((k) => !OPTIONS.includes(k));
  if (unknown.length) throw Object.assign(new TypeError(`patgate(): unknown option ${unknown[0]}`), { code: "ERR_PATGATE_OPTION" });
  const { lookup, organization, requiredScope = null, now = Date.now, realm } = options;
  if (typeof lookup !== "function") throw Object.assign(new TypeError("patgate(): lookup(digest, c) is required"), { code: "ERR_PATGATE_OPTION" });
  const at = (value, c) => (typeof value === "function" ? value(c) : value);
  let gate = options.gate ?? null;
  return async (c, next) => {
    // Built on first use: a worker's secrets are known only once a request brings `c.env`.
    gate ??= new Gate({ ...(realm ? { realm } : {}), ...(options.pepper ? { pepper: at(options.pepper, c) } : {}) });
    const presented = gate.authenticate(c.req.header("authorization") ?? null);
    const verdict = presented.ok
      ? gate.decide(presented.digest, await lookup(presented.digest, c), { now: now(), organization: at(organization, c), requiredScope: at(requiredScope, c) })
      : presented;
    if (!verdict.ok) {
      c.header("Cache-Control", "no-store");
      for (const challenge of verdict.wwwAuthenticate) c.header("WWW-Authenticate", challenge, { append: true });
      return c.json({ error: verdict.error, message: verdict.message }, verdict.status);
    }
    c.set("patgate", verdict.grant);
    await next();
  };
}
