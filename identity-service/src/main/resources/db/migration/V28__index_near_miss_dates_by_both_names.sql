-- Blocking by a mistyped date of birth now needs both names (MatchKeys, dn: keys): a near-miss date with one name
-- found every child born that day whose name sounds alike, so the work per record grew with the register's density.
-- Every indexed child gains its dn: keys: its date of birth with each pair of its given-name (dg:) and family-name
-- (df:) sounds, the two sounds in code-point order as MatchKeys writes them. Not counted by the frequency trigger.
INSERT INTO child_match_key (child_id, key)
SELECT g.child_id,
       'dn:' || split_part(g.key, ':', 2) || ':'
           || LEAST(split_part(g.key, ':', 3) COLLATE "C", split_part(f.key, ':', 3) COLLATE "C") || ':'
           || GREATEST(split_part(g.key, ':', 3) COLLATE "C", split_part(f.key, ':', 3) COLLATE "C")
FROM child_match_key g
JOIN child_match_key f ON f.child_id = g.child_id AND f.key LIKE 'df:%'
     AND split_part(f.key, ':', 2) = split_part(g.key, ':', 2)
WHERE g.key LIKE 'dg:%'
ON CONFLICT (child_id, key) DO NOTHING;
