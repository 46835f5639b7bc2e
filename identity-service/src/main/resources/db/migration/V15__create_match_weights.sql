-- The m and u probabilities the matcher scores with, one row per estimate (issue 18). An estimate is stored first
-- and decides nothing until an administrator puts it in force; the version put in force last is the one in force; every decision's candidates name the version that scored them. Version 0 is the estimate
-- built into the code (its levels are empty: the code's own apply).
CREATE TABLE match_weights (
    version        BIGINT           PRIMARY KEY,
    estimated_at   TIMESTAMPTZ      NOT NULL,
    estimated_by   VARCHAR(200)     NOT NULL,
    levels         JSONB            NOT NULL,
    random_pairs   INTEGER          NOT NULL,
    training_pairs INTEGER          NOT NULL,
    match_share    DOUBLE PRECISION NOT NULL,
    iterations     INTEGER          NOT NULL,
    in_force_since TIMESTAMPTZ
);
CREATE INDEX match_weights_in_force ON match_weights (in_force_since DESC, version DESC)
    WHERE in_force_since IS NOT NULL;

INSERT INTO match_weights VALUES (0, now(), 'built-in', '{}', 0, 0, 0, 0, '-infinity');
