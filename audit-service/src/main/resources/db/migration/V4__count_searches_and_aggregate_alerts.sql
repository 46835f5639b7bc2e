-- The search-burst rule counts each user's searches per minute of occurrence, updated once per consumed batch, instead
-- of loading the user's searches from audit_record for every search. A burst is judged from the minutes inside the
-- window. touched_at (wall clock) lets counts nobody can still need be forgotten.
CREATE TABLE search_tally (
    user_id    VARCHAR(255) NOT NULL,
    minute     TIMESTAMPTZ  NOT NULL, -- occurred_at truncated to the minute
    searches   INT          NOT NULL,
    touched_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, minute)
);
CREATE INDEX search_tally_touched ON search_tally (touched_at);

-- Repeated alerts of one kind for one user are one alert: the first firing is published, later accesses the rule
-- would have alerted on again only count on it (occurrences, last_seen_at). period_start names the out-of-hours period
-- (night or weekend) an OUT_OF_HOURS alert covers, so there is one such alert per user per period.
ALTER TABLE misuse_alert ADD COLUMN occurrences INT NOT NULL DEFAULT 1;
ALTER TABLE misuse_alert ADD COLUMN last_seen_at TIMESTAMPTZ;
UPDATE misuse_alert SET last_seen_at = occurred_at;
ALTER TABLE misuse_alert ALTER COLUMN last_seen_at SET NOT NULL;
ALTER TABLE misuse_alert ADD COLUMN period_start TIMESTAMPTZ;
CREATE UNIQUE INDEX misuse_alert_period ON misuse_alert (user_id, rule, period_start) WHERE period_start IS NOT NULL;
