-- Lost updates (issue 20): every account and investigation a local authority's team changes carries a version that
-- moves on with each change, answered as the strong ETag a change sends back in If-Match (412 when it moved on).
-- Rows that exist today start at version 1.
ALTER TABLE account ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE misuse_investigation ADD COLUMN version bigint NOT NULL DEFAULT 1;
