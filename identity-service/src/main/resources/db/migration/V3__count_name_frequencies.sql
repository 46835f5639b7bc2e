-- How many matchable children carry each name-frequency key (fx: family name, gx: given name), kept up to date by a
-- trigger on the blocking index. Scoring a record reads one row per name instead of counting every index entry of
-- that name, a count that grows with the register (a Smith record would count ~140,000 entries at 11 M children).
-- A trigger rather than application code so that every way a key leaves the index (re-index, merge, close, the
-- cascade when retention deletes a child) keeps the count exact, and matching scores stay what they were.
CREATE TABLE match_key_frequency (
    key      VARCHAR(160) PRIMARY KEY,
    children BIGINT       NOT NULL
);

INSERT INTO match_key_frequency (key, children)
SELECT key, count(*) FROM child_match_key WHERE key LIKE 'fx:%' OR key LIKE 'gx:%' GROUP BY key;

CREATE FUNCTION count_match_key_frequency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO match_key_frequency (key, children) VALUES (NEW.key, 1)
        ON CONFLICT (key) DO UPDATE SET children = match_key_frequency.children + 1;
        RETURN NEW;
    END IF;
    UPDATE match_key_frequency SET children = children - 1 WHERE key = OLD.key;
    RETURN OLD;
END
$$;

CREATE TRIGGER child_match_key_frequency_insert AFTER INSERT ON child_match_key
    FOR EACH ROW WHEN (NEW.key LIKE 'fx:%' OR NEW.key LIKE 'gx:%') EXECUTE FUNCTION count_match_key_frequency();
CREATE TRIGGER child_match_key_frequency_delete AFTER DELETE ON child_match_key
    FOR EACH ROW WHEN (OLD.key LIKE 'fx:%' OR OLD.key LIKE 'gx:%') EXECUTE FUNCTION count_match_key_frequency();
-- Keys are only ever inserted and deleted, never updated in place.
