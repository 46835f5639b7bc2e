-- involvement.involvements.v2 (keyed by involvement id, compacted) replaces involvement.involvements.v1 (keyed by
-- child, never compacted). Its consumers read it from the beginning, so every involvement stored before it existed is
-- published on it once, in its current state, by RepublishJob; a removed one is not (it was deleted here already).
CREATE TABLE involvement_republish (
    involvement_id UUID PRIMARY KEY
);
INSERT INTO involvement_republish (involvement_id) SELECT id FROM involvement;
