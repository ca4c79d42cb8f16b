-- Tokens reported as leaked: when, by whom ('github' or 'public'), and where it was found.
ALTER TABLE tokens ADD COLUMN leaked_at INTEGER;
ALTER TABLE tokens ADD COLUMN leak_source TEXT;
ALTER TABLE tokens ADD COLUMN leak_url TEXT;
-- A reported token is revoked at once unless an administrator turns this off (then it is flagged).
INSERT OR IGNORE INTO policies (key, value) VALUES ('autoRevokeLeaked', 'true');
-- Public reports are limited per client address, in fixed windows.
CREATE TABLE report_limits (
  client TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL
);
CREATE INDEX report_limits_window ON report_limits(window_start);
-- Owners are told of a leak once per token: the notice kinds gain 'leaked' (SQLite cannot
-- change a CHECK, so the table is rebuilt with its rows, indexes and columns).
CREATE TABLE notifications_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users(id),
  token_id TEXT NOT NULL REFERENCES tokens(id),
  kind TEXT NOT NULL CHECK (kind IN ('created', 'expiring', 'leaked')),
  cycle INTEGER NOT NULL,              -- validFrom for 'created', validTo for 'expiring', 0 for 'leaked'
  message TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  delivered_at INTEGER,
  claimed_until INTEGER,
  UNIQUE (token_id, kind, cycle)
);
INSERT INTO notifications_new (id, user_id, token_id, kind, cycle, message, created_at, read_at, delivered_at, claimed_until)
  SELECT id, user_id, token_id, kind, cycle, message, created_at, read_at, delivered_at, claimed_until FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_undelivered ON notifications(id) WHERE delivered_at IS NULL;
