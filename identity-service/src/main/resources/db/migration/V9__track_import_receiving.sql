-- When an upload last delivered lines: an import still RECEIVING long after that (its client died mid-upload, or the
-- instance reading it was stopped) expires, rather than staying open for ever.
ALTER TABLE source_record_import ADD COLUMN last_received_at TIMESTAMPTZ;
