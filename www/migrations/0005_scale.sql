-- Keyset paging at any size: every list order has an index ending in id, for one owner and for
-- everyone (the administrator's lists), so a page reads only its own rows.
DROP INDEX tokens_owner;
CREATE INDEX tokens_owner_name ON tokens(owner, display_name COLLATE NOCASE, id);
CREATE INDEX tokens_owner_created ON tokens(owner, created_at, id);
CREATE INDEX tokens_owner_valid_to ON tokens(owner, valid_to, id);
CREATE INDEX tokens_name ON tokens(display_name COLLATE NOCASE, id);
CREATE INDEX tokens_created ON tokens(created_at, id);
CREATE INDEX tokens_valid_to ON tokens(valid_to, id);
-- An organization's own tokens (its lists and revocation rules).
CREATE INDEX tokens_organization ON tokens(organization, created_at) WHERE organization IS NOT NULL;
-- The expiry scan's range, with the end first so the chunks come in order.
DROP INDEX tokens_expiry;
CREATE INDEX tokens_expiry ON tokens(valid_to, id) WHERE revoked_at IS NULL;
-- An organization's members (the organization filter of the lists, revocation rules).
CREATE INDEX memberships_organization ON memberships(organization, user_id);
