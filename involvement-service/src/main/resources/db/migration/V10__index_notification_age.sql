-- Notifications are kept for a stated period (issue 16): the retention job finds expired ones by age and by the
-- time they were acknowledged.
CREATE INDEX notification_created ON notification (created_at);
CREATE INDEX notification_acknowledged ON notification (acknowledged_at) WHERE acknowledged_at IS NOT NULL;
