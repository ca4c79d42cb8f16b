-- A full table of failed sign-in counters makes room by dropping the names with the fewest
-- failures, oldest first (never a locked name before names with fewer failures): this order.
CREATE INDEX signin_failures_eviction ON signin_failures(failures, window_start);
