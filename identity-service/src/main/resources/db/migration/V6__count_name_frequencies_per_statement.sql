-- Name-frequency counts move once per statement instead of once per row: a batch that indexes 2,000 children adds
-- each name's count once, and every transaction takes the counts' row locks in key order, so two batches (or a batch
-- and a single record) sharing names never deadlock. Same counts as V3's row triggers, for every way a key comes or
-- goes (re-index, merge, close, the cascade when retention deletes a child).
DROP TRIGGER child_match_key_frequency_insert ON child_match_key;
DROP TRIGGER child_match_key_frequency_delete ON child_match_key;
DROP FUNCTION count_match_key_frequency();

CREATE FUNCTION count_added_match_key_frequency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO match_key_frequency (key, children)
    SELECT key, count(*) FROM added WHERE key LIKE 'fx:%' OR key LIKE 'gx:%' GROUP BY key ORDER BY key
    ON CONFLICT (key) DO UPDATE SET children = match_key_frequency.children + excluded.children;
    RETURN NULL;
END
$$;

CREATE FUNCTION count_removed_match_key_frequency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE match_key_frequency f SET children = f.children - r.children
    FROM (SELECT key, count(*) AS children FROM removed WHERE key LIKE 'fx:%' OR key LIKE 'gx:%' GROUP BY key
          ORDER BY key) r
    WHERE f.key = r.key;
    RETURN NULL;
END
$$;

CREATE TRIGGER child_match_key_frequency_insert AFTER INSERT ON child_match_key
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_added_match_key_frequency();
CREATE TRIGGER child_match_key_frequency_delete AFTER DELETE ON child_match_key
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_removed_match_key_frequency();
