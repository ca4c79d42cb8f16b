-- Failed sign-ins are counted under the SHA-256 of the name typed, not the name: people type
-- passwords into the user-name field. (Rows from before expire with their 15-minute window.)
ALTER TABLE signin_failures RENAME COLUMN user_name TO name_digest;
