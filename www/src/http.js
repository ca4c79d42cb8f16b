// HTTP plumbing: JSON responses, security headers, strict request bodies.

/** A path into a git repository (never the portal's page, whatever follows; git's client reads
 *  its refusals as text). Routes match without case, so this does too. */
export const isGit = (pathname) => {
  const path = pathname.toLowerCase();
  return path.includes("/_git/") || path.endsWith("/_git");
};

/** Headers on every response. The CSP allows only same-origin scripts and styles, and wasm. */
export const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/** A client error that ends the request with a JSON body naming what was wrong. */
export class HttpError extends Error {
  constructor(status, code, message, { field, headers, body } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = headers;
    this.body = body;
  }
}

/**
 * An error in Azure DevOps' PAT shape (`patToken`, `patTokenError`, with the spec's codes only),
 * for what the PAT routes refuse about a token; a malformed request is a plain error there too.
 */
export function patError(status, patTokenError, message, field) {
  return new HttpError(status, patTokenError, message, { field, body: { patToken: null, patTokenError, message, ...(field ? { field } : {}) } });
}


export function json(body, status = 200, headers = {}) {
  // A 204 has no body, so no type either.
  const type = status === 204 ? {} : { "Content-Type": "application/json; charset=utf-8" };
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { ...type, "Cache-Control": "no-store", ...headers } });
}

// Azure DevOps' error body (its WrappedException), which its own clients deserialize: a refused
// call surfaces there as the service's error with this message and type.
const TYPE_KEYS = {
  400: "InvalidArgumentValueException", 401: "VssUnauthorizedException", 403: "UnauthorizedRequestException",
  404: "VssResourceNotFoundException", 405: "VssMethodNotAllowedException", 409: "InvalidOperationException",
  413: "VssRequestContentTooLargeException", 415: "VssUnsupportedMediaTypeException", 429: "RequestBlockedException",
  431: "VssRequestHeadersTooLargeException",
};

/** The WrappedException fields for an error: `typeKey` is the code when it names an exception. */
export function wrapped(status, message, code) {
  const typeKey = /Exception$/.test(code ?? "") ? code : TYPE_KEYS[status] ?? "VssServiceException";
  return { $id: "1", innerException: null, message, typeName: `Microsoft.VisualStudio.Services.WebApi.${typeKey}, Microsoft.VisualStudio.Services.WebApi`, typeKey, errorCode: 0, eventId: 3000 };
}

/** A JSON error answer in patgate's (`error`, `message`) and Azure DevOps' shapes at once. */
export function apiError(status, code, message, headers = {}) {
  return json({ ...wrapped(status, message, code), error: code }, status, headers);
}

export function errorResponse(e) {
  const body = e.body ?? { ...wrapped(e.status, e.message, e.code), error: e.code, ...(e.field ? { field: e.field } : {}) };
  return json(body, e.status, e.headers);
}

/** Adds the security headers to any response (assets included). */
export function secured(response) {
  const r = new Response(response.body, response);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) r.headers.set(k, v);
  return r;
}

const MAX_BODY_BYTES = 16 * 1024;

/** Longest header value the worker looks at character by character; longer ones are refused whole. */
export const MAX_FIELD_BYTES = 8 * 1024;

/**
 * A request header's value without the leading and trailing whitespace (SP, HTAB) that RFC 9110
 * §5.5 excludes from a field value; workerd passes trailing whitespace through. Values over
 * `MAX_FIELD_BYTES` come back untouched for the caller to refuse by size: nothing here ever
 * does per-character work on an unbounded value, and the scan is linear.
 */
export function fieldValue(headers, name) {
  const value = headers.get(name);
  if (value === null || value.length > MAX_FIELD_BYTES) return value;
  let start = 0;
  let end = value.length;
  while (start < end && (value.charCodeAt(start) === 32 || value.charCodeAt(start) === 9)) start++;
  while (end > start && (value.charCodeAt(end - 1) === 32 || value.charCodeAt(end - 1) === 9)) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** Whether two strings are equal, in time that depends only on their lengths. */
export function sameText(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The address every request that did not come through the local peer proxy counts as. */
export const UNPROXIED = "unproxied";

/**
 * The client's address, as the per-address limits count it: an IPv4 address whole, an IPv6
 * address by its /64, the network one client holds whole (counted address by address, it
 * would have 2^64 buckets).
 *
 * On Cloudflare the edge sets `CF-Connecting-IP` to the peer, replacing any the client sent.
 * Locally nothing does (wrangler fills it in only when the client sent none), so the run
 * command puts scripts/peer-proxy.mjs in front of the worker: it overwrites the header with the
 * socket's peer and proves itself with `X-Patgate-Peer-Key`, this run's `PATGATE_PEER_KEY`.
 * With that setting, a request without the proxy's key (one sent to wrangler's own port) counts
 * as one shared address, whatever header it carries.
 */
export function clientAddress(request, env = {}) {
  const key = env.PATGATE_PEER_KEY;
  if (key) {
    const sent = request.headers.get("x-patgate-peer-key");
    if (sent === null || !sameText(sent.slice(0, 256), key)) return UNPROXIED;
  }
  const ip = (fieldValue(request.headers, "cf-connecting-ip") ?? "unknown").slice(0, 64);
  if (!ip.includes(":") || ip.includes(".")) return ip;
  const [head, tail, extra] = ip.toLowerCase().split("::");
  if (extra !== undefined) return ip;
  const groups = (text) => (text ? text.split(":") : []);
  const first = groups(head);
  const last = tail === undefined ? [] : groups(tail);
  const full = tail === undefined ? first : [...first, ...Array(Math.max(0, 8 - first.length - last.length)).fill("0"), ...last];
  if (full.length !== 8 || !full.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return ip;
  return `${full.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** How much of a body past its limit is read and dropped before the reading stops. */
export const DRAIN_BYTES = 16 * 1024 * 1024;

/** A JSON body's bytes: application/json only (415), at most `maxBytes` (413). */
export async function readBody(request, maxBytes = MAX_BODY_BYTES) {
  const type = (fieldValue(request.headers, "content-type") ?? "").slice(0, 64).split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new HttpError(415, "unsupported_media_type", "the body must be application/json");
  const tooLarge = () => new HttpError(413, "payload_too_large", `the body is larger than ${maxBytes / 1024} KiB`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (request.body === null) return new Uint8Array(0);
  // Read as it arrives, and nothing kept past the limit: a chunked body has no length to check
  // first, and reading it whole would hold all of it in memory before the 413. What follows the
  // limit is read and dropped (up to DRAIN_BYTES), so the answer comes after the body, as an HTTP
  // client sending it expects (wrangler's local proxy turns an earlier one into a 503).
  const reader = request.body.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      if (length > maxBytes + DRAIN_BYTES) {
        reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.length = 0;
      continue;
    }
    chunks.push(value);
  }
  if (length > maxBytes) throw tooLarge();
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Parses UTF-8 JSON bytes (400 when they are not). */
export function parseJson(bytes) {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, "invalid_json", "the body is not valid UTF-8 JSON");
  }
}

/**
 * Reads a JSON object body: application/json only (415), at most 16 KiB unless `maxBytes` says
 * otherwise (413), well-formed (400), and only the `allowed` fields (400 naming the first unknown one).
 */
export async function readJson(request, allowed, maxBytes = MAX_BODY_BYTES) {
  const body = parseJson(await readBody(request, maxBytes));
  if (allowed === null) return body;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpError(400, "invalid_json", "the body must be a JSON object");
  }
  onlyFields(body, allowed);
  return body;
}

/** A key short enough to name in a message: no token (38 characters at least) fits in it. */
const NAMEABLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$]{0,23}$/;

/**
 * Refuses a body with a field outside `allowed` (400), naming it when it is a short identifier;
 * any other key is named by its place only, so that a token pasted as a key never comes back.
 */
export function onlyFields(body, allowed) {
  const keys = Object.keys(body);
  const at = keys.findIndex((key) => !allowed.includes(key) || key === "__proto__");
  if (at < 0) return;
  const key = keys[at];
  if (NAMEABLE_KEY.test(key)) throw new HttpError(400, "unknown_field", `unknown field "${key}"`, { field: key });
  throw new HttpError(400, "unknown_field", `field ${at + 1} of the body is not one this route takes (${allowed.join(", ")})`);
}

/** A display name: 1–128 characters after NFC normalisation, no control characters. */
export function displayName(value, field = "displayName") {
  if (typeof value !== "string" || value.trim() === "") throw new HttpError(400, "invalid_field", `${field} is required`, { field });
  const name = value.normalize("NFC");
  if ([...name].length > 128) throw new HttpError(400, "invalid_field", `${field} must be at most 128 characters`, { field });
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(name)) {
    throw new HttpError(400, "invalid_field", `${field} must not contain control characters`, { field });
  }
  // Bidirectional overrides and isolates can make a name display as something else.
  if (/[\u202a-\u202e\u2066-\u2069]/u.test(name)) {
    throw new HttpError(400, "invalid_field", `${field} must not contain bidirectional control characters`, { field });
  }
  // A name must show something: not only spaces, format characters or fillers.
  if (/^[\p{White_Space}\p{Cf}\u034f\u115f\u1160\u2800\u3164\uffa0\u180b-\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}]*$/u.test(name)) {
    throw new HttpError(400, "invalid_field", `${field} must contain a visible character`, { field });
  }
  return name;
}

export const iso = (ms) => (ms == null ? null : new Date(ms).toISOString());

/** Parses an ISO 8601 date-time (with a zone) into ms since the epoch. */
export function parseTime(value, field) {
  const ok = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const ms = ok ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new HttpError(400, "invalid_field", `${field} must be an ISO 8601 date-time with a time zone`, { field });
  return ms;
}

export function base64url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function fromBase64(text) {
  const s = atob(text);
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export const fromBase64url = (text) => fromBase64(text.replaceAll("-", "+").replaceAll("_", "/"));

export function randomId(bytes = 16) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256(text) {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}
