-- Notice kinds as data: the last rebuild of this table. A new kind is a row of
-- notification_kinds (INSERT INTO notification_kinds VALUES ('…')), never another rebuild to
-- widen a CHECK; D1 enforces the foreign key.
CREATE TABLE notification_kinds (kind TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO notification_kinds (kind) VALUES ('created'), ('expiring'), ('leaked'), ('revoked');
CREATE TABLE notifications_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users(id),
  token_id TEXT NOT NULL REFERENCES tokens(id),
  kind TEXT NOT NULL REFERENCES notification_kinds(kind),
  cycle INTEGER NOT NULL,              -- validFrom for 'created', validTo for 'expiring', the revocation's time for 'revoked'
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
