-- Every digest a token ever held, current or replaced by a regeneration: a secret is issued once,
-- and one retired (by a regeneration, a leak report or a revocation) never works again for anyone.
CREATE TABLE issued_digests (digest TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT OR IGNORE INTO issued_digests (digest) SELECT digest FROM tokens;
INSERT OR IGNORE INTO issued_digests (digest) SELECT previous_digest FROM tokens WHERE previous_digest IS NOT NULL;

-- Browsers where a user has signed in (OWASP's device cookies): failed sign-ins from one are
-- counted on their own, so no one else's failures lock its user out.
CREATE TABLE trusted_devices (
  digest TEXT PRIMARY KEY,             -- SHA-256 of the cookie's value
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX trusted_devices_user ON trusted_devices(user_id, created_at);

-- A user's sessions, newest first: the cap on sessions per user ends the oldest.
CREATE INDEX sessions_user ON sessions(user_id, created_at);

-- What the deployment keeps about itself: the pepper check (the worker refuses a changed pepper).
CREATE TABLE deployment (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
