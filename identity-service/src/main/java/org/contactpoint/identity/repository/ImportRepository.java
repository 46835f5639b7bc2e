package org.contactpoint.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Bulk imports of source records ({@code source_record_import}, {@code source_record_import_line}): staging with
 * COPY, claiming staged lines with {@code FOR UPDATE SKIP LOCKED} (so two instances never take the same lines),
 * and progress kept in each batch's own transaction.
 */
@ApplicationScoped
public class ImportRepository {

    private final DataSource dataSource;
    private final JdbcStatements jdbc;

    public ImportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcStatements(dataSource, "Import");
    }

    /** One line of an upload: the record as JSON to match, or the reason it was refused as it was read. */
    public record StagedLine(long line, String body, String reason) {
    }

    /** An import's row. */
    public record ImportRow(UUID id, String submittedBy, String submitter, String format, String state, long lines,
                            long processed, long linked, long created, long toReview, long pending, long rejected,
                            Instant receivedAt, Instant startedAt, Instant finishedAt, String failure) {
    }

    /** A rejected line and why. */
    public record Rejection(long line, String reason) {
    }

    /** The lines a batch has taken, all of one import. */
    public record Claim(UUID importId, List<Long> lines, List<String> bodies) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void create(UUID id, String submittedBy, String submitterJson, String format, Instant now) {
        jdbc.update("""
                INSERT INTO source_record_import (id, submitted_by, submitter, format, state, received_at,
                    last_received_at)
                VALUES (?, ?, ?::jsonb, ?, 'RECEIVING', ?, ?)""", statement -> {
            statement.setObject(1, id);
            statement.setString(2, submittedBy);
            statement.setString(3, submitterJson);
            statement.setString(4, format);
            statement.setTimestamp(5, Timestamp.from(now));
            statement.setTimestamp(6, Timestamp.from(now));
        });
    }

    /**
     * Stages lines with COPY and counts them on the import, committed together on a connection of its own (outside
     * any JTA transaction): what an upload has delivered survives a crash of the upload.
     *
     * @return false, staging nothing, when the import is no longer receiving (it expired)
     */
    @Transactional(Transactional.TxType.NEVER)
    public boolean stage(UUID importId, List<StagedLine> lines, Instant now) {
        if (lines.isEmpty()) {
            return true;
        }
        StringBuilder copy = new StringBuilder(lines.size() * 256);
        int rejected = 0;
        for (StagedLine line : lines) {
            copy.append(importId).append('\t').append(line.line()).append('\t');
            if (line.reason() == null) {
                escape(copy, line.body()).append("\tSTAGED\t\\N\n");
            } else {
                rejected++;
                escape(copy, line.body() == null ? "" : line.body()).append("\tREJECTED\t");
                escape(copy, truncate(line.reason())).append('\n');
            }
        }
        byte[] bytes = copy.toString().getBytes(StandardCharsets.UTF_8);
        long lastLine = lines.get(lines.size() - 1).line();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY source_record_import_line (import_id, line, body, state, reason) FROM STDIN");
                in.writeToCopy(bytes, 0, bytes.length);
                in.endCopy();
                try (PreparedStatement progress = connection.prepareStatement("""
                        UPDATE source_record_import SET lines = greatest(lines, ?), rejected = rejected + ?,
                               processed = processed + ?, last_received_at = ?
                        WHERE id = ? AND state = 'RECEIVING'""")) {
                    progress.setLong(1, lastLine);
                    progress.setLong(2, rejected);
                    progress.setLong(3, rejected);
                    progress.setTimestamp(4, Timestamp.from(now));
                    progress.setObject(5, importId);
                    if (progress.executeUpdate() == 0) {
                        connection.rollback();
                        return false;
                    }
                }
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stage import lines: " + e.getMessage(), e);
        }
    }

    /**
     * The upload has been read whole: the import waits for (or goes on with) its batches, or is already done.
     *
     * @return false, changing nothing, when the import is no longer receiving (it expired)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean received(UUID importId, long lines, Instant now) {
        int receiving = jdbc.update("""
                UPDATE source_record_import
                SET lines = ?, state = CASE WHEN started_at IS NULL THEN 'QUEUED' ELSE 'RUNNING' END
                WHERE id = ? AND state = 'RECEIVING'""", statement -> {
            statement.setLong(1, lines);
            statement.setObject(2, importId);
        });
        completeIfDone(importId, now);
        return receiving == 1;
    }

    /**
     * Imports still receiving that have had no lines since {@code cutoff} expire with the reason, their staged lines
     * dropped (lines already matched stay matched), in two statements.
     *
     * @return the imports that expired
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> expireReceiving(Instant cutoff, String reason, Instant now) {
        List<UUID> expired = new ArrayList<>();
        jdbc.query("""
                UPDATE source_record_import SET state = 'EXPIRED', failure = ?, finished_at = ?
                WHERE state = 'RECEIVING' AND coalesce(last_received_at, received_at) < ?
                RETURNING id""", statement -> {
            statement.setString(1, truncate(reason));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setTimestamp(3, Timestamp.from(cutoff));
        }, rows -> expired.add(rows.getObject(1, UUID.class)));
        if (!expired.isEmpty()) {
            jdbc.update("""
                    UPDATE source_record_import_line SET state = 'DROPPED'
                    WHERE import_id = ANY(?) AND state = 'STAGED'""",
                    statement -> statement.setArray(1, statement.getConnection().createArrayOf("uuid",
                            expired.toArray())));
        }
        return expired;
    }

    /** The upload could not be read to its end: what was staged is not matched. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(UUID importId, String reason, Instant now) {
        jdbc.update("""
                UPDATE source_record_import SET state = 'FAILED', failure = ?, finished_at = ? WHERE id = ?""",
                statement -> {
                    statement.setString(1, truncate(reason));
                    statement.setTimestamp(2, Timestamp.from(now));
                    statement.setObject(3, importId);
                });
        jdbc.update("UPDATE source_record_import_line SET state = 'DROPPED' WHERE import_id = ? AND state = 'STAGED'",
                statement -> statement.setObject(1, importId));
    }

    /**
     * Takes the next staged lines, in line order, of the oldest import that has any: rows another instance has
     * locked are skipped, so two workers never take the same lines. Locked until the caller's transaction ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Claim> claim(int size) {
        List<UUID> open = new ArrayList<>();
        jdbc.query("""
                SELECT id FROM source_record_import WHERE state IN ('RECEIVING', 'QUEUED', 'RUNNING')
                ORDER BY received_at, id""", statement -> { }, rows -> open.add(rows.getObject(1, UUID.class)));
        for (UUID importId : open) {
            List<Long> lines = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            jdbc.query("""
                    SELECT line, body FROM source_record_import_line
                    WHERE import_id = ? AND state = 'STAGED' ORDER BY line LIMIT ? FOR UPDATE SKIP LOCKED""",
                    statement -> {
                        statement.setObject(1, importId);
                        statement.setInt(2, size);
                    }, rows -> {
                        lines.add(rows.getLong(1));
                        bodies.add(rows.getString(2));
                    });
            if (!lines.isEmpty()) {
                return Optional.of(new Claim(importId, lines, bodies));
            }
        }
        return Optional.empty();
    }

    /** Marks a batch's lines done or rejected (with the reason), in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(UUID importId, List<Long> lines, List<String> rejections) {
        jdbc.update("""
                UPDATE source_record_import_line l SET state = CASE WHEN s.reason IS NULL THEN 'DONE' ELSE 'REJECTED' END,
                       reason = s.reason
                FROM unnest(?::bigint[], ?::varchar[]) AS s(line, reason)
                WHERE l.import_id = ? AND l.line = s.line""", statement -> {
            Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("bigint", lines.toArray(new Long[0])));
            statement.setArray(2, connection.createArrayOf("varchar",
                    rejections.stream().map(r -> r == null ? null : truncate(r)).toArray()));
            statement.setObject(3, importId);
        });
    }

    /**
     * Adds a batch's outcomes to the import's counters (locking its row, so batches of one import count in turn)
     * and completes the import once it is received whole and nothing is left staged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void progress(UUID importId, long processed, long linked, long created, long toReview, long pending,
                         long rejected, Instant now) {
        jdbc.update("""
                UPDATE source_record_import
                SET processed = processed + ?, linked = linked + ?, created = created + ?, to_review = to_review + ?,
                    pending = pending + ?, rejected = rejected + ?, started_at = coalesce(started_at, ?),
                    state = CASE WHEN state = 'QUEUED' THEN 'RUNNING' ELSE state END
                WHERE id = ?""", statement -> {
            statement.setLong(1, processed);
            statement.setLong(2, linked);
            statement.setLong(3, created);
            statement.setLong(4, toReview);
            statement.setLong(5, pending);
            statement.setLong(6, rejected);
            statement.setTimestamp(7, Timestamp.from(now));
            statement.setObject(8, importId);
        });
        completeIfDone(importId, now);
    }

    private void completeIfDone(UUID importId, Instant now) {
        jdbc.update("""
                UPDATE source_record_import SET state = 'COMPLETED', finished_at = ?,
                       started_at = coalesce(started_at, ?)
                WHERE id = ? AND state IN ('QUEUED', 'RUNNING')
                  AND NOT EXISTS (SELECT 1 FROM source_record_import_line WHERE import_id = ? AND state = 'STAGED')""",
                statement -> {
                    statement.setTimestamp(1, Timestamp.from(now));
                    statement.setTimestamp(2, Timestamp.from(now));
                    statement.setObject(3, importId);
                    statement.setObject(4, importId);
                });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ImportRow> find(UUID importId) {
        List<ImportRow> found = new ArrayList<>();
        jdbc.query("""
                SELECT id, submitted_by, submitter::text, format, state, lines, processed, linked, created, to_review,
                       pending, rejected, received_at, started_at, finished_at, failure
                FROM source_record_import WHERE id = ?""", statement -> statement.setObject(1, importId),
                rows -> found.add(new ImportRow(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getLong(6), rows.getLong(7), rows.getLong(8),
                        rows.getLong(9), rows.getLong(10), rows.getLong(11), rows.getLong(12), instant(rows, 13),
                        instant(rows, 14), instant(rows, 15), rows.getString(16))));
        return found.stream().findFirst();
    }

    /** One page of an import's rejected lines, in line order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Rejection> rejections(UUID importId, int offset, int rows) {
        List<Rejection> found = new ArrayList<>();
        jdbc.query("""
                SELECT line, reason FROM source_record_import_line WHERE import_id = ? AND state = 'REJECTED'
                ORDER BY line OFFSET ? LIMIT ?""", statement -> {
            statement.setObject(1, importId);
            statement.setInt(2, offset);
            statement.setInt(3, rows);
        }, result -> found.add(new Rejection(result.getLong(1), result.getString(2))));
        return found;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncate(String reason) {
        return reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    /** COPY's text format: backslash, tab, newline and carriage return escaped. */
    private static StringBuilder escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
