-- A misuse investigation's notice (issue 23): told to the user's organisation and to the local authority team that
-- investigates, from audit.investigations.v1. It names no child, so contact_point_id may be null for it, and only for it.
ALTER TABLE notification
    ALTER COLUMN contact_point_id DROP NOT NULL,
    ADD COLUMN investigation_id                UUID,
    ADD COLUMN investigation_rule              VARCHAR(40),
    ADD COLUMN investigation_user_id           VARCHAR(200),
    ADD COLUMN investigation_user_name         VARCHAR(200),
    ADD COLUMN investigation_organisation      VARCHAR(200),
    ADD COLUMN investigation_account_suspended BOOLEAN,
    ADD CONSTRAINT notification_about_a_child_or_an_investigation
        CHECK (contact_point_id IS NOT NULL OR investigation_id IS NOT NULL);
