// The worker's clock. Time is an input: the wall clock, shifted by PATGATE_CLOCK_OFFSET_MS (a
// rehearsal of another date: the test suite runs at 23:30 UTC on a month's last day this way)
// and, only where PATGATE_TEST_CLOCK=true, by the test clock kept in the store, so that every
// isolate of the worker, and every restart, sees the same time.
import { settings } from "./settings.js";
import * as store from "./store.js";

export async function now(env) {
  const wall = Date.now() + (Number(env.PATGATE_CLOCK_OFFSET_MS) || 0);
  return settings(env).testClock ? wall + (await store.testClockAdvance(env)) : wall;
}

/** Moves the test clock forward by `ms`; returns the total offset from the wall clock. */
export async function advance(env, ms) {
  return (Number(env.PATGATE_CLOCK_OFFSET_MS) || 0) + (await store.advanceTestClock(env, ms));
}
