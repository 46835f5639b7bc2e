-- The m and u probabilities the matcher scores with, one row per estimate (issue 18); the highest version is in
-- force, and every decision's candidates name the version that scored them. No row: the built-in version 0.
CREATE TABLE match_weights (
    version        BIGINT           PRIMARY KEY,
    estimated_at   TIMESTAMPTZ      NOT NULL,
    estimated_by   VARCHAR(200)     NOT NULL,
    levels         JSONB            NOT NULL,
    random_pairs   INTEGER          NOT NULL,
    training_pairs INTEGER          NOT NULL,
    match_share    DOUBLE PRECISION NOT NULL,
    iterations     INTEGER          NOT NULL
);
