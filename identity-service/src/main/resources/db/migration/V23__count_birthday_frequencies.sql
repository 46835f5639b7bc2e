-- How many matchable children share each date of birth (bx: keys), counted as the names are: at 1,650 children a
-- birthday, agreeing on the date of birth is far weaker evidence than the fixed 1 in 6,600 the matcher assumed, and
-- the date's own count makes a slice of the register weigh a shared birthday as the whole register would (issue 18).
CREATE OR REPLACE FUNCTION count_added_match_key_frequency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO match_key_frequency (key, children)
    SELECT key, count(*) FROM added WHERE key LIKE 'fx:%' OR key LIKE 'gx:%' OR key LIKE 'bx:%'
    GROUP BY key ORDER BY key
    ON CONFLICT (key) DO UPDATE SET children = match_key_frequency.children + excluded.children;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION count_removed_match_key_frequency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE match_key_frequency f SET children = f.children - r.children
    FROM (SELECT key, count(*) AS children FROM removed
          WHERE key LIKE 'fx:%' OR key LIKE 'gx:%' OR key LIKE 'bx:%' GROUP BY key ORDER BY key) r
    WHERE f.key = r.key;
    RETURN NULL;
END
$$;

-- Every matchable child (one with an fx: key) is indexed under its date of birth; the trigger counts them.
INSERT INTO child_match_key (child_id, key)
SELECT c.id, 'bx:' || to_char(c.date_of_birth, 'YYYY-MM-DD')
FROM child c
WHERE EXISTS (SELECT 1 FROM child_match_key k WHERE k.child_id = c.id AND k.key >= 'fx:' AND k.key < 'fx;')
ON CONFLICT DO NOTHING;
