-- A HIGH alert opens an investigation for the local authority team that administers the user's account (or, for an
-- account ContactPoint does not administer, the authority the user's token named); the team closes it with an outcome.
CREATE TABLE misuse_investigation (
    investigation_id  uuid         PRIMARY KEY,
    alert_id          uuid         NOT NULL UNIQUE,
    rule              varchar(40)  NOT NULL,
    summary           text         NOT NULL,
    user_id           varchar(200) NOT NULL,
    user_name         varchar(200),
    organisation      varchar(200),
    organisation_code varchar(64),
    local_authority   varchar(9),
    account_suspended boolean      NOT NULL,
    opened_at         timestamptz  NOT NULL,
    outcome           varchar(30)  CHECK (outcome IN ('NO_MISUSE', 'MISUSE_CONFIRMED', 'REFERRED')),
    outcome_note      text,
    closed_by         varchar(200),
    closed_at         timestamptz
);

CREATE INDEX misuse_investigation_by_local_authority ON misuse_investigation (local_authority, opened_at DESC);
