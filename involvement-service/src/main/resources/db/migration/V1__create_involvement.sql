-- What this service knows of each child, from identity.children.v1: enough to accept, park, re-home and notify.
-- A purged child keeps only its ID and status PURGED, so late submissions and stale events cannot bring it back.
CREATE TABLE known_child (
    contact_point_id            VARCHAR(12) PRIMARY KEY,
    version                     BIGINT      NOT NULL,
    status                      VARCHAR(20) NOT NULL,
    merged_into                 VARCHAR(12),
    responsible_local_authority VARCHAR(20),
    updated_at                  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Source identifiers (NHS number, LA case id, ...) by which agencies that do not know the ContactPoint ID name a child.
CREATE TABLE known_child_identifier (
    contact_point_id VARCHAR(12)  NOT NULL REFERENCES known_child (contact_point_id) ON DELETE CASCADE,
    scheme           VARCHAR(40)  NOT NULL,
    value            VARCHAR(100) NOT NULL,
    source           VARCHAR(60),
    PRIMARY KEY (contact_point_id, scheme, value)
);
CREATE INDEX known_child_identifier_lookup ON known_child_identifier (scheme, value);

-- A service working with a child. contact_point_id is where it lives now (a merge re-homes it); submitted_for is the
-- child it was submitted for, so an unmerge can move it back.
CREATE TABLE involvement (
    id                UUID PRIMARY KEY,
    source_agency     VARCHAR(100) NOT NULL,
    submission_id     VARCHAR(100) NOT NULL,
    contact_point_id  VARCHAR(12)  NOT NULL,
    submitted_for     VARCHAR(12)  NOT NULL,
    version           BIGINT       NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    service_type      VARCHAR(40)  NOT NULL,
    sensitive         BOOLEAN      NOT NULL,
    organisation_name VARCHAR(200) NOT NULL,
    organisation_code VARCHAR(40),
    practitioner_name VARCHAR(200),
    practitioner_role VARCHAR(200),
    contact_phone     VARCHAR(30),
    contact_email     VARCHAR(254),
    start_date        DATE         NOT NULL,
    end_date          DATE,
    lead_professional BOOLEAN      NOT NULL,
    caf_held          BOOLEAN      NOT NULL,
    basis             JSONB,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (source_agency, submission_id)
);
CREATE INDEX involvement_child ON involvement (contact_point_id);
CREATE INDEX involvement_submitted_for ON involvement (submitted_for);
CREATE INDEX involvement_organisation ON involvement (organisation_code);
-- At most one active lead professional per child, whatever the code above it does.
CREATE UNIQUE INDEX involvement_one_active_lead ON involvement (contact_point_id)
    WHERE lead_professional AND status = 'ACTIVE';

-- A submission for a child this service does not know yet: kept, and applied when the child's event arrives.
CREATE TABLE parked_submission (
    involvement_id    UUID PRIMARY KEY,
    source_agency     VARCHAR(100) NOT NULL,
    submission_id     VARCHAR(100) NOT NULL,
    contact_point_id  VARCHAR(12),
    identifier_scheme VARCHAR(40),
    identifier_value  VARCHAR(100),
    identifier_source VARCHAR(60),
    submission        TEXT         NOT NULL, -- the submission as received (JSON)
    submitted_by      TEXT         NOT NULL, -- the caller (JSON), for the audit record
    received_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (source_agency, submission_id)
);
CREATE INDEX parked_submission_child ON parked_submission (contact_point_id);
CREATE INDEX parked_submission_identifier ON parked_submission (identifier_scheme, identifier_value);

-- A practitioner's request that the LA management team put them in touch with a sensitive service.
CREATE TABLE brokering_request (
    id                      UUID PRIMARY KEY,
    involvement_id          UUID         NOT NULL REFERENCES involvement (id) ON DELETE CASCADE,
    status                  VARCHAR(20)  NOT NULL,
    reason                  VARCHAR(1000) NOT NULL,
    requester_user_id       VARCHAR(100) NOT NULL,
    requester_name          VARCHAR(200),
    requester_organisation  VARCHAR(200),
    requester_contact       VARCHAR(254) NOT NULL,
    outcome_note            VARCHAR(1000),
    acted_by                VARCHAR(100),
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    acted_at                TIMESTAMPTZ
);
CREATE INDEX brokering_request_status ON brokering_request (status, created_at);
