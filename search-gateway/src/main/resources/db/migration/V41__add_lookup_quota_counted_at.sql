-- When a window's total last grew, in the database's clock: each instance reads the totals counted since its last
-- read (every instance's), so that a user first seen by an instance starts from them without a read on the lookup.
ALTER TABLE lookup_quota ADD COLUMN counted_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp();
CREATE INDEX lookup_quota_counted_at ON lookup_quota (counted_at);
