-- Azure DevOps' policies as they stand in December 2026: tokens for all organizations ("global"
-- tokens) allowed, restricted or retired, and an allowlist of users on each deployment-wide
-- policy (full access, maximum lifespan, global tokens) that it does not apply to.
-- A new store starts where Azure DevOps is now (retired); a store that already has tokens keeps
-- its global tokens working (allowed) until an administrator says otherwise.
INSERT INTO policies (key, value)
  SELECT 'globalTokens', CASE WHEN EXISTS (SELECT 1 FROM tokens) THEN 'allowed' ELSE 'retired' END;
CREATE TABLE policy_allowlist (
  policy TEXT NOT NULL CHECK (policy IN ('fullAccess', 'lifespan', 'globalTokens')),
  user_id TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (policy, user_id)
) WITHOUT ROWID;
-- The notice an owner gets, once per token, when the policy retires their global tokens.
INSERT INTO notification_kinds (kind) VALUES ('retired');
