// The worker's clock. Time is an input: the wall clock, shifted by PATGATE_CLOCK_OFFSET_MS (a
// rehearsal of another date: the test suite runs at 23:30 UTC on a month's last day this way)
// and, only where PATGATE_TEST_CLOCK=true, by the test clock kept in the store, so that every
// isolate of the worker, and every restart, sees the same time. The test clock can also stand
// still (frozen), so that a test pins a rule at its exact boundary.
import { settings } from "./settings.js";
import * as store from "./stores/index.js";

const wall = (env) => Date.now() + (Number(env.PATGATE_CLOCK_OFFSET_MS) || 0);

export async function now(env) {
  if (!settings(env).testClock) return wall(env);
  const clock = await store.testClock(env);
  return (clock.frozenAt ?? wall(env)) + clock.advanceMs;
}

/** Moves the test clock forward by `ms`; returns the total offset from the wall clock. */
export async function advance(env, ms) {
  return (Number(env.PATGATE_CLOCK_OFFSET_MS) || 0) + (await store.advanceTestClock(env, ms));
}

/** Stops the test clock at the current instant (`true`) or lets it run on from it (`false`). */
export async function freeze(env, frozen) {
  const at = await now(env);
  await (frozen ? store.freezeTestClock(env, at, 0) : store.freezeTestClock(env, null, at - wall(env)));
}
