-- Involvements deleted (REMOVED, or their child purged), with the last version seen: an older event for one of
-- them, arriving later or from another partition (a re-homed involvement changes key), cannot bring it back.
CREATE TABLE removed_involvement (
    involvement_id VARCHAR(64) PRIMARY KEY,
    version        BIGINT      NOT NULL
);
