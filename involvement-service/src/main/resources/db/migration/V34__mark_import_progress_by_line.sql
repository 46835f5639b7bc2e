-- An import's lines are applied in line order, a batch at a time, by the one worker that holds the import's row
-- (claimNext: FOR UPDATE SKIP LOCKED), and no line is staged once the worker may start (state QUEUED comes after the
-- last chunk): the lines applied are always the staged lines up to some line number. So the import keeps that number,
-- moved in the transaction that applies the batch, instead of marking each staged line done (issue 17): that update
-- rewrote every staged line, its submission with it, and added an entry to the primary key for each, for nothing.
-- A kill -9 mid-batch rolls the number back with the batch, as it rolled back the marks.
ALTER TABLE involvement_import ADD COLUMN applied_through BIGINT NOT NULL DEFAULT 0;
UPDATE involvement_import i SET applied_through = done.line
FROM (SELECT import_id, max(line) AS line FROM involvement_import_line WHERE done GROUP BY import_id) done
WHERE done.import_id = i.id;
DROP INDEX involvement_import_line_pending;
ALTER TABLE involvement_import_line DROP COLUMN done;
