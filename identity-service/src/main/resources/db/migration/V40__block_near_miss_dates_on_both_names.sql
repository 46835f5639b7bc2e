-- Blocking keys on date of birth and both names' sounds (dn:, issue 17, session 13): a record's distant near-miss
-- dates (a digit mistyped) are now probed with these instead of dg:/df:, which at England's density made nine in ten
-- of the blocking join's rows. Children indexed before this get theirs from the date + given-name and date +
-- family-name keys they already have (the same sounds MatchKeys.of gives, one key per pair); children indexed from
-- now on get them from MatchKeys.of. Not a frequency key: the V36 trigger does not count it.
INSERT INTO child_match_key (child_id, key)
SELECT g.child_id, 'dn:' || substr(g.key, 4) || ':' || split_part(f.key, ':', 3)
FROM child_match_key g
JOIN child_match_key f ON f.child_id = g.child_id AND f.key LIKE 'df:%'
                      AND split_part(f.key, ':', 2) = split_part(g.key, ':', 2)
WHERE g.key LIKE 'dg:%'
ORDER BY 1, 2
ON CONFLICT DO NOTHING;
