-- An agency's initial load (POST /involvement-imports): the upload's submissions are staged here with COPY, in committed
-- chunks, then applied a batch at a time by the import worker; a line is marked done in the transaction that applied
-- it, so a crash (kill -9) at any point loses and repeats nothing.
CREATE TABLE involvement_import (
    id                UUID PRIMARY KEY,
    agency            VARCHAR(100) NOT NULL, -- the uploading caller's sub: the agency its submission ids belong to
    submitted_by      TEXT         NOT NULL, -- the caller (JSON), for the audit records
    organisation_code VARCHAR(40)  NOT NULL, -- the organisation the caller's token proves
    state             VARCHAR(20)  NOT NULL, -- RECEIVING, QUEUED, RUNNING, COMPLETED
    lines             BIGINT       NOT NULL DEFAULT 0,
    processed         BIGINT       NOT NULL DEFAULT 0,
    started           BIGINT       NOT NULL DEFAULT 0,
    parked            BIGINT       NOT NULL DEFAULT 0,
    duplicates        BIGINT       NOT NULL DEFAULT 0,
    rejected          BIGINT       NOT NULL DEFAULT 0,
    started_at        TIMESTAMPTZ  NOT NULL,
    processing_at     TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ
);
CREATE INDEX involvement_import_waiting ON involvement_import (started_at) WHERE state IN ('QUEUED', 'RUNNING');

-- A readable line of an upload: the submission as this service applies it (JSON of the command), by line number.
CREATE TABLE involvement_import_line (
    import_id  UUID    NOT NULL REFERENCES involvement_import (id) ON DELETE CASCADE,
    line       BIGINT  NOT NULL,
    submission TEXT    NOT NULL,
    done       BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (import_id, line)
);
CREATE INDEX involvement_import_line_pending ON involvement_import_line (import_id, line) WHERE NOT done;

-- A line that was not applied, and why (in words): unreadable, invalid, another organisation's, refused.
CREATE TABLE involvement_import_rejection (
    import_id UUID   NOT NULL REFERENCES involvement_import (id) ON DELETE CASCADE,
    line      BIGINT NOT NULL,
    reason    TEXT   NOT NULL,
    PRIMARY KEY (import_id, line)
);
