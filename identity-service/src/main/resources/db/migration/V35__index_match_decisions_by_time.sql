-- Issue 23: the data-quality report counts each feed's decisions over a period, and when a child was last confirmed.
CREATE INDEX IF NOT EXISTS match_decision_decided_at ON match_decision (decided_at);
