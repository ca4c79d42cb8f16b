// The test clock (PATGATE_TEST_CLOCK=true only): how far it is ahead, and where it stands frozen.
import { first, run } from "./db.js";

/** The test clock: how far it is ahead, and the instant it stands at when frozen (else null). */
export async function testClock(env) {
  const row = await first(env, "SELECT advance_ms, frozen_at FROM test_clock WHERE id = 1");
  return { advanceMs: row?.advanceMs ?? 0, frozenAt: row?.frozenAt ?? null };
}

/** Freezes the test clock at `frozenAt` (its advance starts again from `advanceMs`), or lets it run again (null). */
export const freezeTestClock = (env, frozenAt, advanceMs) =>
  run(env, "INSERT INTO test_clock (id, advance_ms, frozen_at) VALUES (1, :advanceMs, :frozenAt) ON CONFLICT (id) DO UPDATE SET advance_ms = :advanceMs, frozen_at = :frozenAt", { advanceMs, frozenAt });

export async function advanceTestClock(env, ms) {
  return (await first(env, "INSERT INTO test_clock (id, advance_ms) VALUES (1, :ms) ON CONFLICT (id) DO UPDATE SET advance_ms = advance_ms + :ms RETURNING advance_ms", { ms })).advanceMs;
}
