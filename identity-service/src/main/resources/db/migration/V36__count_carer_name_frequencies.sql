-- How many children of each family name name a parent or carer of each given name (cx: keys, issue 18, session 12),
-- counted as the names and birthdays are: the u of two different children naming the same carer is that count over
-- the family name's (Aisha among the Khans is common, so agreeing on her weighs less). Children recorded before this
-- have no cx: keys; the matcher then takes the typical share, never a rarer one, so no backfill is needed for safety.
CREATE OR REPLACE FUNCTION count_added_match_key_frequency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO match_key_frequency (key, children)
    SELECT key, count(*) FROM added
    WHERE key LIKE 'fx:%' OR key LIKE 'gx:%' OR key LIKE 'bx:%' OR key LIKE 'cx:%'
    GROUP BY key ORDER BY key
    ON CONFLICT (key) DO UPDATE SET children = match_key_frequency.children + excluded.children;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION count_removed_match_key_frequency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE match_key_frequency f SET children = f.children - r.children
    FROM (SELECT key, count(*) AS children FROM removed
          WHERE key LIKE 'fx:%' OR key LIKE 'gx:%' OR key LIKE 'bx:%' OR key LIKE 'cx:%'
          GROUP BY key ORDER BY key) r
    WHERE f.key = r.key;
    RETURN NULL;
END
$$;
