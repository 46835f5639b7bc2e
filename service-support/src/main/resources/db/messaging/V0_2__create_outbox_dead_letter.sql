-- Outbox rows the broker refused for good (say a record larger than the broker accepts): moved here after a few
-- attempts so they stop blocking the rows behind them. Each one is an alert: someone must look, fix and re-send.
CREATE TABLE outbox_dead_letter (
    sequence        BIGINT       PRIMARY KEY,
    id              UUID         NOT NULL UNIQUE,
    aggregatetype   VARCHAR(255) NOT NULL,
    aggregateid     VARCHAR(255) NOT NULL,
    type            VARCHAR(255) NOT NULL,
    payload         TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    reason          TEXT         NOT NULL,
    attempts        INT          NOT NULL,
    dead_lettered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
