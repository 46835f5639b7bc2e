-- Why an agency's submission on its topic was refused, for the agency to read over REST (GET /submissions/{id},
-- GET /rejected-submissions) without reading its dead-letter topic. Only the key and the reason: the refused payload,
-- which may name a child, stays on the .dlq. One row per refused record (topic, partition, offset), so a redelivered
-- poll adds nothing.
CREATE TABLE submission_rejection (
    id                UUID         PRIMARY KEY,
    source_agency     VARCHAR(200) NOT NULL,
    organisation_code VARCHAR(100) NOT NULL,
    submission_id     VARCHAR(200),
    reason            TEXT         NOT NULL,
    rejected_at       TIMESTAMPTZ  NOT NULL,
    record_position   VARCHAR(300) NOT NULL UNIQUE -- topic/partition/offset of the refused record
);
CREATE INDEX submission_rejection_agency ON submission_rejection (source_agency, organisation_code, rejected_at DESC, id);
CREATE INDEX submission_rejection_submission ON submission_rejection (source_agency, submission_id);
