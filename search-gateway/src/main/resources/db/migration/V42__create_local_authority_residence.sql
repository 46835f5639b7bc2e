-- Issue 23: when each child's responsible local authority last changed, and from which, for the LA team's
-- "moved in without a school or GP" report. Kept apart from the read model (its own consumer of identity.children.v1,
-- its own consumer group): the child table does not record when the authority changed.
CREATE TABLE local_authority_residence (
    contact_point_id         VARCHAR(12) PRIMARY KEY,
    local_authority          VARCHAR(20),
    -- When the child came under this authority: the registration, or the move's occurredAt.
    since                    TIMESTAMPTZ NOT NULL,
    -- The authority the child moved from; NULL when the child has not moved since registration.
    previous_local_authority VARCHAR(20),
    -- The child event's version last applied: an older or repeated event changes nothing.
    version                  BIGINT      NOT NULL
);
CREATE INDEX local_authority_residence_moved_in ON local_authority_residence (local_authority, since)
    WHERE previous_local_authority IS NOT NULL;
