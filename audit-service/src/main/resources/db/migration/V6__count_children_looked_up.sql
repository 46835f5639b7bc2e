-- The unrelated-children rule keeps, per user and window (a UTC day by default), the distinct children the user looked
-- up and how many there were, updated once per consumed batch (issue 19), instead of loading every lookup of the
-- window from audit_record when it judges. Only users who looked up enough children are then checked against the
-- involvements their organisation recorded; a window's counts are forgotten once it is judged.
CREATE TABLE lookup_tally (
    user_id           VARCHAR(255) NOT NULL,
    window_start      TIMESTAMPTZ  NOT NULL,
    organisation_code VARCHAR(100),          -- of the user's latest lookup in the window
    children          INT          NOT NULL, -- distinct children looked up
    lookups           INT          NOT NULL,
    first_seen_at     TIMESTAMPTZ  NOT NULL,
    last_seen_at      TIMESTAMPTZ  NOT NULL,
    first_sequence    BIGINT       NOT NULL,
    last_sequence     BIGINT       NOT NULL,
    PRIMARY KEY (user_id, window_start)
);
CREATE INDEX lookup_tally_due ON lookup_tally (window_start, children);

CREATE TABLE lookup_child (
    user_id      VARCHAR(255) NOT NULL,
    window_start TIMESTAMPTZ  NOT NULL,
    child_id     VARCHAR(20)  NOT NULL,
    PRIMARY KEY (user_id, window_start, child_id)
);
CREATE INDEX lookup_child_window ON lookup_child (window_start);
