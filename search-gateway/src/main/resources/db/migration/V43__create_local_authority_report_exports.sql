-- Issue 23: the children-missing-education CSV is a bulk disclosure with a quota of its own, per local authority per
-- UTC day, shared by every gateway instance.
CREATE TABLE local_authority_report_export (
    local_authority VARCHAR(20) NOT NULL,
    export_day      DATE        NOT NULL,
    exports         INT         NOT NULL,
    PRIMARY KEY (local_authority, export_day)
);
-- The LA team's reports list one authority's children; without this every report reads the whole child table.
CREATE INDEX IF NOT EXISTS child_responsible_local_authority ON child (responsible_local_authority)
    WHERE status = 'ACTIVE';
