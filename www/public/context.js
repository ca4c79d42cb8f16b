// What every view shares: the signed-in session, the API client bound to it, and the clock.
import { createApi } from "./api.js";

/** The session payload of /_apis/session (`user`, `csrfToken`, `policy`), or null when signed out. */
export const session = { current: null };

export const api = createApi({ fetch: (...args) => fetch(...args), events: window, csrf: () => session.current?.csrfToken });

/**
 * The portal's clock and time zone: the browser's. Every relative date and every lifespan the
 * portal computes reads `now()` once per render or submit, and passes it on.
 */
export const clock = { now: () => Date.now(), timeZone: undefined };
