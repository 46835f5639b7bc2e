-- What audit-service needs to know about children (from identity.children.v1): who to notify when a protected child's
-- record is viewed, and whose details to withhold in reports. A purged child (tombstone) is deleted.
CREATE TABLE child_profile (
    child_id                    VARCHAR(20)  PRIMARY KEY,
    version                     BIGINT       NOT NULL,
    responsible_local_authority VARCHAR(20),
    shielded                    BOOLEAN      NOT NULL,
    vulnerabilities             VARCHAR(255) NOT NULL -- comma-separated ChildEvent.Vulnerability names
);

-- Which organisation works with which child (from involvement.involvements.v1): for the unrelated-children rule and
-- to know a child's lead professional. Sensitive involvements carry no organisation and are not kept.
CREATE TABLE child_involvement (
    involvement_id    VARCHAR(255) PRIMARY KEY,
    child_id          VARCHAR(20)  NOT NULL,
    version           BIGINT       NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    organisation_code VARCHAR(100) NOT NULL,
    lead_professional BOOLEAN      NOT NULL,
    recorded_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX child_involvement_child ON child_involvement (child_id, organisation_code);
