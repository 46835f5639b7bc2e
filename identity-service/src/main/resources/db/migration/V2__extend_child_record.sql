-- The rest of the regulated record, shielding, retention and lifecycle state.
ALTER TABLE child
    ADD COLUMN preferred_name     VARCHAR(200),
    ADD COLUMN former_names       JSONB        NOT NULL DEFAULT '[]',
    ADD COLUMN date_of_death      DATE,
    ADD COLUMN merged_into        VARCHAR(12),
    ADD COLUMN shield_since       TIMESTAMPTZ,
    ADD COLUMN shield_review_date DATE,
    ADD COLUMN shield_reason      VARCHAR(500),
    ADD COLUMN vulnerabilities    JSONB        NOT NULL DEFAULT '[]',
    ADD COLUMN retain_until_age   INT          NOT NULL DEFAULT 18,
    ADD COLUMN retention_reason   VARCHAR(40),
    ADD COLUMN archived_on        DATE;
CREATE INDEX child_status ON child (status);

-- NHS numbers and UPNs are national: the same value from any source is the same child.
CREATE INDEX child_source_identifier_value ON child_source_identifier (scheme, value);

-- Blocking keys: candidate retrieval looks these up by index instead of scanning every child. Also counts how
-- common a name is (term frequency) so a match on a rare name weighs more than one on a common name.
CREATE TABLE child_match_key (
    child_id BIGINT       NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    key      VARCHAR(160) NOT NULL,
    PRIMARY KEY (child_id, key)
);
CREATE INDEX child_match_key_key ON child_match_key (key);

-- Every matching decision, automatic or manual, with the per-field comparison that explains it. A REVIEW decision
-- is a review queue item until someone accepts or rejects it.
CREATE TABLE match_decision (
    id                 UUID PRIMARY KEY,
    source             VARCHAR(60)  NOT NULL,
    source_record_id   VARCHAR(100) NOT NULL,
    outcome            VARCHAR(20)  NOT NULL,
    status             VARCHAR(20)  NOT NULL,
    child_id           BIGINT REFERENCES child (id) ON DELETE CASCADE,
    score              DOUBLE PRECISION,
    local_authority    VARCHAR(20),
    record             JSONB        NOT NULL,
    candidates         JSONB        NOT NULL DEFAULT '[]',
    decided_by         VARCHAR(200) NOT NULL,
    decided_at         TIMESTAMPTZ  NOT NULL,
    resolved_by        VARCHAR(200),
    resolved_at        TIMESTAMPTZ
);
CREATE INDEX match_decision_source_record ON match_decision (source, source_record_id);
CREATE INDEX match_decision_pending ON match_decision (local_authority) WHERE status = 'PENDING';

-- A manual "not the same child": later automatic matching of that source record never links to that child.
CREATE TABLE match_exclusion (
    source           VARCHAR(60)  NOT NULL,
    source_record_id VARCHAR(100) NOT NULL,
    child_id         BIGINT       NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    PRIMARY KEY (source, source_record_id, child_id)
);

-- A merge keeps both records exactly as they were, so an unmerge restores them.
CREATE TABLE child_merge (
    id                UUID PRIMARY KEY,
    survivor_id       BIGINT      NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    merged_id         BIGINT      NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    survivor_snapshot JSONB       NOT NULL,
    merged_snapshot   JSONB       NOT NULL,
    moved_identifiers JSONB       NOT NULL DEFAULT '[]',
    reason            VARCHAR(500) NOT NULL,
    merged_by         VARCHAR(200) NOT NULL,
    merged_at         TIMESTAMPTZ NOT NULL,
    unmerged_by       VARCHAR(200),
    unmerged_at       TIMESTAMPTZ
);

-- The sealed link between a closed identity and the new one (adoption, protection). Never published.
CREATE TABLE sealed_identity_link (
    previous_child_id BIGINT       NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    new_child_id      BIGINT       NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    reason            VARCHAR(500) NOT NULL,
    created_by        VARCHAR(200) NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (previous_child_id, new_child_id)
);

-- Purged children's IDs are never issued again.
CREATE TABLE retired_contact_point_id (
    contact_point_id VARCHAR(12) PRIMARY KEY,
    purged_at        TIMESTAMPTZ NOT NULL
);
