-- The trace context of the work that wrote an event (a REST request's span, say), as W3C propagation headers in
-- name=value lines: the relay sends it as the Kafka record's traceparent, so the consumer continues the same trace.
-- Debezium's outbox router reads the same column (tracingspancontext), so change-data capture would carry it too.
-- Nullable: rows written outside any trace, and every row written before this change, have none.
ALTER TABLE outbox_event ADD COLUMN tracingspancontext VARCHAR(512);
ALTER TABLE outbox_dead_letter ADD COLUMN tracingspancontext VARCHAR(512);
