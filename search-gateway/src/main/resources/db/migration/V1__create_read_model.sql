-- The gateway's read model: what practitioners may look up, projected from identity and involvement events.
-- Locally the extensions are created by the superuser beforehand; tests run as superuser and create them here.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Folds a name for matching: no accents (Siobhán -> siobhan, Nguyễn -> nguyen), lower case, letters only
-- (O'Brien -> obrien). unaccent() is only STABLE, so it is wrapped with its dictionary named explicitly.
CREATE FUNCTION name_key(name TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, name)), '[^a-z]', '', 'g') $$;

-- A child as the gateway shows it. Location details are kept for break-glass but never indexed while shielded.
CREATE TABLE child (
    contact_point_id            VARCHAR(12)  PRIMARY KEY,
    version                     BIGINT       NOT NULL,
    status                      VARCHAR(20)  NOT NULL,
    merged_into                 VARCHAR(12),
    given_names                 VARCHAR(200),
    family_name                 VARCHAR(200),
    preferred_name              VARCHAR(200),
    former_names                JSONB        NOT NULL DEFAULT '[]',
    date_of_birth               DATE,
    gender                      VARCHAR(20),
    date_of_death               DATE,
    whereabouts                 JSONB,
    parents_carers              JSONB        NOT NULL DEFAULT '[]',
    identifiers                 JSONB        NOT NULL DEFAULT '[]',
    responsible_local_authority VARCHAR(20),
    shielded                    BOOLEAN      NOT NULL DEFAULT false,
    -- Compact upper-case postcode for searching; always NULL while shielded, so a postcode can never find them.
    search_postcode             VARCHAR(8),
    vulnerabilities             JSONB        NOT NULL DEFAULT '[]',
    updated_at                  TIMESTAMPTZ  NOT NULL
);
-- Family name + date of birth (exact, month or short range): the date of birth drives the plan.
CREATE INDEX child_date_of_birth ON child (date_of_birth) WHERE status NOT IN ('ARCHIVED', 'MERGED');
-- Family name + gender + postcode.
CREATE INDEX child_search_postcode ON child (search_postcode) WHERE search_postcode IS NOT NULL;

-- Every name a child can be found by, folded: current, former and preferred names, whole and each part of a
-- multi-part name (Smith-Jones -> smithjones, smith, jones).
CREATE TABLE child_name_key (
    contact_point_id VARCHAR(12) NOT NULL REFERENCES child (contact_point_id) ON DELETE CASCADE,
    part             CHAR(1)     NOT NULL, -- F family, G given
    current_name     BOOLEAN     NOT NULL, -- false for former names and aliases
    whole            BOOLEAN     NOT NULL, -- the whole name rather than one part of it
    key              TEXT        NOT NULL,
    metaphone        TEXT        NOT NULL,
    metaphone_alt    TEXT        NOT NULL
);
CREATE INDEX child_name_key_child ON child_name_key (contact_point_id);
-- Family name + a wide date-of-birth range (a year or more): the name drives the plan, by sound or by trigrams.
CREATE INDEX child_name_key_metaphone ON child_name_key (metaphone) WHERE part = 'F';
CREATE INDEX child_name_key_trigram ON child_name_key USING gin (key gin_trgm_ops) WHERE part = 'F';

-- Identifiers a practitioner may search by exactly (NHS number).
CREATE TABLE child_identifier (
    scheme           VARCHAR(40)  NOT NULL,
    value            VARCHAR(100) NOT NULL,
    contact_point_id VARCHAR(12)  NOT NULL REFERENCES child (contact_point_id) ON DELETE CASCADE,
    PRIMARY KEY (scheme, value, contact_point_id)
);
CREATE INDEX child_identifier_child ON child_identifier (contact_point_id);

-- Who works with a child. Sensitive services carry no details at all.
CREATE TABLE involvement (
    involvement_id     VARCHAR(64)  PRIMARY KEY,
    contact_point_id   VARCHAR(12)  NOT NULL,
    version            BIGINT       NOT NULL,
    status             VARCHAR(20)  NOT NULL,
    service_type       VARCHAR(60),
    sensitive          BOOLEAN      NOT NULL,
    organisation_name  VARCHAR(200),
    organisation_code  VARCHAR(40),
    practitioner_name  VARCHAR(200),
    practitioner_role  VARCHAR(200),
    contact_phone      VARCHAR(60),
    contact_email      VARCHAR(200),
    start_date         DATE,
    end_date           DATE,
    lead_professional  BOOLEAN      NOT NULL,
    caf_held           BOOLEAN      NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX involvement_child ON involvement (contact_point_id);

-- Children purged by identity: an event for them that arrives late must not bring them back.
CREATE TABLE purged_child (
    contact_point_id VARCHAR(12) PRIMARY KEY,
    purged_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Lookups per user per window, for the per-minute and per-day quotas (shared by every gateway instance).
CREATE TABLE lookup_quota (
    user_id      VARCHAR(200) NOT NULL,
    window_kind  VARCHAR(10)  NOT NULL,
    window_start TIMESTAMPTZ  NOT NULL,
    lookups      INT          NOT NULL,
    PRIMARY KEY (user_id, window_kind, window_start)
);
