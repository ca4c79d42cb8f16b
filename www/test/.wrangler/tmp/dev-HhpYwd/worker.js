var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });

// ../src/http.js
var SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()"
};
var HttpError = class extends Error {
  static {
    __name(this, "HttpError");
  }
  constructor(status, code, message, { field, headers, body } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = headers;
    this.body = body;
  }
};
function json(body, status = 200, headers = {}) {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers }
  });
}
__name(json, "json");
function errorResponse(e) {
  const body = e.body ?? { error: e.code, message: e.message, ...e.field ? { field: e.field } : {} };
  return json(body, e.status, e.headers);
}
__name(errorResponse, "errorResponse");
function secured(response) {
  const r = new Response(response.body, response);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) r.headers.set(k, v);
  return r;
}
__name(secured, "secured");
var MAX_BODY_BYTES = 16 * 1024;
async function readJson(request, allowed) {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new HttpError(415, "unsupported_media_type", "the body must be application/json");
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, "payload_too_large", "the body is larger than 16 KiB");
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > MAX_BODY_BYTES) throw new HttpError(413, "payload_too_large", "the body is larger than 16 KiB");
  let body;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, "invalid_json", "the body is not valid UTF-8 JSON");
  }
  if (allowed === null) return body;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpError(400, "invalid_json", "the body must be a JSON object");
  }
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw new HttpError(400, "unknown_field", `unknown field "${key.slice(0, 40)}"`, { field: key.slice(0, 40) });
  }
  return body;
}
__name(readJson, "readJson");
function displayName(value, field = "displayName") {
  if (typeof value !== "string" || value.trim() === "") throw new HttpError(400, "invalid_field", `${field} is required`, { field });
  const name = value.normalize("NFC");
  if ([...name].length > 128) throw new HttpError(400, "invalid_field", `${field} must be at most 128 characters`, { field });
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(name)) {
    throw new HttpError(400, "invalid_field", `${field} must not contain control characters`, { field });
  }
  return name;
}
__name(displayName, "displayName");
var iso = /* @__PURE__ */ __name((ms) => ms == null ? null : new Date(ms).toISOString(), "iso");
function parseTime(value, field) {
  const ok = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const ms = ok ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new HttpError(400, "invalid_field", `${field} must be an ISO 8601 date-time with a time zone`, { field });
  return ms;
}
__name(parseTime, "parseTime");
function base64url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
__name(base64url, "base64url");
function fromBase64url(text) {
  const s = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
__name(fromBase64url, "fromBase64url");
function randomId(bytes = 16) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}
__name(randomId, "randomId");
async function sha256(text) {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}
__name(sha256, "sha256");

// ../src/accounts.js
var ITERATIONS = 1e5;
var SESSION_MS = 8 * 36e5;
var COOKIE = "patgate_session";
var SIGNIN_LIMIT = { failures: 5, windowMs: 15 * 6e4 };
async function pbkdf2(password, salt, iterations) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256));
}
__name(pbkdf2, "pbkdf2");
async function hashPassword(password) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { hash: base64url(await pbkdf2(password, salt, ITERATIONS)), salt: base64url(salt), iterations: ITERATIONS };
}
__name(hashPassword, "hashPassword");
function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  return crypto.subtle.timingSafeEqual ? crypto.subtle.timingSafeEqual(a, b) : a.every((x, i) => x === b[i]);
}
__name(equalBytes, "equalBytes");
var DUMMY = { password_salt: "AAAAAAAAAAAAAAAAAAAAAA", password_hash: "", password_iterations: ITERATIONS };
async function checkPassword(user, password) {
  const row = user ?? DUMMY;
  const derived = await pbkdf2(password, fromBase64url(row.password_salt), row.password_iterations);
  return user !== null && equalBytes(derived, fromBase64url(row.password_hash));
}
__name(checkPassword, "checkPassword");
function cookieValue(request) {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [k, v] = part.trim().split("=");
    if (k === COOKIE && v) return v;
  }
  return null;
}
__name(cookieValue, "cookieValue");
async function currentSession(request, env, now) {
  const value = cookieValue(request);
  if (!value || value.length > 64) return null;
  const row = await env.DB.prepare(
    `SELECT s.id_digest, s.csrf, u.id, u.display_name, u.email, u.is_admin,
            (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = u.id) AS orgs
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_digest = ?1 AND s.expires_at > ?2`
  ).bind(await sha256(value), now).first();
  if (!row) return null;
  return {
    sessionDigest: row.id_digest,
    csrf: row.csrf,
    user: { id: row.id, displayName: row.display_name, email: row.email, isAdmin: row.is_admin === 1, organizations: row.orgs ? row.orgs.split(" ").sort() : [] }
  };
}
__name(currentSession, "currentSession");
function requireSession(session) {
  if (!session) throw new HttpError(401, "not_signed_in", "sign in first");
  return session;
}
__name(requireSession, "requireSession");
function requireAdmin(session) {
  requireSession(session);
  if (!session.user.isAdmin) throw new HttpError(403, "forbidden", "administrators only");
  return session;
}
__name(requireAdmin, "requireAdmin");
function checkCsrf(request, session) {
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if (origin && origin !== new URL(request.url).origin || site && site !== "same-origin" && site !== "none") {
    throw new HttpError(403, "csrf", "cross-site requests are refused");
  }
  if (session && request.headers.get("x-csrf-token") !== session.csrf) {
    throw new HttpError(403, "csrf", "missing or wrong X-CSRF-Token header");
  }
}
__name(checkCsrf, "checkCsrf");
async function startSession(env, request, userId, now) {
  const value = randomId(32);
  const csrf = randomId(24);
  await env.DB.prepare("INSERT INTO sessions (id_digest, user_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)").bind(await sha256(value), userId, csrf, now, now + SESSION_MS).run();
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return { csrf, cookie: `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MS / 1e3}${secure}` };
}
__name(startSession, "startSession");
function endSessionCookie(request) {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}`;
}
__name(endSessionCookie, "endSessionCookie");
async function checkSigninLimit(env, userName, now) {
  const row = await env.DB.prepare("SELECT failures, window_start FROM signin_failures WHERE user_name = ?1").bind(userName).first();
  if (row && row.window_start > now - SIGNIN_LIMIT.windowMs && row.failures >= SIGNIN_LIMIT.failures) {
    const retry = Math.ceil((row.window_start + SIGNIN_LIMIT.windowMs - now) / 1e3);
    throw new HttpError(429, "too_many_attempts", "too many failed sign-ins; try again later", { headers: { "Retry-After": String(retry) } });
  }
}
__name(checkSigninLimit, "checkSigninLimit");
function recordSigninFailure(env, userName, now) {
  return env.DB.prepare(
    `INSERT INTO signin_failures (user_name, failures, window_start) VALUES (?1, 1, ?2)
     ON CONFLICT (user_name) DO UPDATE SET
       failures = CASE WHEN window_start > ?2 - ?3 THEN failures + 1 ELSE 1 END,
       window_start = CASE WHEN window_start > ?2 - ?3 THEN window_start ELSE ?2 END`
  ).bind(userName, now, SIGNIN_LIMIT.windowMs).run();
}
__name(recordSigninFailure, "recordSigninFailure");
async function seedDemo(env, now) {
  const password = env.PATGATE_DEMO_PASSWORD;
  if (!password) throw new Error("the store is empty and PATGATE_DEMO_PASSWORD is not set");
  const users = [
    ["admin", "Administrator", 1, ["fabrikam", "contoso"]],
    ["alice", "Alice Smith", 0, ["fabrikam", "contoso"]],
    ["bob", "Bob Jones", 0, ["contoso"]]
  ];
  const statements = [
    env.DB.prepare("INSERT OR IGNORE INTO organizations (name) VALUES ('fabrikam'), ('contoso')"),
    env.DB.prepare("INSERT OR IGNORE INTO projects (organization, name, id, description) VALUES ('fabrikam', 'demo', ?1, 'The demo project')").bind(crypto.randomUUID()),
    env.DB.prepare("INSERT OR IGNORE INTO repositories (organization, project, name) VALUES ('fabrikam', 'demo', 'demo')")
  ];
  for (const [id, name, admin, orgs] of users) {
    const h = await hashPassword(password);
    statements.push(
      env.DB.prepare(
        "INSERT OR IGNORE INTO users (id, display_name, email, is_admin, password_hash, password_salt, password_iterations, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
      ).bind(id, name, `${id}@example.com`, admin, h.hash, h.salt, h.iterations, now),
      ...orgs.map((org) => env.DB.prepare("INSERT OR IGNORE INTO memberships (user_id, organization) VALUES (?1, ?2)").bind(id, org))
    );
  }
  statements.push(env.DB.prepare(`INSERT INTO audit (at, actor, action, detail) VALUES (?1, NULL, 'seed', '{"users":3}')`).bind(now));
  await env.DB.batch(statements);
}
__name(seedDemo, "seedDemo");

// ../../pkg/workerd.js
import module from "./710438467518e13b79201f95a1d4b83f72756112-patgate_bg.wasm";

// ../../pkg/patgate.js
var Gate = class {
  static {
    __name(this, "Gate");
  }
  __destroy_into_raw() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    GateFinalization.unregister(this);
    return ptr;
  }
  free() {
    const ptr = this.__destroy_into_raw();
    wasm.__wbg_gate_free(ptr, 0);
  }
  /**
   * Parses and checks an `Authorization` value. Returns the digest to look up
   * (`{ ok: true, digest, … }`) or the verdict for a request refused before any lookup.
   * @param {string | null} [authorization]
   * @returns {Presented | Refusal}
   */
  authenticate(authorization) {
    var ptr0 = isLikeNone(authorization) ? 0 : passStringToWasm0(authorization, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    var len0 = WASM_VECTOR_LEN;
    const ret = wasm.gate_authenticate(this.__wbg_ptr, ptr0, len0);
    return ret;
  }
  /**
   * Decides the request from the record found under the digest (`null` if none).
   * Throws only when `record` or `request` is not shaped as the types say.
   * @param {string} digest
   * @param {TokenRecord | null | undefined} record
   * @param {GateRequest} request
   * @returns {Verdict}
   */
  decide(digest, record, request) {
    const ptr0 = passStringToWasm0(digest, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.gate_decide(this.__wbg_ptr, ptr0, len0, isLikeNone(record) ? 0 : addToExternrefTable0(record), request);
    if (ret[2]) {
      throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
  }
  /**
   * A gate for `options.prefix` (default `pat`), `realm` (default `patgate`),
   * `maxHeaderBytes` (default 8192) and an optional `pepper` of at least 16 bytes.
   * @param {GateOptions | null} [options]
   */
  constructor(options) {
    const ret = wasm.gate_new(isLikeNone(options) ? 0 : addToExternrefTable0(options));
    if (ret[2]) {
      throw takeFromExternrefTable0(ret[1]);
    }
    this.__wbg_ptr = ret[0];
    GateFinalization.register(this, this.__wbg_ptr, this);
    return this;
  }
};
if (Symbol.dispose) Gate.prototype[Symbol.dispose] = Gate.prototype.free;
function checkValidTo(now, validTo, maxDays) {
  const ret = wasm.checkValidTo(now, validTo, isLikeNone(maxDays) ? Number.MAX_SAFE_INTEGER : maxDays >>> 0);
  if (ret[2]) {
    throw takeFromExternrefTable0(ret[1]);
  }
  return takeFromExternrefTable0(ret[0]);
}
__name(checkValidTo, "checkValidTo");
function pepperDigest(digest, pepper) {
  let deferred4_0;
  let deferred4_1;
  try {
    let ptr0, len0, ptr1, len1;
    try {
      ptr0 = passStringToWasm0(digest, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len0 = WASM_VECTOR_LEN;
      ptr1 = passArray8ToWasm0(pepper, wasm.__wbindgen_malloc);
      len1 = WASM_VECTOR_LEN;
    } catch (e) {
      if (ptr1) {
        wasm.__wbindgen_free(ptr1, len1 * 1, 1);
      }
      if (ptr0) {
        wasm.__wbindgen_free(ptr0, len0 * 1, 1);
      }
      throw e;
    }
    const ret = wasm.pepperDigest(ptr0, len0, ptr1, len1);
    var ptr3 = ret[0];
    var len3 = ret[1];
    if (ret[3]) {
      ptr3 = 0;
      len3 = 0;
      throw takeFromExternrefTable0(ret[2]);
    }
    deferred4_0 = ptr3;
    deferred4_1 = len3;
    return getStringFromWasm0(ptr3, len3);
  } finally {
    wasm.__wbindgen_free(deferred4_0, deferred4_1, 1);
  }
}
__name(pepperDigest, "pepperDigest");
function validateScopes(list) {
  const ptr0 = passStringToWasm0(list, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
  const len0 = WASM_VECTOR_LEN;
  const ret = wasm.validateScopes(ptr0, len0);
  return ret;
}
__name(validateScopes, "validateScopes");
function __wbg_get_imports() {
  const import0 = {
    __proto__: null,
    __wbg_Error_208446807d0d1e30: /* @__PURE__ */ __name(function(arg0, arg1) {
      const ret = Error(getStringFromWasm0(arg0, arg1));
      return ret;
    }, "__wbg_Error_208446807d0d1e30"),
    __wbg___wbindgen_is_null_c22311b1cc228e3a: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0 === null;
      return ret;
    }, "__wbg___wbindgen_is_null_c22311b1cc228e3a"),
    __wbg___wbindgen_is_undefined_be5b34249ff1fc15: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0 === void 0;
      return ret;
    }, "__wbg___wbindgen_is_undefined_be5b34249ff1fc15"),
    __wbg___wbindgen_number_get_934b640d0889af78: /* @__PURE__ */ __name(function(arg0, arg1) {
      const obj = arg1;
      const ret = typeof obj === "number" ? obj : void 0;
      getDataViewMemory0().setFloat64((arg0 >>> 0) + 8 * 1, isLikeNone(ret) ? 0 : ret, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, !isLikeNone(ret), true);
    }, "__wbg___wbindgen_number_get_934b640d0889af78"),
    __wbg___wbindgen_string_get_7ce8eee7fd327545: /* @__PURE__ */ __name(function(arg0, arg1) {
      const obj = arg1;
      const ret = typeof obj === "string" ? obj : void 0;
      var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len1 = WASM_VECTOR_LEN;
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
    }, "__wbg___wbindgen_string_get_7ce8eee7fd327545"),
    __wbg___wbindgen_throw_4c88d8bf264fd984: /* @__PURE__ */ __name(function(arg0, arg1) {
      throw new Error(getStringFromWasm0(arg0, arg1));
    }, "__wbg___wbindgen_throw_4c88d8bf264fd984"),
    __wbg_digest_a80466e9041a2cdb: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.digest;
      return ret;
    }, "__wbg_digest_a80466e9041a2cdb"),
    __wbg_getRandomValues_8b6f1f663e6f188d: /* @__PURE__ */ __name(function() {
      return handleError(function(arg0, arg1) {
        globalThis.crypto.getRandomValues(getArrayU8FromWasm0(arg0, arg1));
      }, arguments);
    }, "__wbg_getRandomValues_8b6f1f663e6f188d"),
    __wbg_get_unchecked_e6325ad374eff861: /* @__PURE__ */ __name(function(arg0, arg1) {
      const ret = arg0[arg1 >>> 0];
      return ret;
    }, "__wbg_get_unchecked_e6325ad374eff861"),
    __wbg_id_2999d7a18d90edf4: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.id;
      return ret;
    }, "__wbg_id_2999d7a18d90edf4"),
    __wbg_isArray_bcf1376d0d732d08: /* @__PURE__ */ __name(function(arg0) {
      const ret = Array.isArray(arg0);
      return ret;
    }, "__wbg_isArray_bcf1376d0d732d08"),
    __wbg_length_b03a0fabb109b1e9: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.length;
      return ret;
    }, "__wbg_length_b03a0fabb109b1e9"),
    __wbg_maxHeaderBytes_de9a9c84ffd459c3: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.maxHeaderBytes;
      return isLikeNone(ret) ? Number.MAX_SAFE_INTEGER : ret >>> 0;
    }, "__wbg_maxHeaderBytes_de9a9c84ffd459c3"),
    __wbg_new_37eb45aaf5eeb820: /* @__PURE__ */ __name(function() {
      const ret = new Array();
      return ret;
    }, "__wbg_new_37eb45aaf5eeb820"),
    __wbg_new_cd4348290afae586: /* @__PURE__ */ __name(function() {
      const ret = new Object();
      return ret;
    }, "__wbg_new_cd4348290afae586"),
    __wbg_now_2b80ea68efcd34cc: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.now;
      return ret;
    }, "__wbg_now_2b80ea68efcd34cc"),
    __wbg_organization_1b148ba6df4b720d: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.organization;
      return ret;
    }, "__wbg_organization_1b148ba6df4b720d"),
    __wbg_organizations_4774ab0bcc2b1554: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.organizations;
      return ret;
    }, "__wbg_organizations_4774ab0bcc2b1554"),
    __wbg_owner_fdc13886eafeff1f: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.owner;
      return ret;
    }, "__wbg_owner_fdc13886eafeff1f"),
    __wbg_pepper_44425adeeb6337bd: /* @__PURE__ */ __name(function(arg0, arg1) {
      const ret = arg1.pepper;
      var ptr1 = isLikeNone(ret) ? 0 : passArray8ToWasm0(ret, wasm.__wbindgen_malloc);
      var len1 = WASM_VECTOR_LEN;
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
    }, "__wbg_pepper_44425adeeb6337bd"),
    __wbg_prefix_86b0484cbe34b52b: /* @__PURE__ */ __name(function(arg0, arg1) {
      const ret = arg1.prefix;
      var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len1 = WASM_VECTOR_LEN;
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
    }, "__wbg_prefix_86b0484cbe34b52b"),
    __wbg_push_c9f4893fc209f768: /* @__PURE__ */ __name(function(arg0, arg1) {
      const ret = arg0.push(arg1);
      return ret;
    }, "__wbg_push_c9f4893fc209f768"),
    __wbg_realm_8ea65e381fa45976: /* @__PURE__ */ __name(function(arg0, arg1) {
      const ret = arg1.realm;
      var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len1 = WASM_VECTOR_LEN;
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
    }, "__wbg_realm_8ea65e381fa45976"),
    __wbg_requiredScope_f66a00e3988716c6: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.requiredScope;
      return ret;
    }, "__wbg_requiredScope_f66a00e3988716c6"),
    __wbg_revokedAt_ca0e21a2bda842c1: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.revokedAt;
      return ret;
    }, "__wbg_revokedAt_ca0e21a2bda842c1"),
    __wbg_scopes_62bf32584ac42986: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.scopes;
      return ret;
    }, "__wbg_scopes_62bf32584ac42986"),
    __wbg_set_2793479888329cb6: /* @__PURE__ */ __name(function() {
      return handleError(function(arg0, arg1, arg2) {
        const ret = Reflect.set(arg0, arg1, arg2);
        return ret;
      }, arguments);
    }, "__wbg_set_2793479888329cb6"),
    __wbg_validFrom_07a8f50d3cdd8782: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.validFrom;
      return ret;
    }, "__wbg_validFrom_07a8f50d3cdd8782"),
    __wbg_validTo_c49044ccaae5d406: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0.validTo;
      return ret;
    }, "__wbg_validTo_c49044ccaae5d406"),
    __wbindgen_generic_0000000000000001: /* @__PURE__ */ __name(function(arg0) {
      const ret = arg0;
      return ret;
    }, "__wbindgen_generic_0000000000000001"),
    __wbindgen_generic_0000000000000002: /* @__PURE__ */ __name(function(arg0, arg1) {
      const ret = getStringFromWasm0(arg0, arg1);
      return ret;
    }, "__wbindgen_generic_0000000000000002"),
    __wbindgen_init_externref_table: /* @__PURE__ */ __name(function() {
      const table = wasm.__wbindgen_externrefs;
      table.set(0, void 0);
      table.set(1024, void 0);
      table.set(1025, null);
      table.set(1026, true);
      table.set(1027, false);
    }, "__wbindgen_init_externref_table")
  };
  return {
    __proto__: null,
    "./patgate_bg.js": import0
  };
}
__name(__wbg_get_imports, "__wbg_get_imports");
var GateFinalization = typeof FinalizationRegistry === "undefined" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry((ptr) => wasm.__wbg_gate_free(ptr, 1));
function addToExternrefTable0(obj) {
  const idx = wasm.__externref_table_alloc();
  wasm.__wbindgen_externrefs.set(idx, obj);
  return idx;
}
__name(addToExternrefTable0, "addToExternrefTable0");
function getArrayU8FromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}
__name(getArrayU8FromWasm0, "getArrayU8FromWasm0");
var cachedDataViewMemory0 = null;
function getDataViewMemory0() {
  if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || cachedDataViewMemory0.buffer.detached === void 0 && cachedDataViewMemory0.buffer !== wasm.memory.buffer) {
    cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
  }
  return cachedDataViewMemory0;
}
__name(getDataViewMemory0, "getDataViewMemory0");
function getStringFromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}
__name(getStringFromWasm0, "getStringFromWasm0");
var cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
  if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
    cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
  }
  return cachedUint8ArrayMemory0;
}
__name(getUint8ArrayMemory0, "getUint8ArrayMemory0");
function handleError(f, args) {
  try {
    return f.apply(this, args);
  } catch (e) {
    const idx = addToExternrefTable0(e);
    wasm.__wbindgen_exn_store(idx);
  }
}
__name(handleError, "handleError");
function isLikeNone(x) {
  return x === void 0 || x === null;
}
__name(isLikeNone, "isLikeNone");
function passArray8ToWasm0(arg, malloc) {
  const ptr = malloc(arg.length * 1, 1) >>> 0;
  getUint8ArrayMemory0().set(arg, ptr / 1);
  WASM_VECTOR_LEN = arg.length;
  return ptr;
}
__name(passArray8ToWasm0, "passArray8ToWasm0");
function passStringToWasm0(arg, malloc, realloc) {
  if (realloc === void 0) {
    const buf = cachedTextEncoder.encode(arg);
    const ptr2 = malloc(buf.length, 1) >>> 0;
    getUint8ArrayMemory0().subarray(ptr2, ptr2 + buf.length).set(buf);
    WASM_VECTOR_LEN = buf.length;
    return ptr2;
  }
  let len = arg.length;
  let ptr = malloc(len, 1) >>> 0;
  const mem = getUint8ArrayMemory0();
  let offset = 0;
  for (; offset < len; offset++) {
    const code = arg.charCodeAt(offset);
    if (code > 127) break;
    mem[ptr + offset] = code;
  }
  if (offset !== len) {
    if (offset !== 0) {
      arg = arg.slice(offset);
    }
    ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
    const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
    const ret = cachedTextEncoder.encodeInto(arg, view);
    offset += ret.written;
    ptr = realloc(ptr, len, offset, 1) >>> 0;
  }
  WASM_VECTOR_LEN = offset;
  return ptr;
}
__name(passStringToWasm0, "passStringToWasm0");
function takeFromExternrefTable0(idx) {
  const value = wasm.__wbindgen_externrefs.get(idx);
  wasm.__externref_table_dealloc(idx);
  return value;
}
__name(takeFromExternrefTable0, "takeFromExternrefTable0");
var cachedTextDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
cachedTextDecoder.decode();
var MAX_SAFARI_DECODE_BYTES = 2146435072;
var numBytesDecoded = 0;
function decodeText(bytes) {
  numBytesDecoded += bytes.length;
  if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {
    cachedTextDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
    cachedTextDecoder.decode();
    numBytesDecoded = bytes.length;
  }
  return cachedTextDecoder.decode(bytes);
}
__name(decodeText, "decodeText");
var cachedTextEncoder = new TextEncoder();
if (!("encodeInto" in cachedTextEncoder)) {
  cachedTextEncoder.encodeInto = function(arg, view) {
    const buf = cachedTextEncoder.encode(arg);
    view.set(buf);
    return {
      read: arg.length,
      written: buf.length
    };
  };
}
var WASM_VECTOR_LEN = 0;
var wasmModule;
var wasmInstance;
var wasm;
function __wbg_finalize_init(instance, module2) {
  wasmInstance = instance;
  wasm = instance.exports;
  wasmModule = module2;
  cachedDataViewMemory0 = null;
  cachedUint8ArrayMemory0 = null;
  wasm.__wbindgen_start();
  return wasm;
}
__name(__wbg_finalize_init, "__wbg_finalize_init");
function initSync(module2) {
  if (wasm !== void 0) return wasm;
  if (module2 !== void 0) {
    if (Object.getPrototypeOf(module2) === Object.prototype) {
      ({ module: module2 } = module2);
    } else {
      console.warn("using deprecated parameters for `initSync()`; pass a single object instead");
    }
  }
  const imports = __wbg_get_imports();
  if (!(module2 instanceof WebAssembly.Module)) {
    module2 = new WebAssembly.Module(module2);
  }
  const instance = new WebAssembly.Instance(module2, imports);
  return __wbg_finalize_init(instance, module2);
}
__name(initSync, "initSync");

// ../../pkg/workerd.js
initSync({ module });

// ../src/notify.js
var EXPIRY_NOTICE_MS = 7 * 864e5;
function noticeStatement(env, { userId, tokenId, kind, cycle, message, now }) {
  return env.DB.prepare(
    "INSERT OR IGNORE INTO notifications (user_id, token_id, kind, cycle, message, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
  ).bind(userId, tokenId, kind, cycle, message, now);
}
__name(noticeStatement, "noticeStatement");
var createdMessage = /* @__PURE__ */ __name((name, validTo) => `Personal access token "${name}" was created; it expires ${iso(validTo).slice(0, 10)}.`, "createdMessage");
var expiringMessage = /* @__PURE__ */ __name((name, validTo) => `Personal access token "${name}" expires ${iso(validTo).slice(0, 10)}.`, "expiringMessage");
async function deliver(env) {
  const url = env.PATGATE_WEBHOOK_URL;
  if (!url) return 0;
  const { results } = await env.DB.prepare(
    "SELECT id, user_id, token_id, kind, message, created_at FROM notifications WHERE delivered_at IS NULL ORDER BY id LIMIT 50"
  ).all();
  let sent = 0;
  for (const n of results) {
    const body = { id: n.id, kind: n.kind, user: n.user_id, authorizationId: n.token_id, message: n.message, createdAt: iso(n.created_at) };
    try {
      const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      if (!r.ok) continue;
      await env.DB.prepare("UPDATE notifications SET delivered_at = ?1 WHERE id = ?2 AND delivered_at IS NULL").bind(Date.now(), n.id).run();
      sent++;
    } catch {
    }
  }
  return sent;
}
__name(deliver, "deliver");
async function scanExpiring(env, now) {
  const { results } = await env.DB.prepare(
    `SELECT id, owner, display_name, valid_to FROM tokens
      WHERE revoked_at IS NULL AND valid_to > ?1 AND valid_to <= ?1 + ?2`
  ).bind(now, EXPIRY_NOTICE_MS).all();
  if (results.length === 0) return 0;
  const outcomes = await env.DB.batch(
    results.map(
      (t) => noticeStatement(env, { userId: t.owner, tokenId: t.id, kind: "expiring", cycle: t.valid_to, message: expiringMessage(t.display_name, t.valid_to), now })
    )
  );
  return outcomes.reduce((n, r) => n + r.meta.changes, 0);
}
__name(scanExpiring, "scanExpiring");

// ../src/tokens.js
var DIGEST = /^[A-Za-z0-9_-]{43}$/;
var HINT = /^[0-9A-Za-z]{4}$/;
var PAGE_MAX = 100;
var GRACE_MAX_MINUTES = 24 * 60;
function patError(status, patTokenError, message, field) {
  return new HttpError(status, patTokenError, message, { field, body: { patToken: null, patTokenError, message, ...field ? { field } : {} } });
}
__name(patError, "patError");
function pepperOf(env) {
  if (!env.PATGATE_PEPPER) return void 0;
  const bytes = fromBase64url(env.PATGATE_PEPPER);
  if (bytes.length < 16) throw new Error("PATGATE_PEPPER must be at least 16 bytes, base64url");
  return bytes;
}
__name(pepperOf, "pepperOf");
function storedDigest(env, digest) {
  const pepper = pepperOf(env);
  return pepper ? pepperDigest(digest, pepper) : digest;
}
__name(storedDigest, "storedDigest");
async function getPolicy(env) {
  const { results } = await env.DB.prepare("SELECT key, value FROM policies").all();
  const map = Object.fromEntries(results.map((r) => [r.key, r.value]));
  return { maxLifespanDays: Number(map.maxLifespanDays ?? 365), restrictFullAccess: map.restrictFullAccess === "true" };
}
__name(getPolicy, "getPolicy");
function statusOf(row, now) {
  if (row.revoked_at !== null && row.revoked_at <= now) return "revoked";
  if (row.valid_to <= now) return "expired";
  return "active";
}
__name(statusOf, "statusOf");
function patToken(row, now) {
  return {
    authorizationId: row.id,
    displayName: row.display_name,
    scope: row.scope,
    targetAccounts: row.organization === null ? null : [row.organization],
    allOrgs: row.organization === null,
    organization: row.organization,
    owner: row.owner,
    validFrom: iso(row.valid_from),
    validTo: iso(row.valid_to),
    createdAt: iso(row.created_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
    graceUntil: row.previous_until !== null && row.previous_until > now ? iso(row.previous_until) : null,
    hint: row.hint,
    status: statusOf(row, now),
    token: null
  };
}
__name(patToken, "patToken");
var COLUMNS = "id, owner, display_name, organization, scope, valid_from, valid_to, created_at, revoked_at, last_used_at, hint, previous_until";
function audit(env, { now, actor, action, subject, tokenId, detail = {} }) {
  return env.DB.prepare("INSERT INTO audit (at, actor, action, subject, token_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").bind(now, actor, action, subject ?? null, tokenId ?? null, JSON.stringify(detail));
}
__name(audit, "audit");
function checkScopes(scope, policy) {
  if (typeof scope !== "string") throw patError(400, "invalidScope", "scope is required (space-separated scope names)", "scope");
  const v = validateScopes(scope);
  if (!v.ok) throw patError(400, "invalidScope", v.scope ? `unknown scope "${v.scope.slice(0, 64)}"` : v.message, "scope");
  if (v.fullAccess && policy.restrictFullAccess) {
    throw patError(400, "fullScopePatPolicyViolation", "full-access tokens are restricted by policy; choose scopes", "scope");
  }
  return v.scopes;
}
__name(checkScopes, "checkScopes");
function checkLifespan(validTo, from, now, policy) {
  let to;
  try {
    to = parseTime(validTo, "validTo");
  } catch (e) {
    throw patError(400, "invalidValidTo", e.message, "validTo");
  }
  if (to <= now) throw patError(400, "invalidValidTo", "validTo must be in the future", "validTo");
  const c = checkValidTo(from, to, policy.maxLifespanDays);
  if (!c.ok) {
    throw patError(400, "patLifespanPolicyViolation", `validTo may be at most ${policy.maxLifespanDays} days after the token's start (${iso(c.latestValidTo)})`, "validTo");
  }
  return to;
}
__name(checkLifespan, "checkLifespan");
function checkOrganization(body, user) {
  if (body.allOrgs !== void 0 && typeof body.allOrgs !== "boolean") throw patError(400, "invalidTargetAccounts", "allOrgs must be true or false", "allOrgs");
  if (body.allOrgs === true) {
    if (body.organization !== void 0 && body.organization !== null) throw patError(400, "invalidTargetAccounts", "give organization or allOrgs, not both", "organization");
    return null;
  }
  const org = body.organization;
  if (typeof org !== "string" || !user.organizations.includes(org)) {
    throw patError(400, "invalidTargetAccounts", "organization must be one of your organizations (or set allOrgs)", "organization");
  }
  return org;
}
__name(checkOrganization, "checkOrganization");
function checkDigest(body) {
  if (typeof body.digest !== "string" || !DIGEST.test(body.digest)) {
    throw patError(400, "invalidToken", "digest must be the token's SHA-256 as 43 base64url characters (patgate never accepts the token itself)", "digest");
  }
  if (typeof body.hint !== "string" || !HINT.test(body.hint)) throw patError(400, "invalidToken", "hint must be the token's last 4 characters", "hint");
}
__name(checkDigest, "checkDigest");
async function digestTaken(env, stored) {
  return await env.DB.prepare("SELECT 1 FROM tokens WHERE digest = ?1 OR previous_digest = ?1").bind(stored).first() !== null;
}
__name(digestTaken, "digestTaken");
async function ownToken(env, user, id) {
  if (typeof id !== "string" || id.length > 64) throw patError(400, "invalidAuthorizationId", "authorizationId is required", "authorizationId");
  const row = await env.DB.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?1 AND owner = ?2`).bind(id, user.id).first();
  if (!row) throw patError(404, "authorizationNotFound", "no such token", "authorizationId");
  return row;
}
__name(ownToken, "ownToken");
var CREATE_FIELDS = ["displayName", "scope", "validTo", "allOrgs", "organization", "digest", "hint"];
async function createPat(env, ctx, session, body, now) {
  const user = session.user;
  if ("token" in body) throw patError(400, "invalidToken", "patgate never receives tokens: send its digest and hint", "token");
  for (const key of Object.keys(body)) if (!CREATE_FIELDS.includes(key)) throw patError(400, "invalidRequest", `unknown field "${key.slice(0, 40)}"`, key.slice(0, 40));
  let name;
  try {
    name = displayName(body.displayName);
  } catch (e) {
    const missing = typeof body.displayName !== "string" || body.displayName.trim() === "";
    throw patError(400, missing ? "displayNameRequired" : "invalidDisplayName", e.message, "displayName");
  }
  const policy = await getPolicy(env);
  const scope = checkScopes(body.scope, policy);
  const validTo = checkLifespan(body.validTo, now, now, policy);
  const organization = checkOrganization(body, user);
  checkDigest(body);
  const stored = storedDigest(env, body.digest);
  if (await digestTaken(env, stored)) throw patError(409, "duplicateHash", "a token with this digest already exists", "digest");
  const id = crypto.randomUUID();
  try {
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO tokens (id, owner, display_name, organization, scope, valid_from, valid_to, created_at, updated_at, digest, hint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?6, ?8, ?9)`
      ).bind(id, user.id, name, organization, scope, now, validTo, stored, body.hint),
      noticeStatement(env, { userId: user.id, tokenId: id, kind: "created", cycle: now, message: createdMessage(name, validTo), now }),
      audit(env, { now, actor: user.id, action: "token.create", subject: user.id, tokenId: id, detail: { displayName: name, scope, organization, validTo: iso(validTo) } })
    ]);
  } catch (e) {
    if (/UNIQUE/.test(String(e))) throw patError(409, "duplicateHash", "a token with this digest already exists", "digest");
    throw e;
  }
  const row = await env.DB.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?1`).bind(id).first();
  return { patToken: patToken(row, now), patTokenError: "none" };
}
__name(createPat, "createPat");
async function updatePat(env, session, body, now) {
  const user = session.user;
  const row = await ownToken(env, user, body.authorizationId);
  if (statusOf(row, now) === "revoked") throw patError(409, "invalidAuthorizationId", "a revoked token cannot be changed", "authorizationId");
  const policy = await getPolicy(env);
  const name = body.displayName === void 0 ? row.display_name : displayName(body.displayName);
  const scope = body.scope === void 0 ? row.scope : checkScopes(body.scope, policy);
  const validTo = body.validTo === void 0 ? row.valid_to : checkLifespan(body.validTo, row.valid_from, now, policy);
  const organization = body.allOrgs === void 0 && body.organization === void 0 ? row.organization : checkOrganization(body, user);
  await env.DB.batch([
    env.DB.prepare("UPDATE tokens SET display_name = ?1, scope = ?2, valid_to = ?3, organization = ?4, updated_at = ?5 WHERE id = ?6 AND revoked_at IS NULL").bind(name, scope, validTo, organization, now, row.id),
    audit(env, { now, actor: user.id, action: "token.update", subject: user.id, tokenId: row.id, detail: { displayName: name, scope, organization, validTo: iso(validTo) } })
  ]);
  const updated = await env.DB.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?1`).bind(row.id).first();
  return { patToken: patToken(updated, now), patTokenError: "none" };
}
__name(updatePat, "updatePat");
async function regeneratePat(env, session, id, body, now) {
  const user = session.user;
  const row = await ownToken(env, user, id);
  if (statusOf(row, now) === "revoked") throw patError(409, "invalidAuthorizationId", "a revoked token cannot be regenerated", "authorizationId");
  checkDigest(body);
  const grace = body.graceMinutes ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > GRACE_MAX_MINUTES) {
    throw patError(400, "invalidRequest", "graceMinutes must be a whole number from 0 to 1440 (24 hours)", "graceMinutes");
  }
  const policy = await getPolicy(env);
  const keep = row.valid_to - row.valid_from;
  const validTo = body.validTo === void 0 ? Math.min(now + keep, now + policy.maxLifespanDays * 864e5) : checkLifespan(body.validTo, now, now, policy);
  const stored = storedDigest(env, body.digest);
  if (await digestTaken(env, stored)) throw patError(409, "duplicateHash", "a token with this digest already exists", "digest");
  const until = grace > 0 ? now + grace * 6e4 : null;
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE tokens SET previous_digest = CASE WHEN ?1 IS NULL THEN NULL ELSE digest END, previous_until = ?1,
              digest = ?2, hint = ?3, valid_from = ?4, valid_to = ?5, updated_at = ?4, last_used_at = NULL
        WHERE id = ?6 AND revoked_at IS NULL`
    ).bind(until, stored, body.hint, now, validTo, row.id),
    noticeStatement(env, { userId: user.id, tokenId: row.id, kind: "created", cycle: now, message: createdMessage(row.display_name, validTo), now }),
    audit(env, { now, actor: user.id, action: "token.regenerate", subject: user.id, tokenId: row.id, detail: { graceMinutes: grace, validTo: iso(validTo) } })
  ]);
  const updated = await env.DB.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?1`).bind(row.id).first();
  return { patToken: patToken(updated, now), patTokenError: "none" };
}
__name(regeneratePat, "regeneratePat");
function revokeStatement(env, where, ...args) {
  return env.DB.prepare(
    `UPDATE tokens SET revoked_at = ?1, previous_until = NULL, updated_at = ?1
      WHERE (revoked_at IS NULL OR revoked_at > ?1) AND ${where}`
  ).bind(...args);
}
__name(revokeStatement, "revokeStatement");
async function revokePat(env, session, id, now) {
  const row = await ownToken(env, session.user, id);
  await env.DB.batch([
    revokeStatement(env, "id = ?2", now, row.id),
    audit(env, { now, actor: session.user.id, action: "token.revoke", subject: session.user.id, tokenId: row.id })
  ]);
}
__name(revokePat, "revokePat");
async function revokeAllMine(env, session, now) {
  const [r] = await env.DB.batch([
    revokeStatement(env, "owner = ?2", now, session.user.id),
    audit(env, { now, actor: session.user.id, action: "token.revokeAll", subject: session.user.id })
  ]);
  return r.meta.changes;
}
__name(revokeAllMine, "revokeAllMine");
var FILTERS = {
  active: "(revoked_at IS NULL OR revoked_at > ?1) AND valid_to > ?1",
  revoked: "revoked_at IS NOT NULL AND revoked_at <= ?1",
  expired: "(revoked_at IS NULL OR revoked_at > ?1) AND valid_to <= ?1",
  all: "1 = 1"
};
var SORTS = { displayName: "display_name COLLATE NOCASE", displayDate: "created_at", validTo: "valid_to" };
async function listTokens(env, url, now, { owner, organization } = {}) {
  const q = url.searchParams;
  const filter = q.get("displayFilterOption") ?? "active";
  if (!(filter in FILTERS)) throw new HttpError(400, "invalid_field", "displayFilterOption must be active, revoked, expired or all", { field: "displayFilterOption" });
  const sort = q.get("sortByOption") ?? "displayDate";
  if (!(sort in SORTS)) throw new HttpError(400, "invalid_field", "sortByOption must be displayName, displayDate or validTo", { field: "sortByOption" });
  const ascending = (q.get("isSortAscending") ?? "false") === "true";
  const top = q.has("$top") ? Number(q.get("$top")) : PAGE_MAX;
  if (!Number.isInteger(top) || top < 1 || top > PAGE_MAX) throw new HttpError(400, "invalid_field", "$top must be 1 to 100", { field: "$top" });
  let offset = 0;
  if (q.get("continuationToken")) {
    offset = Number.parseInt(q.get("continuationToken"), 36);
    if (!/^[0-9a-z]{1,6}$/.test(q.get("continuationToken")) || !Number.isInteger(offset)) {
      throw new HttpError(400, "invalid_field", "continuationToken is not one this API returned", { field: "continuationToken" });
    }
  }
  const where = [FILTERS[filter]];
  const args = [now];
  if (owner) {
    args.push(owner);
    where.push(`owner = ?${args.length}`);
  }
  if (organization) {
    args.push(organization);
    where.push(`(organization = ?${args.length} OR (organization IS NULL AND owner IN (SELECT user_id FROM memberships WHERE organization = ?${args.length})))`);
  }
  args.push(top + 1, offset);
  const { results } = await env.DB.prepare(
    `SELECT ${COLUMNS} FROM tokens WHERE ${where.join(" AND ")}
      ORDER BY ${SORTS[sort]} ${ascending ? "ASC" : "DESC"}, id LIMIT ?${args.length - 1} OFFSET ?${args.length}`
  ).bind(...args).all();
  const more = results.length > top;
  return { patTokens: results.slice(0, top).map((r) => patToken(r, now)), continuationToken: more ? (offset + top).toString(36) : null };
}
__name(listTokens, "listTokens");
async function getPat(env, session, id, now) {
  return { patToken: patToken(await ownToken(env, session.user, id), now), patTokenError: "none" };
}
__name(getPat, "getPat");
async function adminRevoke(env, session, body, now) {
  if (!Array.isArray(body) || body.length === 0 || body.length > 100) {
    throw new HttpError(400, "invalid_json", "the body must be an array of 1 to 100 { authorizationId } objects");
  }
  const ids = body.map((item, i) => {
    if (!item || typeof item.authorizationId !== "string" || Object.keys(item).length !== 1) {
      throw new HttpError(400, "invalid_field", `item ${i} must be { "authorizationId": "\u2026" }`, { field: `[${i}].authorizationId` });
    }
    return item.authorizationId;
  });
  const statements = ids.flatMap((id) => [
    revokeStatement(env, "id = ?2", now, id),
    audit(env, { now, actor: session.user.id, action: "admin.token.revoke", tokenId: id })
  ]);
  const results = await env.DB.batch(statements);
  return results.filter((_, i) => i % 2 === 0).reduce((n, r) => n + r.meta.changes, 0);
}
__name(adminRevoke, "adminRevoke");
async function adminRevokeUser(env, session, body, now) {
  const user = body.user;
  if (typeof user !== "string" || !await env.DB.prepare("SELECT 1 FROM users WHERE id = ?1").bind(user).first()) {
    throw new HttpError(400, "invalid_field", "user must be an existing user's id", { field: "user" });
  }
  const [r] = await env.DB.batch([
    revokeStatement(env, "owner = ?2", now, user),
    audit(env, { now, actor: session.user.id, action: "admin.token.revokeAll", subject: user })
  ]);
  return r.meta.changes;
}
__name(adminRevokeUser, "adminRevokeUser");
async function setPolicy(env, session, body, now) {
  const current = await getPolicy(env);
  const next = { ...current };
  if (body.maxLifespanDays !== void 0) {
    if (!Number.isInteger(body.maxLifespanDays) || body.maxLifespanDays < 1 || body.maxLifespanDays > 365) {
      throw new HttpError(400, "invalid_field", "maxLifespanDays must be a whole number from 1 to 365", { field: "maxLifespanDays" });
    }
    next.maxLifespanDays = body.maxLifespanDays;
  }
  if (body.restrictFullAccess !== void 0) {
    if (typeof body.restrictFullAccess !== "boolean") throw new HttpError(400, "invalid_field", "restrictFullAccess must be true or false", { field: "restrictFullAccess" });
    next.restrictFullAccess = body.restrictFullAccess;
  }
  await env.DB.batch([
    env.DB.prepare("UPDATE policies SET value = ?1 WHERE key = 'maxLifespanDays'").bind(String(next.maxLifespanDays)),
    env.DB.prepare("UPDATE policies SET value = ?1 WHERE key = 'restrictFullAccess'").bind(String(next.restrictFullAccess)),
    audit(env, { now, actor: session.user.id, action: "admin.policy", detail: next })
  ]);
  return next;
}
__name(setPolicy, "setPolicy");

// ../src/gate.js
var LAST_USED_EVERY_MS = 5 * 6e4;
var gate = null;
function gateFor(env) {
  gate ??= new Gate({ realm: "patgate", pepper: pepperOf(env) });
  return gate;
}
__name(gateFor, "gateFor");
async function lookUp(env, digest) {
  const row = await env.DB.prepare(
    `SELECT t.id, t.owner, t.organization, t.scope, t.valid_from, t.valid_to, t.revoked_at, t.last_used_at,
            t.digest, t.previous_digest, t.previous_until,
            (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = t.owner) AS owner_orgs
       FROM tokens t WHERE t.digest = ?1 OR t.previous_digest = ?1`
  ).bind(digest).first();
  if (!row) return null;
  const ownerOrgs = row.owner_orgs ? row.owner_orgs.split(" ") : [];
  const previous = row.digest !== digest;
  const ends = [row.revoked_at, previous ? row.previous_until ?? 0 : null].filter((t) => t !== null);
  return {
    row,
    record: {
      id: row.id,
      owner: row.owner,
      organizations: row.organization === null ? ownerOrgs : ownerOrgs.filter((o) => o === row.organization),
      scopes: row.scope,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      revokedAt: ends.length ? Math.min(...ends) : null,
      digest
    }
  };
}
__name(lookUp, "lookUp");
async function guard(request, env, ctx, organization, requiredScope) {
  const g = gateFor(env);
  const url = new URL(request.url);
  if ([...url.searchParams.keys()].some((k) => /^(access_token|token|pat|password)$/i.test(k))) {
    return { response: refusal({ status: 400, error: "invalid_request", message: "credentials are accepted only in the Authorization header", wwwAuthenticate: [] }) };
  }
  const presented = g.authenticate(request.headers.get("authorization"));
  let verdict = presented;
  let found = null;
  if (presented.ok) {
    found = await lookUp(env, presented.digest);
    verdict = g.decide(presented.digest, found?.record ?? null, { now: Date.now(), organization, requiredScope });
  }
  if (!verdict.ok) return { response: refusal(verdict) };
  const now = Date.now();
  if (found.row.last_used_at === null || found.row.last_used_at < now - LAST_USED_EVERY_MS) {
    ctx.waitUntil(
      env.DB.prepare("UPDATE tokens SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?3)").bind(now, found.row.id, now - LAST_USED_EVERY_MS).run()
    );
  }
  return { grant: verdict.grant };
}
__name(guard, "guard");
function refusal(verdict) {
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  for (const challenge of verdict.wwwAuthenticate) headers.append("WWW-Authenticate", challenge);
  const body = { error: verdict.error ?? "unauthorized", message: verdict.message };
  return new Response(JSON.stringify(body), { status: verdict.status, headers });
}
__name(refusal, "refusal");
async function projects(env, org) {
  const { results } = await env.DB.prepare("SELECT id, name, description FROM projects WHERE organization = ?1 ORDER BY name").bind(org).all();
  const value = results.map((p) => ({ id: p.id, name: p.name, description: p.description, state: "wellFormed", visibility: "private" }));
  return json({ count: value.length, value });
}
__name(projects, "projects");
function builds() {
  return json({ count: 0, value: [] });
}
__name(builds, "builds");
async function gitFile(request, env, org, project, repo, rest) {
  const known = await env.DB.prepare("SELECT 1 FROM repositories WHERE organization = ?1 AND project = ?2 AND name = ?3").bind(org, project, repo).first();
  if (!known) return json({ error: "not_found", message: "no such repository" }, 404);
  if (!/^(HEAD|info\/refs|objects\/info\/(packs|alternates|http-alternates)|objects\/[0-9a-f]{2}\/[0-9a-f]{38}|objects\/pack\/pack-[0-9a-f]{40}\.(pack|idx))$/.test(rest)) {
    return json({ error: "not_found", message: "no such file in the repository" }, 404);
  }
  const asset = await env.ASSETS.fetch(new Request(new URL(`/_repos/${org}/${project}/${repo}.git/${rest}`, request.url)));
  if (!asset.ok) return new Response("not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(asset.body, { headers: { "Content-Type": "application/octet-stream", "Cache-Control": "no-store" } });
}
__name(gitFile, "gitFile");

// ../src/worker.js
var seeded = false;
async function ensureSeeded(env) {
  if (seeded) return;
  const row = await env.DB.prepare("SELECT count(*) AS n FROM users").first();
  if (row.n === 0) await seedDemo(env, Date.now());
  seeded = true;
}
__name(ensureSeeded, "ensureSeeded");
var ORG = "([a-z0-9][a-z0-9-]{0,49})";
var NAME = "([A-Za-z0-9][A-Za-z0-9._-]{0,63})";
var PROTECTED = [
  [new RegExp(`^/${ORG}/_apis/projects/?$`), "vso.project", (req, env, m) => projects(env, m[1])],
  [new RegExp(`^/${ORG}/_apis/build/builds/?$`), "vso.build", () => builds()],
  [new RegExp(`^/${ORG}/${NAME}/_git/${NAME}/(.+)$`), "vso.code", (req, env, m) => gitFile(req, env, m[1], m[2], m[3], m[4])]
];
async function protectedResource(request, env, ctx, url) {
  for (const [pattern, scope, handler] of PROTECTED) {
    const m = url.pathname.match(pattern);
    if (!m) continue;
    if (request.method !== "GET" && request.method !== "HEAD") throw new HttpError(405, "method_not_allowed", "read-only resource", { headers: { Allow: "GET, HEAD" } });
    const { response, grant } = await guard(request, env, ctx, m[1], scope);
    return response ?? handler(request, env, m, grant);
  }
  return null;
}
__name(protectedResource, "protectedResource");
function sessionBody(session, policy) {
  return { user: session.user, csrfToken: session.csrf, policy };
}
__name(sessionBody, "sessionBody");
async function api(request, env, ctx, url, now) {
  const { pathname } = url;
  const method = request.method;
  const session = await currentSession(request, env, now);
  if (method !== "GET" && method !== "HEAD") checkCsrf(request, pathname === "/_apis/session" && method === "POST" ? null : session);
  if (pathname === "/_apis/session") {
    if (method === "GET") return json(sessionBody(requireSession(session), await getPolicy(env)));
    if (method === "POST") {
      const body = await readJson(request, ["userName", "password"]);
      if (typeof body.userName !== "string" || body.userName.length === 0 || body.userName.length > 64) {
        throw new HttpError(400, "invalid_field", "userName is required", { field: "userName" });
      }
      if (typeof body.password !== "string" || body.password.length === 0 || body.password.length > 256) {
        throw new HttpError(400, "invalid_field", "password is required", { field: "password" });
      }
      const userName = body.userName.toLowerCase();
      await checkSigninLimit(env, userName, now);
      const user = await env.DB.prepare("SELECT * FROM users WHERE id = ?1").bind(userName).first();
      if (!await checkPassword(user, body.password)) {
        await recordSigninFailure(env, userName, now);
        await env.DB.prepare("INSERT INTO audit (at, actor, action, subject, detail) VALUES (?1, NULL, 'signin.failed', ?2, '{}')").bind(now, userName).run();
        throw new HttpError(401, "bad_credentials", "wrong user name or password");
      }
      await env.DB.batch([
        env.DB.prepare("DELETE FROM signin_failures WHERE user_name = ?1").bind(userName),
        env.DB.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(now),
        env.DB.prepare("INSERT INTO audit (at, actor, action, subject, detail) VALUES (?1, ?2, 'signin', ?2, '{}')").bind(now, userName)
      ]);
      const { csrf, cookie } = await startSession(env, request, userName, now);
      const fresh = await currentSession(new Request(request.url, { headers: { cookie: cookie.split(";")[0] } }), env, now);
      return json(sessionBody({ ...fresh, csrf }, await getPolicy(env)), 200, { "Set-Cookie": cookie });
    }
    if (method === "DELETE") {
      if (session) {
        await env.DB.batch([
          env.DB.prepare("DELETE FROM sessions WHERE id_digest = ?1").bind(session.sessionDigest),
          env.DB.prepare("INSERT INTO audit (at, actor, action, subject, detail) VALUES (?1, ?2, 'signout', ?2, '{}')").bind(now, session.user.id)
        ]);
      }
      return json(null, 204, { "Set-Cookie": endSessionCookie(request) });
    }
  }
  if (pathname === "/_apis/policies" && method === "GET") {
    requireSession(session);
    return json(await getPolicy(env));
  }
  if (pathname === "/_apis/tokens/pats") {
    requireSession(session);
    const id = url.searchParams.get("authorizationId");
    if (method === "GET") return json(id ? await getPat(env, session, id, now) : await listTokens(env, url, now, { owner: session.user.id }));
    if (method === "POST") {
      const created = await createPat(env, ctx, session, objectBody(await readJson(request, null)), now);
      ctx.waitUntil(deliver(env));
      return json(created, 201);
    }
    if (method === "PUT") {
      const body = await readJson(request, ["authorizationId", "displayName", "scope", "validTo", "allOrgs", "organization"]);
      return json(await updatePat(env, session, body, now));
    }
    if (method === "DELETE") {
      await revokePat(env, session, id, now);
      return json(null, 204);
    }
  }
  let m = pathname.match(/^\/_apis\/tokens\/pats\/([0-9a-f-]{36})\/regenerate$/);
  if (m && method === "POST") {
    requireSession(session);
    const regenerated = await regeneratePat(env, session, m[1], await readJson(request, ["digest", "hint", "graceMinutes", "validTo"]), now);
    ctx.waitUntil(deliver(env));
    return json(regenerated);
  }
  if (pathname === "/_apis/tokens/pats/revokeall" && method === "POST") {
    requireSession(session);
    return json({ revoked: await revokeAllMine(env, session, now) });
  }
  if (pathname === "/_apis/notifications") {
    requireSession(session);
    if (method === "GET") {
      const { results } = await env.DB.prepare(
        "SELECT id, token_id, kind, message, created_at, read_at FROM notifications WHERE user_id = ?1 ORDER BY id DESC LIMIT 100"
      ).bind(session.user.id).all();
      const value = results.map((n) => ({ id: n.id, authorizationId: n.token_id, kind: n.kind, message: n.message, createdAt: iso(n.created_at), read: n.read_at !== null }));
      return json({ unread: value.filter((n) => !n.read).length, value });
    }
    if (method === "POST") {
      const body = await readJson(request, ["ids", "all"]);
      const all = body.all === true;
      if (!all && (!Array.isArray(body.ids) || body.ids.length > 100 || !body.ids.every(Number.isInteger))) {
        throw new HttpError(400, "invalid_field", "give ids (up to 100 notification ids) or all: true", { field: "ids" });
      }
      const ids = all ? [] : body.ids;
      const r = await env.DB.prepare(
        `UPDATE notifications SET read_at = ?1 WHERE user_id = ?2 AND read_at IS NULL AND (?3 OR id IN (SELECT value FROM json_each(?4)))`
      ).bind(now, session.user.id, all ? 1 : 0, JSON.stringify(ids)).run();
      return json({ marked: r.meta.changes });
    }
  }
  if (pathname.startsWith("/_apis/tokenadmin/")) {
    requireAdmin(session);
    m = pathname.match(/^\/_apis\/tokenadmin\/personalaccesstokens(?:\/([a-z0-9_-]{1,64}))?$/);
    if (m && method === "GET") {
      const owner = m[1] ?? url.searchParams.get("user") ?? void 0;
      const organization = url.searchParams.get("organization") ?? void 0;
      const page = await listTokens(env, url, now, { owner, organization });
      return json({ value: page.patTokens, continuationToken: page.continuationToken });
    }
    if (pathname === "/_apis/tokenadmin/revocations" && method === "POST") {
      return json({ revoked: await adminRevoke(env, session, await readJson(request, null), now) });
    }
    if (pathname === "/_apis/tokenadmin/revocations/users" && method === "POST") {
      return json({ revoked: await adminRevokeUser(env, session, await readJson(request, ["user"]), now) });
    }
    if (pathname === "/_apis/tokenadmin/policies") {
      if (method === "GET") return json(await getPolicy(env));
      if (method === "PUT") return json(await setPolicy(env, session, await readJson(request, ["maxLifespanDays", "restrictFullAccess"]), now));
    }
    if (pathname === "/_apis/tokenadmin/users" && method === "GET") {
      const { results } = await env.DB.prepare(
        "SELECT u.id, u.display_name, u.is_admin, (SELECT group_concat(organization, ' ') FROM memberships m WHERE m.user_id = u.id) AS orgs FROM users u ORDER BY u.id"
      ).all();
      return json({ value: results.map((u) => ({ id: u.id, displayName: u.display_name, isAdmin: u.is_admin === 1, organizations: (u.orgs ?? "").split(" ").filter(Boolean).sort() })) });
    }
    if (pathname === "/_apis/tokenadmin/audit" && method === "GET") {
      const { results } = await env.DB.prepare("SELECT id, at, actor, action, subject, token_id, detail FROM audit ORDER BY id DESC LIMIT 200").all();
      return json({ value: results.map((a) => ({ id: a.id, at: iso(a.at), actor: a.actor, action: a.action, subject: a.subject, authorizationId: a.token_id, detail: JSON.parse(a.detail) })) });
    }
  }
  return null;
}
__name(api, "api");
function objectBody(body) {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "invalid_json", "the body must be a JSON object");
  return body;
}
__name(objectBody, "objectBody");
async function handle(request, env, ctx) {
  const url = new URL(request.url);
  const now = Date.now();
  if (url.pathname.startsWith("/_repos/")) return json({ error: "not_found", message: "not found" }, 404);
  await ensureSeeded(env);
  if (url.pathname.startsWith("/_apis/")) {
    return await api(request, env, ctx, url, now) ?? json({ error: "not_found", message: "no such API route or method" }, 404);
  }
  const guarded = await protectedResource(request, env, ctx, url);
  if (guarded) return guarded;
  if (request.method !== "GET" && request.method !== "HEAD") return json({ error: "method_not_allowed", message: "static files are read-only" }, 405);
  const asset = await env.ASSETS.fetch(request);
  if (asset.status === 404 && !/\.[a-z0-9]+$/i.test(url.pathname)) return env.ASSETS.fetch(new Request(new URL("/", url), request));
  return asset;
}
__name(handle, "handle");
var worker_default = {
  async fetch(request, env, ctx) {
    try {
      return secured(await handle(request, env, ctx));
    } catch (e) {
      if (e instanceof HttpError) return secured(errorResponse(e));
      console.error(`patgate: unexpected error on ${request.method} ${new URL(request.url).pathname}: ${e?.name}`);
      return secured(json({ error: "unavailable", message: "the service could not complete the request; try again" }, 503, { "Retry-After": "1" }));
    }
  },
  async scheduled(controller, env, ctx) {
    try {
      await ensureSeeded(env);
      const created = await scanExpiring(env, controller.scheduledTime ?? Date.now());
      ctx.waitUntil(deliver(env));
      console.log(`patgate: expiry scan recorded ${created} notice(s)`);
    } catch (e) {
      console.error(`patgate: expiry scan failed: ${e?.name}: ${e?.message}`);
      throw e;
    }
  }
};

// ../../node_modules/wrangler/templates/middleware/middleware-ensure-req-body-drained.ts
var drainBody = /* @__PURE__ */ __name(async (request, env, _ctx, middlewareCtx) => {
  try {
    return await middlewareCtx.next(request, env);
  } finally {
    try {
      if (request.body !== null && !request.bodyUsed) {
        const reader = request.body.getReader();
        while (!(await reader.read()).done) {
        }
      }
    } catch (e) {
      console.error("Failed to drain the unused request body.", e);
    }
  }
}, "drainBody");
var middleware_ensure_req_body_drained_default = drainBody;

// ../../node_modules/wrangler/templates/middleware/middleware-miniflare3-json-error.ts
function reduceError(e) {
  return {
    name: e?.name,
    message: e?.message ?? String(e),
    stack: e?.stack,
    cause: e?.cause === void 0 ? void 0 : reduceError(e.cause)
  };
}
__name(reduceError, "reduceError");
var jsonError = /* @__PURE__ */ __name(async (request, env, _ctx, middlewareCtx) => {
  try {
    return await middlewareCtx.next(request, env);
  } catch (e) {
    const error = reduceError(e);
    return Response.json(error, {
      status: 500,
      headers: { "MF-Experimental-Error-Stack": "true" }
    });
  }
}, "jsonError");
var middleware_miniflare3_json_error_default = jsonError;

// .wrangler/tmp/bundle-A9rDXG/middleware-insertion-facade.js
var __INTERNAL_WRANGLER_MIDDLEWARE__ = [
  middleware_ensure_req_body_drained_default,
  middleware_miniflare3_json_error_default
];
var middleware_insertion_facade_default = worker_default;

// ../../node_modules/wrangler/templates/middleware/common.ts
var __facade_middleware__ = [];
function __facade_register__(...args) {
  __facade_middleware__.push(...args.flat());
}
__name(__facade_register__, "__facade_register__");
function __facade_invokeChain__(request, env, ctx, dispatch, middlewareChain) {
  const [head, ...tail] = middlewareChain;
  const middlewareCtx = {
    dispatch,
    next(newRequest, newEnv) {
      return __facade_invokeChain__(newRequest, newEnv, ctx, dispatch, tail);
    }
  };
  return head(request, env, ctx, middlewareCtx);
}
__name(__facade_invokeChain__, "__facade_invokeChain__");
function __facade_invoke__(request, env, ctx, dispatch, finalMiddleware) {
  return __facade_invokeChain__(request, env, ctx, dispatch, [
    ...__facade_middleware__,
    finalMiddleware
  ]);
}
__name(__facade_invoke__, "__facade_invoke__");

// .wrangler/tmp/bundle-A9rDXG/middleware-loader.entry.ts
var __Facade_ScheduledController__ = class ___Facade_ScheduledController__ {
  constructor(scheduledTime, cron, noRetry) {
    this.scheduledTime = scheduledTime;
    this.cron = cron;
    this.#noRetry = noRetry;
  }
  static {
    __name(this, "__Facade_ScheduledController__");
  }
  #noRetry;
  noRetry() {
    if (!(this instanceof ___Facade_ScheduledController__)) {
      throw new TypeError("Illegal invocation");
    }
    this.#noRetry();
  }
};
function wrapExportedHandler(worker) {
  if (__INTERNAL_WRANGLER_MIDDLEWARE__ === void 0 || __INTERNAL_WRANGLER_MIDDLEWARE__.length === 0) {
    return worker;
  }
  for (const middleware of __INTERNAL_WRANGLER_MIDDLEWARE__) {
    __facade_register__(middleware);
  }
  const fetchDispatcher = /* @__PURE__ */ __name(function(request, env, ctx) {
    if (worker.fetch === void 0) {
      throw new Error("Handler does not export a fetch() function.");
    }
    return worker.fetch(request, env, ctx);
  }, "fetchDispatcher");
  return {
    ...worker,
    fetch(request, env, ctx) {
      const dispatcher = /* @__PURE__ */ __name(function(type, init) {
        if (type === "scheduled" && worker.scheduled !== void 0) {
          const controller = new __Facade_ScheduledController__(
            Date.now(),
            init.cron ?? "",
            () => {
            }
          );
          return worker.scheduled(controller, env, ctx);
        }
      }, "dispatcher");
      return __facade_invoke__(request, env, ctx, dispatcher, fetchDispatcher);
    }
  };
}
__name(wrapExportedHandler, "wrapExportedHandler");
function wrapWorkerEntrypoint(klass) {
  if (__INTERNAL_WRANGLER_MIDDLEWARE__ === void 0 || __INTERNAL_WRANGLER_MIDDLEWARE__.length === 0) {
    return klass;
  }
  for (const middleware of __INTERNAL_WRANGLER_MIDDLEWARE__) {
    __facade_register__(middleware);
  }
  return class extends klass {
    #fetchDispatcher = /* @__PURE__ */ __name((request, env, ctx) => {
      this.env = env;
      this.ctx = ctx;
      if (super.fetch === void 0) {
        throw new Error("Entrypoint class does not define a fetch() function.");
      }
      return super.fetch(request);
    }, "#fetchDispatcher");
    #dispatcher = /* @__PURE__ */ __name((type, init) => {
      if (type === "scheduled" && super.scheduled !== void 0) {
        const controller = new __Facade_ScheduledController__(
          Date.now(),
          init.cron ?? "",
          () => {
          }
        );
        return super.scheduled(controller);
      }
    }, "#dispatcher");
    fetch(request) {
      return __facade_invoke__(
        request,
        this.env,
        this.ctx,
        this.#dispatcher,
        this.#fetchDispatcher
      );
    }
  };
}
__name(wrapWorkerEntrypoint, "wrapWorkerEntrypoint");
var WRAPPED_ENTRY;
if (typeof middleware_insertion_facade_default === "object") {
  WRAPPED_ENTRY = wrapExportedHandler(middleware_insertion_facade_default);
} else if (typeof middleware_insertion_facade_default === "function") {
  WRAPPED_ENTRY = wrapWorkerEntrypoint(middleware_insertion_facade_default);
}
var middleware_loader_entry_default = WRAPPED_ENTRY;
export {
  __INTERNAL_WRANGLER_MIDDLEWARE__,
  middleware_loader_entry_default as default
};
//# sourceMappingURL=worker.js.map
