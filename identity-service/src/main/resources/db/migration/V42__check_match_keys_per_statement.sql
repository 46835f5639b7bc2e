-- The blocking index's reference to its child is checked once per statement instead of once per row (issue 17).
-- A bulk batch indexes 1,000 children under about 10,700 keys in one statement; the foreign key checked each row on
-- its own (a trigger queued per row, then a `SELECT ... FOR KEY SHARE` of the child per row): on the bench's 50,000
-- children at national density that insert took 230 ms a batch, 80 ms without the per-row checks, 85-95 ms with the
-- statement-level check below (docs/benchmarks.md, "Session 15"). The guarantees stay those of the foreign key:
-- - a key for a child that does not exist is refused (SQLSTATE 23503, foreign_key_violation), the whole statement
--   with it;
-- - the children it names are locked FOR KEY SHARE until commit, as the foreign key locked them, so a concurrent
--   delete of one waits and its cascade (below) then sees the committed keys; a child whose delete commits while the
--   statement waits for its lock is not locked, and the statement is refused as the foreign key refused it;
-- - deleting a child deletes its keys (was ON DELETE CASCADE), once per statement, so the name-frequency trigger
--   (V6, V23, V36) still counts them out.
ALTER TABLE child_match_key DROP CONSTRAINT child_match_key_child_id_fkey;

CREATE FUNCTION check_match_key_children() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    named   BIGINT;
    locked  BIGINT;
    missing BIGINT;
BEGIN
    -- Locked first, then counted: a child deleted by a transaction that commits while this one waits for its lock is
    -- skipped by the lock (READ COMMITTED), so it is missing from the count, as the foreign key would have found it.
    SELECT count(*) INTO locked
    FROM (SELECT id FROM child WHERE id IN (SELECT child_id FROM added) ORDER BY id FOR KEY SHARE) l;
    SELECT count(DISTINCT child_id) INTO named FROM added;
    IF locked < named THEN
        SELECT a.child_id INTO missing
        FROM (SELECT DISTINCT child_id FROM added) a
        WHERE NOT EXISTS (SELECT 1 FROM child c WHERE c.id = a.child_id)
        LIMIT 1;
        RAISE EXCEPTION 'insert on table "child_match_key" violates its reference to "child"'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (child_id)=(%s) is not present in table "child".', coalesce(missing::text, '?'));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER child_match_key_children AFTER INSERT ON child_match_key
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_match_key_children();

CREATE FUNCTION delete_match_keys_of_removed_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM child_match_key k USING removed r WHERE k.child_id = r.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER child_match_keys_removed AFTER DELETE ON child
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION delete_match_keys_of_removed_children();
