-- The audit trail: one row per stored access, hash-chained. record_hash = SHA-256(previous_hash || canonical form of
-- the record), so changing, removing or reordering any row breaks every link after it. The chained content is
-- canonical_event plus sequence, stored_at and source; the other columns are indexes derived from canonical_event
-- (verification checks they still agree with it).
CREATE TABLE audit_record (
    sequence          BIGINT       PRIMARY KEY,
    event_id          VARCHAR(255) NOT NULL UNIQUE,
    source            VARCHAR(255) NOT NULL, -- the topic it was consumed from, or audit-service for its own reads
    stored_at         TIMESTAMPTZ  NOT NULL,
    occurred_at       TIMESTAMPTZ  NOT NULL,
    service           VARCHAR(100) NOT NULL,
    user_id           VARCHAR(255) NOT NULL,
    organisation      VARCHAR(255),
    organisation_code VARCHAR(100),
    action            VARCHAR(100) NOT NULL,
    outcome           VARCHAR(20)  NOT NULL,
    purpose           VARCHAR(100),
    child_ids         TEXT[]       NOT NULL,
    canonical_event   TEXT         NOT NULL,
    previous_hash     CHAR(64)     NOT NULL,
    record_hash       CHAR(64)     NOT NULL UNIQUE
);

CREATE INDEX audit_record_child_ids ON audit_record USING GIN (child_ids);
CREATE INDEX audit_record_user ON audit_record (user_id, occurred_at);
CREATE INDEX audit_record_organisation ON audit_record (organisation_code, occurred_at);
CREATE INDEX audit_record_occurred ON audit_record (occurred_at);

-- The head of the chain: one row, locked FOR UPDATE by every append so that concurrent consumers take turns and the
-- chain never forks. Sequence 0 with 64 zeros is the genesis.
CREATE TABLE chain_head (
    id            SMALLINT PRIMARY KEY CHECK (id = 1),
    last_sequence BIGINT   NOT NULL,
    last_hash     CHAR(64) NOT NULL,
    checkpointed_sequence BIGINT NOT NULL DEFAULT 0
);
INSERT INTO chain_head (id, last_sequence, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only, enforced by the database and not only by the code: any UPDATE, DELETE or TRUNCATE fails, whoever asks.
-- (A superuser can still bypass triggers; that is what the hash chain and the published checkpoints are for.)
CREATE FUNCTION reject_audit_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_record_append_only_rows
    BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION reject_audit_record_change();
CREATE TRIGGER audit_record_append_only_truncate
    BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION reject_audit_record_change();

-- And by privilege: the service's own role may read and insert, never change or remove. Locally that role is
-- audit_svc (deploy/local/postgres.sh); where it does not exist (tests connect as a superuser) there is nobody to
-- revoke from.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'audit_svc') THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_record FROM audit_svc;
        GRANT SELECT, INSERT ON audit_record TO audit_svc;
    END IF;
END;
$$;
