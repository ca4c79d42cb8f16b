-- Azure DevOps' project and repository shapes: a project's revision and last update, and a
-- repository's id (a GUID, as Azure DevOps names repositories).
ALTER TABLE projects ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE projects ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
UPDATE projects SET updated_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 WHERE updated_at = 0;
ALTER TABLE repositories ADD COLUMN id TEXT;
UPDATE repositories SET id =
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
  WHERE id IS NULL;
CREATE UNIQUE INDEX repositories_id ON repositories(id);
-- Azure DevOps names organizations by GUID in a token's targetAccounts.
ALTER TABLE organizations ADD COLUMN id TEXT;
UPDATE organizations SET id =
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
  WHERE id IS NULL;
CREATE UNIQUE INDEX organizations_id ON organizations(id);
