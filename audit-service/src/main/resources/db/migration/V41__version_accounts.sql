-- Every change of an account's status moves its version on: the accounts API answers it as the ETag, and a change
-- sent with If-Match applies only to the version the team member read (issue 20).
ALTER TABLE account ADD COLUMN version bigint NOT NULL DEFAULT 1;
