-- A child known to ContactPoint. Names, dates and whereabouts only: never case information.
CREATE TABLE child (
    id                          BIGSERIAL PRIMARY KEY,
    contact_point_id            VARCHAR(12)  NOT NULL UNIQUE,
    version                     BIGINT       NOT NULL,
    status                      VARCHAR(20)  NOT NULL,
    given_names                 VARCHAR(200) NOT NULL,
    family_name                 VARCHAR(200) NOT NULL,
    date_of_birth               DATE         NOT NULL,
    gender                      VARCHAR(20)  NOT NULL,
    whereabouts                 JSONB        NOT NULL,
    parents_carers              JSONB        NOT NULL DEFAULT '[]',
    responsible_local_authority VARCHAR(20),
    created_at                  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at                  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- An identifier a source system holds for a child; the same source and id is always the same child.
CREATE TABLE child_source_identifier (
    id       BIGSERIAL PRIMARY KEY,
    child_id BIGINT       NOT NULL REFERENCES child (id),
    scheme   VARCHAR(40)  NOT NULL,
    value    VARCHAR(100) NOT NULL,
    source   VARCHAR(60)  NOT NULL,
    UNIQUE (source, scheme, value)
);
CREATE INDEX child_source_identifier_child ON child_source_identifier (child_id);
