-- Blocking keys on date of birth and postcode (dp:, issue 18, session 14): a record whose two names both changed (a
-- nickname beside a mistyped family name, names swapped with a middle name, a new family name) still finds the child
-- at its address born that day. Children indexed before this get theirs from the date + given-name and postcode +
-- given-name keys they already have (a shielded child has no postcode key, so none: it is matched without its
-- postcode); children indexed from now on get them from MatchKeys.of. Not a frequency key: the V36 trigger does not
-- count it.
INSERT INTO child_match_key (child_id, key)
SELECT DISTINCT g.child_id, 'dp:' || split_part(g.key, ':', 2) || ':' || split_part(p.key, ':', 2)
FROM child_match_key g
JOIN child_match_key p ON p.child_id = g.child_id AND p.key LIKE 'pg:%'
WHERE g.key LIKE 'dg:%'
ORDER BY 1, 2
ON CONFLICT DO NOTHING;
