-- The idempotency keys of submissions whose involvement was removed for good (consent withdrawn, child purged), so
-- that the same submission sent again is answered as gone instead of re-creating it. Only a SHA-256 digest of the key
-- (agency and submissionId, which is free text an agency may fill with anything) is kept: nothing here names a child,
-- a service or an agency.
CREATE TABLE submission_tombstone (
    key_digest    BYTEA       PRIMARY KEY,
    reason        VARCHAR(20) NOT NULL, -- CONSENT_WITHDRAWN or PURGED
    tombstoned_at TIMESTAMPTZ NOT NULL
);
