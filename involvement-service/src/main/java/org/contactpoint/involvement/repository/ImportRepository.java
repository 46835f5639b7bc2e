package org.contactpoint.involvement.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.domain.InvolvementImport;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
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

/** The staging of imports: COPY of their lines, claims of the next batch, progress and rejections. Plain JDBC. */
@ApplicationScoped
public class ImportRepository {

    /** A line staged for the worker: its number and the submission it holds (JSON). */
    public record StagedLine(long line, String submission) {
    }

    /** An import claimed by a worker for one batch: who uploaded it, and the last line applied so far. */
    public record Claimed(UUID id, String agency, String submittedBy, String organisationCode, long appliedThrough) {
    }

    private static final String COLUMNS = """
            id, agency, state, lines, processed, started, parked, duplicates, rejected, started_at, processing_at,
            finished_at""";

    private final DataSource dataSource;

    public ImportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void create(UUID id, String agency, String submittedBy, String organisationCode, Instant now) {
        update("""
                INSERT INTO involvement_import (id, agency, submitted_by, organisation_code, state, started_at)
                VALUES (?::uuid, ?, ?, ?, 'RECEIVING', ?)""", id.toString(), agency, submittedBy, organisationCode,
                Timestamp.from(now));
    }

    /**
     * Stages lines with COPY (one round trip for the chunk); lines rejected as they were read are counted as received
     * and processed at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stage(UUID id, List<StagedLine> lines, List<InvolvementImport.Rejection> rejections) {
        if (!lines.isEmpty()) {
            StringBuilder csv = new StringBuilder();
            for (StagedLine line : lines) {
                csv.append(id).append(',').append(line.line()).append(',').append(quoted(line.submission()))
                        .append('\n');
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY involvement_import_line (import_id, line, submission) FROM STDIN WITH (FORMAT csv)",
                        new StringReader(csv.toString()));
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("Could not stage the import's lines", e);
            }
        }
        reject(id, rejections);
        update("""
                UPDATE involvement_import SET lines = lines + ?, processed = processed + ?, rejected = rejected + ?
                WHERE id = ?::uuid""", (long) (lines.size() + rejections.size()), (long) rejections.size(),
                (long) rejections.size(), id.toString());
    }

    /** Records rejected lines, in one statement (a line rejected twice keeps its first reason). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reject(UUID id, List<InvolvementImport.Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO involvement_import_rejection (import_id, line, reason)
                     SELECT ?::uuid, l, r FROM unnest(?::bigint[], ?::text[]) AS x(l, r)
                     ON CONFLICT DO NOTHING""")) {
            insert.setString(1, id.toString());
            insert.setArray(2, connection.createArrayOf("int8",
                    rejections.stream().map(InvolvementImport.Rejection::line).toArray()));
            insert.setArray(3, connection.createArrayOf("text",
                    rejections.stream().map(InvolvementImport.Rejection::reason).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the import's rejected lines", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void received(UUID id) {
        update("UPDATE involvement_import SET state = 'QUEUED' WHERE id = ?::uuid AND state = 'RECEIVING'",
                id.toString());
    }

    /**
     * The oldest import with lines to process that no other worker holds, locked for this transaction: one batch of
     * one import at a time, so its lines are applied in order whatever the number of replicas.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Claimed> claimNext() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT id, agency, submitted_by, organisation_code, applied_through FROM involvement_import
                     WHERE state IN ('QUEUED', 'RUNNING') ORDER BY started_at LIMIT 1
                     FOR UPDATE SKIP LOCKED""");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(new Claimed(UUID.fromString(rows.getString(1)), rows.getString(2),
                    rows.getString(3), rows.getString(4), rows.getLong(5))) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim an import", e);
        }
    }

    /** The next lines of the import not yet applied (those after {@code appliedThrough}), in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<StagedLine> nextLines(UUID id, long appliedThrough, int limit) {
        List<StagedLine> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT line, submission FROM involvement_import_line WHERE import_id = ?::uuid AND line > ?
                     ORDER BY line LIMIT ?""")) {
            query.setString(1, id.toString());
            query.setLong(2, appliedThrough);
            query.setInt(3, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lines.add(new StagedLine(rows.getLong(1), rows.getString(2)));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the import's next lines", e);
        }
    }

    /**
     * Marks the lines up to {@code through} applied ({@code count} of them, the next after the last applied), and
     * counts what became of them, in the transaction that applied them: one row's update, whatever the batch's size.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applied(UUID id, long through, int count, long started, long parked, long duplicates, long rejected,
                        Instant now) {
        update("""
                UPDATE involvement_import SET state = 'RUNNING', applied_through = ?, processed = processed + ?,
                    started = started + ?, parked = parked + ?, duplicates = duplicates + ?, rejected = rejected + ?,
                    processing_at = coalesce(processing_at, ?)
                WHERE id = ?::uuid""", through, (long) count, started, parked, duplicates, rejected,
                Timestamp.from(now), id.toString());
    }

    /** Every line processed (lines rejected on upload were counted as processed then). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finish(UUID id, Instant now) {
        update("""
                UPDATE involvement_import SET state = 'COMPLETED', finished_at = ?, processing_at = coalesce(processing_at, ?)
                WHERE id = ?::uuid""", Timestamp.from(now), Timestamp.from(now), id.toString());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<InvolvementImport> find(UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM involvement_import WHERE id = ?::uuid")) {
            query.setString(1, id.toString());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new InvolvementImport(UUID.fromString(rows.getString(1)), rows.getString(2),
                        InvolvementImport.State.valueOf(rows.getString(3)), rows.getLong(4), rows.getLong(5),
                        rows.getLong(6), rows.getLong(7), rows.getLong(8), rows.getLong(9), instant(rows, 10),
                        instant(rows, 11), instant(rows, 12)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read import " + id, e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<InvolvementImport.Rejection> rejections(UUID id, int offset, int limit) {
        List<InvolvementImport.Rejection> rejections = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT line, reason FROM involvement_import_rejection WHERE import_id = ?::uuid
                     ORDER BY line OFFSET ? LIMIT ?""")) {
            query.setString(1, id.toString());
            query.setInt(2, offset);
            query.setInt(3, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    rejections.add(new InvolvementImport.Rejection(rows.getLong(1), rows.getString(2)));
                }
            }
            return rejections;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the rejections of import " + id, e);
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update the import", e);
        }
    }
}
