// The portal's HTTP client for patgate's JSON API. It knows requests, not pages: when the
// server answers 401 (the session ended) it dispatches `patgate:signed-out` on `events` and
// leaves what to show to whoever listens. No DOM, so Node can test it with a fake fetch.

export const SIGNED_OUT = "patgate:signed-out";

/** A failed request: the HTTP status and the API's error body (`{ error, message, field }`). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.body = body ?? {};
  }
}

/**
 * `request(method, path, body?)` sends JSON with the session's CSRF token (from `csrf()`) and
 * resolves to the JSON answer (null for 204); it rejects with an ApiError otherwise. Each answer's
 * `Patgate-Now` (the worker's instant, in ms) goes to `serverTime`.
 */
export function createApi({ fetch = globalThis.fetch, events = globalThis, csrf = () => null, serverTime = () => {} } = {}) {
  return async function request(method, path, body) {
    const headers = { accept: "application/json" };
    const token = csrf();
    if (token) headers["x-csrf-token"] = token;
    if (body !== undefined) headers["content-type"] = "application/json";
    const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
    const at = Number(r.headers.get("patgate-now") ?? NaN);
    if (Number.isSafeInteger(at)) serverTime(at);
    const data = r.status === 204 ? null : await r.json().catch(() => null);
    // Signing in (or asking who is signed in) answers 401 as a result, not as a lost session.
    if (r.status === 401 && path !== "/_apis/session") events.dispatchEvent(new Event(SIGNED_OUT));
    if (!r.ok) throw new ApiError(r.status, data);
    return data;
  };
}
