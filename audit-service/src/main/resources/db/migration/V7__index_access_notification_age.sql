-- Access notifications are kept for a stated period (issue 16): the retention job finds expired ones by the time of
-- the view and by the time they were acknowledged.
CREATE INDEX access_notification_viewed ON access_notification (viewed_at);
CREATE INDEX access_notification_acknowledged ON access_notification (acknowledged_at)
    WHERE acknowledged_at IS NOT NULL;
