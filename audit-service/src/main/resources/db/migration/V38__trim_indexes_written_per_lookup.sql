-- Issue 19: every lookup chained writes rows in several tables, and each index on them is another write per row.
-- Three indexes cost a write per lookup and serve only a ten-minutely clean-up, or a rule they never serve, or keep an
-- update from being heap-only. (lookup_child_window stays: forgetting a judged window's children through its tallies
-- would leave behind the child of a late lookup committed between the two deletes.)
--
-- * search_tally_touched: the counts nobody can still reach are forgotten by a scan every ten minutes (the table holds
--   about an hour of per-user minutes); with no index on touched_at, adding to a minute's count no longer writes index
--   entries for the new row version when the page has room (a heap-only update).
-- * misuse_alert_user_rule: read only for search-burst alerts (the latest per user), which have no period; the
--   out-of-hours alerts, one per practitioner and night, are found by misuse_alert_period. Now partial: an out-of-hours
--   alert writes one index entry fewer.
-- * lookup_tally_due (window_start, children) becomes lookup_tally_window (window_start): the hourly judging reads a
--   due window's tallies and filters on children itself, and adding to a tally (children, lookups, last seen) changes
--   no indexed column, so it can be a heap-only update.
--
-- The three tables counted on by every batch leave a fifth of each page free for those heap-only updates.
DROP INDEX search_tally_touched;
DROP INDEX misuse_alert_user_rule;
CREATE INDEX misuse_alert_user_rule ON misuse_alert (user_id, rule, occurred_at) WHERE period_start IS NULL;
DROP INDEX lookup_tally_due;
CREATE INDEX lookup_tally_window ON lookup_tally (window_start);
ALTER TABLE search_tally SET (fillfactor = 80);
ALTER TABLE lookup_tally SET (fillfactor = 80);
ALTER TABLE misuse_alert SET (fillfactor = 80);
