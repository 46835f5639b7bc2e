-- submitted_for differs from contact_point_id only for an involvement a merge re-homed (or one submitted for a child
-- already merged): the unmerge's query (InvolvementRepository.submittedForButElsewhere) asks for those alone. Every
-- other involvement gave this index an entry that only repeated involvement_child's: one index entry of five written
-- per involvement in an agency's initial load (docs/benchmarks.md, "Session 19"). Built in the migration's transaction
-- (the table is locked against writes meanwhile: a few seconds at 2.5 M involvements).
CREATE INDEX involvement_rehomed ON involvement (submitted_for) WHERE submitted_for <> contact_point_id;
DROP INDEX involvement_submitted_for;
