-- Usage reports from a daily roll-up (issue 23): per day in England's calendar, per kind of access, per organisation
-- and per local authority of the actor (the chained event's actor.localAuthority), how many records of the trail.
-- No child, no user: nothing personal. Filled incrementally by UsageRollUp from the chain's sequence: every record up
-- to usage_roll_up_watermark.rolled_up_to is counted here exactly once; the reports read the records after it.
CREATE TABLE usage_daily_count (
    day               DATE         NOT NULL,
    kind              VARCHAR(20)  NOT NULL CHECK (kind IN ('LOOKUP', 'BREAK_GLASS', 'SHIELDED', 'REFUSED')),
    organisation_code VARCHAR(100),
    local_authority   VARCHAR(100),
    organisation      VARCHAR(255),
    accesses          BIGINT       NOT NULL,
    CONSTRAINT usage_daily_count_key UNIQUE NULLS NOT DISTINCT (kind, day, organisation_code, local_authority)
);
CREATE INDEX usage_daily_count_authority ON usage_daily_count (kind, local_authority, day);

-- One row: the last chain sequence counted in usage_daily_count (0: none yet), and when the roll-up last moved it.
-- Locked FOR UPDATE SKIP LOCKED by a roll-up, so that two instances never count the same records.
CREATE TABLE usage_roll_up_watermark (
    id           SMALLINT    PRIMARY KEY CHECK (id = 1),
    rolled_up_to BIGINT      NOT NULL,
    rolled_at    TIMESTAMPTZ
);
INSERT INTO usage_roll_up_watermark (id, rolled_up_to) VALUES (1, 0);
