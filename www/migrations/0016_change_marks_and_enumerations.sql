-- A write's mark: the statements of a batch that must follow a write only if it happened name
-- the write's change (www/src/stores/db.js) instead of relying on SQLite's changes(), which is
-- whatever the statement just before did.
ALTER TABLE tokens ADD COLUMN change_id TEXT;

-- The last enumerations kept as CHECKs become data, as notification kinds did (0013): a new
-- policy with an allowlist, or a new request state, is a row, never a rebuild to widen a CHECK.
CREATE TABLE allowlist_policies (policy TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO allowlist_policies (policy) VALUES ('fullAccess'), ('lifespan'), ('globalTokens');
CREATE TABLE policy_allowlist_new (
  policy TEXT NOT NULL REFERENCES allowlist_policies(policy),
  user_id TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (policy, user_id)
) WITHOUT ROWID;
INSERT INTO policy_allowlist_new (policy, user_id) SELECT policy, user_id FROM policy_allowlist;
DROP TABLE policy_allowlist;
ALTER TABLE policy_allowlist_new RENAME TO policy_allowlist;

CREATE TABLE request_states (state TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO request_states (state) VALUES ('pending'), ('approved'), ('collected'), ('denied'), ('expired');
CREATE TABLE token_requests_new (
  id TEXT PRIMARY KEY,
  device_code TEXT NOT NULL UNIQUE,    -- SHA-256 of the device code, base64url
  user_code TEXT NOT NULL UNIQUE,      -- 8 characters of BCDFGHJKLMNPQRSTVWXZ, shown XXXX-XXXX
  digest TEXT NOT NULL UNIQUE,         -- the token's digest as the tokens table would keep it
  hint TEXT NOT NULL,
  display_name TEXT NOT NULL,
  scope TEXT NOT NULL,
  organization TEXT,                   -- NULL: the approver chooses
  valid_to INTEGER,                    -- NULL: 30 days, cut to the policy's maximum
  address TEXT NOT NULL,               -- where the tool asked from
  agent TEXT NOT NULL,                 -- its User-Agent, as sent (at most 200 characters)
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  interval_ms INTEGER NOT NULL,        -- the least time between polls (longer after each slow_down)
  polled_at INTEGER,
  state TEXT NOT NULL DEFAULT 'pending' REFERENCES request_states(state),
  decided_by TEXT REFERENCES users(id),
  decided_at INTEGER,
  token_id TEXT REFERENCES tokens(id) DEFERRABLE INITIALLY DEFERRED,  -- written with the token, in one batch
  change_id TEXT                       -- the mark of the last change (see tokens.change_id)
);
INSERT INTO token_requests_new (id, device_code, user_code, digest, hint, display_name, scope, organization, valid_to, address, agent, created_at, expires_at, interval_ms, polled_at, state, decided_by, decided_at, token_id)
  SELECT id, device_code, user_code, digest, hint, display_name, scope, organization, valid_to, address, agent, created_at, expires_at, interval_ms, polled_at, state, decided_by, decided_at, token_id FROM token_requests;
DROP TABLE token_requests;
ALTER TABLE token_requests_new RENAME TO token_requests;
CREATE INDEX token_requests_pending ON token_requests (address, expires_at) WHERE state = 'pending';
CREATE INDEX token_requests_expiry ON token_requests (expires_at);
