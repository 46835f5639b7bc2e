-- Birth-year search (family name + a year or more of birthdays): with the date of birth on child and the name on
-- child_name_key, the name indexes led and every similar name in every year became a candidate, so the query grew
-- with the register. The date of birth is copied onto the family-name keys so one GiST index (btree_gist for the
-- date and the metaphone, pg_trgm for the key) answers "born in this range AND name similar, same sound or equal to
-- a part" in one scan. Kept in step by ChildIndexRepository, which rewrites a child's keys on every change.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE child_name_key ADD COLUMN date_of_birth DATE;
UPDATE child_name_key k SET date_of_birth = c.date_of_birth FROM child c WHERE c.contact_point_id = k.contact_point_id;

CREATE INDEX child_name_key_birth_family ON child_name_key
    USING gist (date_of_birth, key gist_trgm_ops, metaphone) WHERE part = 'F';

-- A name-led search always has a date range, so the name-only indexes are no longer used; dropping them also stops
-- the trigram GIN index from being chosen over the date range.
DROP INDEX child_name_key_metaphone;
DROP INDEX child_name_key_trigram;
