-- Alerts raised by the misuse rules: kept so a rule that looks at a window does not raise the same alert again for
-- every further access in that window.
CREATE TABLE misuse_alert (
    alert_id    UUID         PRIMARY KEY,
    rule        VARCHAR(50)  NOT NULL,
    user_id     VARCHAR(255) NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL, -- when the access that triggered it happened
    raised_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX misuse_alert_user_rule ON misuse_alert (user_id, rule, occurred_at);
