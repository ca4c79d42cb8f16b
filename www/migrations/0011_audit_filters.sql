-- The administrator's audit log filters by action, by who acted, by whose account or token it
-- was, and by token, newest first: each index keeps its entries in id order (the rowid), so a
-- filtered page reads only its own entries, however many others there are.
CREATE INDEX audit_action ON audit(action);
CREATE INDEX audit_actor ON audit(actor);
CREATE INDEX audit_subject ON audit(subject);
CREATE INDEX audit_token ON audit(token_id);
