-- Issue 17: the blocking join probes child_match_key by equality only (a record's ~240 keys, nine in ten of which
-- find no child), so a hash index answers each probe with one bucket read instead of a B-tree descent over text keys.
-- Measured on the 50,000-child national-density register (docs/benchmarks.md, session 12): the candidates statement
-- for 1,000 records (236,000 probes) took 400-445 ms with it against 540-575 ms with the B-tree, the same rows found.
-- Every statement of the service on this column is an equality (`=`, `IN`, `= ANY`); the range scan in V23 ran before.
CREATE INDEX child_match_key_hash ON child_match_key USING hash (key);
DROP INDEX child_match_key_key;
