-- The test clock can stand still: while `frozen_at` is set, the worker's time is frozen_at +
-- advance_ms, whatever the wall clock does, so a test can pin a rule at its exact boundary.
ALTER TABLE test_clock ADD COLUMN frozen_at INTEGER;
