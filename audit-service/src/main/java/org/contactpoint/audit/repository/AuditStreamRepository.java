package org.contactpoint.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the audit stream stands ({@code audit_stream_position}) and the chained records it has yet to publish, read
 * straight from {@code audit_record} by sequence. The publisher's reads and its move of the position share the
 * connection it publishes a batch on, in one transaction of its own.
 */
@ApplicationScoped
public class AuditStreamRepository {

    /** How far the stream is published, and the last checkpoint sent on it. */
    public record Position(long publishedSequence, long checkpointedSequence, Instant checkpointedAt) {
    }

    /** A chained record as the stream carries it, and the trace its stream event continues (null for none). */
    public record Unpublished(long sequence, String source, Instant storedAt, String previousHash, String recordHash,
                              String canonicalEvent, String streamTrace) {
    }

    /** Records stored and not yet on the stream, and how long the oldest of them has waited (0 when none). */
    public record Backlog(long records, double oldestSeconds) {
    }

    private static final String LOCK = """
            SELECT published_sequence, checkpointed_sequence, checkpointed_at FROM audit_stream_position
            WHERE id = 1 FOR UPDATE SKIP LOCKED""";
    private static final String AFTER = """
            SELECT sequence, source, stored_at, previous_hash, record_hash, canonical_event, stream_trace
            FROM audit_record WHERE sequence > ? ORDER BY sequence LIMIT ?""";
    private static final String HASH_OF = "SELECT record_hash FROM audit_record WHERE sequence = ?";
    private static final String ADVANCE = """
            UPDATE audit_stream_position SET published_sequence = ?, checkpointed_sequence = ?, checkpointed_at = ?
            WHERE id = 1""";
    private static final String BACKLOG = """
            SELECT h.last_sequence - p.published_sequence,
                   coalesce(extract(epoch FROM now() - (SELECT r.stored_at FROM audit_record r
                                                        WHERE r.sequence = p.published_sequence + 1)), 0)
            FROM chain_head h CROSS JOIN audit_stream_position p WHERE h.id = 1 AND p.id = 1""";

    private final DataSource dataSource;

    public AuditStreamRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The position, locked until {@code connection}'s transaction ends; empty while another instance holds it (that
     * one is publishing: one publisher at a time keeps the stream in chain order).
     */
    public Optional<Position> lockPosition(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new Position(row.getLong(1), row.getLong(2), row.getTimestamp(3).toInstant()));
        }
    }

    /**
     * The chained records after {@code sequence}, in chain order, at most {@code limit}. Records are appended under
     * the chain head's lock, held until commit, so they become visible in sequence order: what this reads is always
     * the next part of the chain, never a part with a record still to come in its middle.
     */
    public List<Unpublished> after(Connection connection, long sequence, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(AFTER)) {
            select.setLong(1, sequence);
            select.setInt(2, limit);
            List<Unpublished> records = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    records.add(new Unpublished(rows.getLong(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
                }
            }
            return records;
        }
    }

    /** The hash of the record at {@code sequence}. */
    public String hashOf(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(HASH_OF)) {
            select.setLong(1, sequence);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the chain has no record " + sequence);
                }
                return row.getString(1);
            }
        }
    }

    /** Moves the position (locked by this transaction) once the broker has acknowledged what it covers. */
    public void advance(Connection connection, Position position) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(ADVANCE)) {
            update.setLong(1, position.publishedSequence());
            update.setLong(2, position.checkpointedSequence());
            update.setTimestamp(3, Timestamp.from(position.checkpointedAt()));
            update.executeUpdate();
        }
    }

    /** How far the stream is behind the chain; {@code records} -1 when the database cannot say. */
    public Backlog backlog() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(BACKLOG);
             ResultSet row = query.executeQuery()) {
            return row.next() ? new Backlog(row.getLong(1), row.getDouble(2)) : new Backlog(-1, -1);
        } catch (SQLException e) {
            return new Backlog(-1, -1);
        }
    }
}
