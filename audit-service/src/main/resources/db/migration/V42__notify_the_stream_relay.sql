-- The stream relay (AuditStreamRelay) waits on this channel instead of polling the chain every 25 ms: each statement
-- that appends records notifies it, delivered when the append commits (one notification a transaction). Idle, the
-- relay looked every 25 ms, each look a transaction that locked the position row (FOR UPDATE writes WAL).
-- notify_rows_written is db/messaging's V0_3 (applied first: its version is lower).
CREATE TRIGGER audit_record_appended AFTER INSERT ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION notify_rows_written('audit_record_appended');
