-- The transactional outbox: rows are written in the same transaction as the business change and published by the
-- relay in sequence order. Column names follow Debezium's EventRouter so change-data capture can replace the relay.
CREATE TABLE outbox_event (
    sequence      BIGSERIAL PRIMARY KEY,
    id            UUID         NOT NULL UNIQUE,
    aggregatetype VARCHAR(255) NOT NULL, -- the topic the event is routed to
    aggregateid   VARCHAR(255) NOT NULL, -- the record key (a child's ContactPoint ID for child events)
    type          VARCHAR(255) NOT NULL, -- the CloudEvents type
    payload       TEXT,                  -- JSON; NULL publishes a tombstone
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at       TIMESTAMPTZ
);

-- The relay only ever looks at unsent rows, oldest first.
CREATE INDEX outbox_event_unsent ON outbox_event (sequence) WHERE sent_at IS NULL;

-- The inbox: a consumer records a message id before applying it, in the same transaction, so a redelivered message
-- finds its id already there and changes nothing.
CREATE TABLE inbox_message (
    consumer    VARCHAR(100) NOT NULL,
    message_id  VARCHAR(255) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);
