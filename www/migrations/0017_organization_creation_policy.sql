-- Azure DevOps' organization policy "Restrict personal access token creation": only the users on
-- an organization's allowlist may make tokens that act in it; with allow_packaging, everyone may
-- still make packaging-only ones. An organization without a row has the policy off. Never
-- retroactive: the tokens made before keep working until they end.
CREATE TABLE organization_policies (
  organization TEXT PRIMARY KEY REFERENCES organizations(name),
  restrict_creation INTEGER NOT NULL DEFAULT 0,
  allow_packaging INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE organization_allowlist (
  organization TEXT NOT NULL REFERENCES organizations(name),
  user_id TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (organization, user_id)
) WITHOUT ROWID;
