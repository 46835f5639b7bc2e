-- The outbox relay waits on a channel instead of polling an idle outbox every 25 ms (OutboxRelay, RowsWritten): each
-- statement that inserts outbox rows notifies it, and PostgreSQL delivers the notification when the transaction
-- commits, so the relay wakes to rows it can see. Notifications of one transaction are folded into one.
-- (A committing transaction that notified takes a cluster-wide lock while its commit record is queued, so notifying
-- transactions commit one at a time: fine for the services' batched writes, a limit to know of for thousands of
-- single-row commits a second.) Versioned below every service's own migrations: out-of-order applies it to existing
-- databases. The function takes the channel as the trigger's argument, so a service's own relay can use it too
-- (audit-service's stream, V42).
CREATE FUNCTION notify_rows_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_ARGV[0], '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_written AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION notify_rows_written('outbox_event_written');
