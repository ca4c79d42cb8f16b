-- Device approval (www/src/requests.js): a tool's request for a token whose secret it made
-- itself. The store keeps the device code's digest, never the code, and the token's stored
-- (peppered) digest, never the token. A request lives 15 minutes; its row a day longer (the
-- hourly run removes it), its audit entries as long as the audit log keeps them.
CREATE TABLE token_requests (
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
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'collected', 'denied', 'expired')),
  decided_by TEXT REFERENCES users(id),
  decided_at INTEGER,
  token_id TEXT REFERENCES tokens(id) DEFERRABLE INITIALLY DEFERRED  -- written with the token, in one batch
);
CREATE INDEX token_requests_pending ON token_requests (address, expires_at) WHERE state = 'pending';
CREATE INDEX token_requests_expiry ON token_requests (expires_at);
