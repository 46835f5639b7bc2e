-- The chain needs no index on record_hash: every record is found by its sequence (the chain's order) or its event
-- id, and a record's hash covers the previous record's, so two records can share a hash only by a SHA-256 collision.
-- The unique index was the trail's largest (a random 64-character key, about 120 bytes a record: gigabytes a year at
-- England's lookup rate) and was written by every lookup in a random place; no query ever read it (pg_stat_user_indexes
-- in the bench, session 17: 0 scans against 185,000 event-id probes).
ALTER TABLE audit_record DROP CONSTRAINT audit_record_record_hash_key;
