-- An organisation's own webhook: its notifications are also pushed there, signed with HMAC-SHA256 under the secret
-- it was given when it registered (the server needs the secret itself to sign). One per organisation code.
CREATE TABLE webhook (
    organisation_code VARCHAR(40)   PRIMARY KEY,
    url               VARCHAR(2000) NOT NULL,
    secret            VARCHAR(100)  NOT NULL,
    registered_by     VARCHAR(100)  NOT NULL,
    registered_at     TIMESTAMPTZ   NOT NULL
);
-- A notification for an organisation with a webhook is due for pushing until its receiver accepts it (or the attempts
-- run out: it stays in the inbox either way). NULL: nothing (more) to push.
ALTER TABLE notification ADD COLUMN webhook_due_at       TIMESTAMPTZ;
ALTER TABLE notification ADD COLUMN webhook_attempts     INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notification ADD COLUMN webhook_delivered_at TIMESTAMPTZ;
CREATE INDEX notification_webhook_due ON notification (webhook_due_at) WHERE webhook_due_at IS NOT NULL;
