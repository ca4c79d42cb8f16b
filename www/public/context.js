// What every view shares: the signed-in session, the API client bound to it, and the clock.
import { createApi } from "./api.js";

/** The session payload of /_apis/session (`user`, `csrfToken`, `policy`), or null when signed out. */
export const session = { current: null };

/**
 * The portal's clock and time zone: the worker's clock (the browser's, moved by how far it was
 * behind or ahead of the worker's at the last answer), the browser's zone. Every relative date
 * and every lifespan the portal computes reads `now()` once per render or submit, and passes it on.
 */
export const clock = {
  offset: 0,
  now: () => Date.now() + clock.offset,
  timeZone: undefined,
};

export const api = createApi({
  fetch: (...args) => fetch(...args),
  events: window,
  csrf: () => session.current?.csrfToken,
  // Taken as the answer arrives: the worker's instant is then at most the answer's way behind.
  serverTime: (at) => (clock.offset = at - Date.now()),
});
