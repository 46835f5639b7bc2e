-- A bulk import of source records (a national or initial load): the upload is staged line by line with COPY, then
-- matched in batches. Progress counters move in each batch's own transaction, so they always agree with the lines.
CREATE TABLE source_record_import (
    id            UUID         PRIMARY KEY,
    submitted_by  VARCHAR(200) NOT NULL,
    submitter     JSONB        NOT NULL,
    format        VARCHAR(10)  NOT NULL,
    state         VARCHAR(20)  NOT NULL,
    lines         BIGINT       NOT NULL DEFAULT 0,
    processed     BIGINT       NOT NULL DEFAULT 0,
    linked        BIGINT       NOT NULL DEFAULT 0,
    created       BIGINT       NOT NULL DEFAULT 0,
    to_review     BIGINT       NOT NULL DEFAULT 0,
    pending       BIGINT       NOT NULL DEFAULT 0,
    rejected      BIGINT       NOT NULL DEFAULT 0,
    received_at   TIMESTAMPTZ  NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    failure       VARCHAR(1000)
);
CREATE INDEX source_record_import_open ON source_record_import (received_at) WHERE state IN ('RECEIVING', 'QUEUED', 'RUNNING');

-- One line of an upload (a CSV row already turned into the same JSON as an NDJSON line). STAGED until a batch takes
-- it; DONE or REJECTED (with the reason) in that batch's transaction.
CREATE TABLE source_record_import_line (
    import_id UUID          NOT NULL REFERENCES source_record_import (id) ON DELETE CASCADE,
    line      BIGINT        NOT NULL,
    body      TEXT          NOT NULL,
    state     VARCHAR(10)   NOT NULL DEFAULT 'STAGED',
    reason    VARCHAR(1000),
    PRIMARY KEY (import_id, line)
);
CREATE INDEX source_record_import_line_staged ON source_record_import_line (import_id, line) WHERE state = 'STAGED';
CREATE INDEX source_record_import_line_rejected ON source_record_import_line (import_id, line) WHERE state = 'REJECTED';
