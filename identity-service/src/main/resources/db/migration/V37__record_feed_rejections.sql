-- Issue 23: source records refused as invalid over REST (one record, or one of a batch) and on Kafka, for the
-- data-quality report's rejections per feed (an import's refused lines stay on the import). Nothing about the child:
-- the feed, the authority the record named when it could be read, and the reason in words.
CREATE TABLE source_record_rejection (
    id              BIGSERIAL    PRIMARY KEY,
    received_at     TIMESTAMPTZ  NOT NULL,
    channel         VARCHAR(10)  NOT NULL,
    source          VARCHAR(100) NOT NULL,
    local_authority VARCHAR(20),
    reason          VARCHAR(500) NOT NULL,
    -- A Kafka record's topic/partition/offset, so a poll delivered again counts its refusals once.
    message_id      VARCHAR(300) UNIQUE
);
CREATE INDEX source_record_rejection_received ON source_record_rejection (received_at);
