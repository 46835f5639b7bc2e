-- Issue 18: which source said what about a child's address, names and carers, and when, and what became of it
-- (APPLIED: the value in force; KEPT: recorded, a local authority's edit wins; CONFLICT: a person decides). The value
-- in force of a field is its latest APPLIED row. Deleted with the child when its record is purged.
CREATE TABLE child_field_provenance (
    id           BIGSERIAL    PRIMARY KEY,
    child_id     BIGINT       NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    field        VARCHAR(20)  NOT NULL,
    source       VARCHAR(100) NOT NULL,
    value        TEXT         NOT NULL,
    asserted_at  TIMESTAMPTZ  NOT NULL,
    outcome      VARCHAR(10)  NOT NULL,
    reason       VARCHAR(400),
    -- Set on a CONFLICT row when a person has settled it (or a later value replaced it).
    settled_at   TIMESTAMPTZ,
    local_authority VARCHAR(20)
);

CREATE INDEX child_field_provenance_child ON child_field_provenance (child_id, field, id);
-- The open conflicts of an authority, for its review queue.
CREATE INDEX child_field_provenance_open_conflicts ON child_field_provenance (local_authority, id)
    WHERE outcome = 'CONFLICT' AND settled_at IS NULL;
