-- patgate's store. Tokens are kept only as digests (SHA-256, peppered when a pepper is set).
-- Times are milliseconds since the Unix epoch.

CREATE TABLE organizations (
  name TEXT PRIMARY KEY
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,                 -- the sign-in name, e.g. alice
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  is_admin INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,         -- PBKDF2-SHA-256, base64url
  password_salt TEXT NOT NULL,         -- 16 random bytes, base64url
  password_iterations INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
  user_id TEXT NOT NULL REFERENCES users(id),
  organization TEXT NOT NULL REFERENCES organizations(name),
  PRIMARY KEY (user_id, organization)
);

CREATE TABLE projects (
  organization TEXT NOT NULL REFERENCES organizations(name),
  name TEXT NOT NULL,
  id TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (organization, name)
);

CREATE TABLE repositories (
  organization TEXT NOT NULL,
  project TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (organization, project, name)
);

CREATE TABLE sessions (
  id_digest TEXT PRIMARY KEY,          -- SHA-256 of the cookie value: a stolen table opens no session
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE signin_failures (
  user_name TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL
);

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,                 -- authorizationId (public, opaque)
  owner TEXT NOT NULL REFERENCES users(id),
  display_name TEXT NOT NULL,
  organization TEXT,                   -- NULL: all of the owner's organizations
  scope TEXT NOT NULL,                 -- canonical, space-separated
  valid_from INTEGER NOT NULL,
  valid_to INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER,
  digest TEXT NOT NULL UNIQUE,
  hint TEXT NOT NULL,
  previous_digest TEXT UNIQUE,         -- the regenerated-away token, valid until previous_until
  previous_until INTEGER
);
CREATE INDEX tokens_owner ON tokens(owner, created_at);
CREATE INDEX tokens_expiry ON tokens(valid_to) WHERE revoked_at IS NULL;

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users(id),
  token_id TEXT NOT NULL REFERENCES tokens(id),
  kind TEXT NOT NULL CHECK (kind IN ('created', 'expiring')),
  cycle INTEGER NOT NULL,              -- validFrom for 'created', validTo for 'expiring'
  message TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  delivered_at INTEGER,                -- when the webhook accepted it
  UNIQUE (token_id, kind, cycle)       -- each notice exactly once per token generation or expiry date
);
CREATE INDEX notifications_user ON notifications(user_id, id);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT,                          -- who acted (NULL for the system)
  action TEXT NOT NULL,
  subject TEXT,                        -- whose token or account
  token_id TEXT,
  detail TEXT NOT NULL DEFAULT '{}'    -- JSON; never a token, digest or password
);

CREATE TABLE policies (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO policies (key, value) VALUES ('maxLifespanDays', '365'), ('restrictFullAccess', 'false');
