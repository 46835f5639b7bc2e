-- audit.records.v1 is published straight from audit_record, by sequence, instead of through a copy of every record in
-- outbox_event (issue 19: the copy, the relay's read of it and its sent_at update were two of every lookup's three
-- writes in this database). Records are appended under the chain head's row lock, held until commit, so they become
-- visible in sequence order and "published up to sequence n" has no gaps to miss.

-- The trace each record's stream event continues (its consumer span's traceparent, as an outbox row kept it): not
-- part of the chained content, so not hashed.
ALTER TABLE audit_record ADD COLUMN stream_trace TEXT;

-- How far the stream has been published, and the last checkpoint sent on it (checkpoints are sent by the same
-- publisher, after the records they cover). One row, locked by whichever instance publishes a batch.
CREATE TABLE audit_stream_position (
    id                    SMALLINT    PRIMARY KEY CHECK (id = 1),
    published_sequence    BIGINT      NOT NULL,
    checkpointed_sequence BIGINT      NOT NULL,
    checkpointed_at       TIMESTAMPTZ NOT NULL
);

-- Hand-over: whatever the outbox had not yet sent of the stream is sent by the new publisher instead, in order. The
-- outbox relay sends in sequence order, so its unsent stream rows are the newest records; the stream resumes after
-- the last record it sent, and after the last checkpoint it sent.
INSERT INTO audit_stream_position (id, published_sequence, checkpointed_sequence, checkpointed_at)
SELECT 1,
       coalesce((SELECT min((payload::jsonb ->> 'sequence')::bigint) - 1 FROM outbox_event
                 WHERE aggregatetype = 'audit.records.v1' AND type = 'audit.record.stored.v1' AND sent_at IS NULL),
                h.last_sequence),
       coalesce((SELECT min((payload::jsonb ->> 'previousCheckpointSequence')::bigint) FROM outbox_event
                 WHERE aggregatetype = 'audit.records.v1' AND type = 'audit.chain.checkpointed.v1'
                   AND sent_at IS NULL),
                h.checkpointed_sequence),
       now()
FROM chain_head h WHERE h.id = 1;

DELETE FROM outbox_event WHERE aggregatetype = 'audit.records.v1' AND sent_at IS NULL;

-- A rolling upgrade runs instances of the release before this one beside this one for a while: they still copy each
-- record they chain into the outbox, and their relays would send the copy (a random ce_id) beside this publisher's
-- (sequences going back, every record twice). Their copies and checkpoints are dropped as they are written; the
-- records themselves are in audit_record, where this publisher reads them. Nothing of this release writes such a row.
CREATE FUNCTION drop_outbox_audit_stream_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_event_no_audit_stream_rows
    BEFORE INSERT ON outbox_event
    FOR EACH ROW WHEN (NEW.aggregatetype = 'audit.records.v1') EXECUTE FUNCTION drop_outbox_audit_stream_rows();

-- chain_head.checkpointed_sequence is no longer read or written by this release (the position above holds the last
-- checkpoint); it stays while the earlier release's instances, which map it, may still run, and goes in a later one.
