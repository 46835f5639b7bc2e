-- Notifications, each addressed to one organisation (by its org_code) or one local authority (by its la code), read
-- by that recipient alone from its inbox (GET /notifications). Written in the transaction that causes them; nothing is
-- published for others to read. A purge of the child deletes its notifications.
CREATE TABLE notification (
    id                        UUID PRIMARY KEY,
    recipient_kind            VARCHAR(20)  NOT NULL, -- ORGANISATION or LOCAL_AUTHORITY
    recipient                 VARCHAR(40)  NOT NULL, -- the organisation code or the local authority code
    recipient_name            VARCHAR(200),
    type                      VARCHAR(80)  NOT NULL,
    contact_point_id          VARCHAR(12)  NOT NULL,
    message                   VARCHAR(500) NOT NULL,
    service_type              VARCHAR(40),
    service_organisation_name VARCHAR(200),
    service_organisation_code VARCHAR(40),
    local_authority           VARCHAR(20),
    previous_local_authority  VARCHAR(20),
    created_at                TIMESTAMPTZ  NOT NULL,
    acknowledged_at           TIMESTAMPTZ,
    acknowledged_by           VARCHAR(100)
);
-- One recipient's inbox in the order it is read: unacknowledged first, oldest first.
CREATE INDEX notification_inbox ON notification (recipient_kind, recipient, (acknowledged_at IS NOT NULL), created_at, id);
CREATE INDEX notification_child ON notification (contact_point_id);
