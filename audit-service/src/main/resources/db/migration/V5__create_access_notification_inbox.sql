-- Each local authority's access notifications, delivered only to it (issue 16, item 2): written in the transaction
-- that chains the view that triggers it, read by the authority through GET /access-notifications (its token's LA),
-- acknowledged there. Replaces the national topic audit.access-notifications.v1, which carried every authority's
-- notifications to whoever could read it. recipient_local_authority is null until audit-service learns the child's
-- responsible authority from identity.children.v1; it is then addressed.
CREATE TABLE access_notification (
    notification_id           UUID         PRIMARY KEY,
    child_id                  VARCHAR(20)  NOT NULL,
    recipient_local_authority VARCHAR(20),
    vulnerabilities           TEXT[]       NOT NULL,
    viewed_at                 TIMESTAMPTZ  NOT NULL,
    viewer_user_id            TEXT         NOT NULL,
    viewer_name               TEXT,
    viewer_organisation       TEXT,
    viewer_organisation_code  TEXT,
    viewer_local_authority    TEXT,
    purpose                   TEXT,
    break_glass_reason        TEXT,
    record_sequence           BIGINT       NOT NULL,
    acknowledged_at           TIMESTAMPTZ,
    acknowledged_by           TEXT
);
-- An inbox is read newest first, a page at a time.
CREATE INDEX access_notification_inbox ON access_notification (recipient_local_authority, viewed_at DESC,
                                                                notification_id);
CREATE INDEX access_notification_unaddressed ON access_notification (child_id) WHERE recipient_local_authority IS NULL;
