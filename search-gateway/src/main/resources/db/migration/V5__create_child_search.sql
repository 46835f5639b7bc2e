-- The search model: one self-contained row per (child, family-name variant), only for children who may be found
-- (not archived, closed or merged; in targeted mode only children in scope are held at all), carrying what a match
-- shows, so a search reads this table alone. Keys and sounds are made in Java (Names: ICU transliteration, folding,
-- Double Metaphone) by the projection, in the same transaction as the rest of the read model; the same code folds the
-- query. An existing deployment fills it with one rebuild (POST /admin/read-model/rebuild).
CREATE TABLE child_search (
    contact_point_id VARCHAR(12)  NOT NULL REFERENCES child (contact_point_id) ON DELETE CASCADE,
    variant          CHAR(1)      NOT NULL, -- C current family name, F former name or alias, P one part of either
    family_key       TEXT         NOT NULL,
    family_sound     TEXT         NOT NULL,
    family_sound_alt TEXT         NOT NULL,
    variant_name     VARCHAR(200) NOT NULL, -- this variant's family name as held
    date_of_birth    DATE,
    given_keys       TEXT[]       NOT NULL, -- current given names, whole and each part
    other_given_keys TEXT[]       NOT NULL, -- preferred name, former and alias given names
    gender           VARCHAR(20),
    postcode         VARCHAR(8),            -- NULL while shielded: a postcode never finds a shielded child
    vulnerable       BOOLEAN      NOT NULL, -- has a vulnerability (the targeted scope's rule, checked again on search)
    given_names      VARCHAR(200),
    family_name      VARCHAR(200),
    preferred_name   VARCHAR(200),
    shielded         BOOLEAN      NOT NULL,
    protected        BOOLEAN      NOT NULL  -- on a child-protection plan or looked after (named in the audit event)
);
CREATE INDEX child_search_child ON child_search (contact_point_id);
-- The exact probe: a family-name key on a birthday (and its transpositions), or within a month or a year.
CREATE INDEX child_search_exact ON child_search (family_key, date_of_birth);
-- Sound-alike, run only when the exact probe finds too few.
CREATE INDEX child_search_sound ON child_search (family_sound, date_of_birth);
CREATE INDEX child_search_sound_alt ON child_search (family_sound_alt, date_of_birth);
-- Typos: similar keys (pg_trgm) born on the dates searched, in one GiST scan (btree_gist for the date).
CREATE INDEX child_search_typo ON child_search USING gist (date_of_birth, family_key gist_trgm_ops);
-- Family name + gender + postcode, and given name + date of birth + postcode without a family name.
CREATE INDEX child_search_by_postcode ON child_search (postcode, date_of_birth) WHERE postcode IS NOT NULL;
