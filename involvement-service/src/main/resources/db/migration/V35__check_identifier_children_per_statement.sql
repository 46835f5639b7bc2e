-- A child's source identifiers refer to the child as a foreign key would, checked once per statement instead of once
-- per row (issue 17; identity-service's V42 did the same for its blocking keys). A poll of identity's events writes
-- its children's identifiers (about 1.5 a child) in one statement, and the foreign key queued a trigger and ran a
-- `SELECT ... FOR KEY SHARE` of the child for each row. The guarantees stay those of the foreign key:
-- - an identifier of a child this service does not know is refused (SQLSTATE 23503, foreign_key_violation), the whole
--   statement with it, whether inserted or moved to that child by an update;
-- - the children it names are locked FOR KEY SHARE until commit, as the foreign key locked them, so a concurrent
--   delete of one waits and its cascade (below) then sees the committed identifiers; a child whose delete commits
--   while the statement waits for its lock is not locked, and the statement is refused as the foreign key refused it;
-- - deleting a child deletes its identifiers (was ON DELETE CASCADE), once per statement;
-- - a child's ID that identifiers refer to cannot be changed (was the foreign key's NO ACTION on update; nothing here
--   changes one, so the row trigger below never fires in practice).
ALTER TABLE known_child_identifier DROP CONSTRAINT known_child_identifier_contact_point_id_fkey;

CREATE FUNCTION check_identifier_children() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    named   BIGINT;
    locked  BIGINT;
    missing VARCHAR;
BEGIN
    -- Locked first, then counted: a child deleted by a transaction that commits while this one waits for its lock is
    -- skipped by the lock (READ COMMITTED), so it is missing from the count, as the foreign key would have found it.
    SELECT count(*) INTO locked
    FROM (SELECT contact_point_id FROM known_child WHERE contact_point_id IN (SELECT contact_point_id FROM added)
          ORDER BY contact_point_id FOR KEY SHARE) l;
    SELECT count(DISTINCT contact_point_id) INTO named FROM added;
    IF locked < named THEN
        SELECT a.contact_point_id INTO missing
        FROM (SELECT DISTINCT contact_point_id FROM added) a
        WHERE NOT EXISTS (SELECT 1 FROM known_child c WHERE c.contact_point_id = a.contact_point_id)
        LIMIT 1;
        RAISE EXCEPTION 'insert or update on table "known_child_identifier" violates its reference to "known_child"'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (contact_point_id)=(%s) is not present in table "known_child".',
                                  coalesce(missing, '?'));
    END IF;
    RETURN NULL;
END
$$;

-- A trigger with a transition table serves one event: one for inserts, one for updates (which may move an identifier
-- to another child).
CREATE TRIGGER known_child_identifier_children_added AFTER INSERT ON known_child_identifier
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_identifier_children();
CREATE TRIGGER known_child_identifier_children_moved AFTER UPDATE ON known_child_identifier
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_identifier_children();

CREATE FUNCTION delete_identifiers_of_removed_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM known_child_identifier i USING removed r WHERE i.contact_point_id = r.contact_point_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER known_child_identifiers_removed AFTER DELETE ON known_child
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION delete_identifiers_of_removed_children();

CREATE FUNCTION refuse_renaming_identified_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.contact_point_id <> OLD.contact_point_id
            AND EXISTS (SELECT 1 FROM known_child_identifier WHERE contact_point_id = OLD.contact_point_id) THEN
        RAISE EXCEPTION 'update on table "known_child" violates the reference from "known_child_identifier"'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (contact_point_id)=(%s) is still referenced from table "known_child_identifier".',
                                  OLD.contact_point_id);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER known_child_identified_renamed BEFORE UPDATE OF contact_point_id ON known_child
    FOR EACH ROW EXECUTE FUNCTION refuse_renaming_identified_children();
