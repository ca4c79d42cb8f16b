-- Webhook deliveries claim a notice before posting it, so overlapping runs never post it twice.
ALTER TABLE notifications ADD COLUMN claimed_until INTEGER;
CREATE INDEX notifications_undelivered ON notifications(id) WHERE delivered_at IS NULL;
-- Failed sign-in counters expire with their window and are capped; both need this order.
CREATE INDEX signin_failures_window ON signin_failures(window_start);
-- How far tests have moved the worker's clock (used only where PATGATE_TEST_CLOCK=true).
CREATE TABLE test_clock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  advance_ms INTEGER NOT NULL
);
