package org.contactpoint.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which source said what about a child's fields, and when ({@code child_field_provenance}, V32). */
@ApplicationScoped
public class FieldProvenanceRepository {

    private static final String COLUMNS = "p.id, p.child_id, p.field, p.source, p.value, p.asserted_at, p.outcome, "
            + "p.reason, p.settled_at, c.contact_point_id";
    private static final String FROM = " FROM child_field_provenance p JOIN child c ON c.id = p.child_id";

    /** One source's assertion about one field of a child, and what became of it. */
    public record Assertion(long id, long childId, String field, String source, String value, Instant assertedAt,
                            String outcome, String reason, Instant settledAt, String contactPointId) {
    }

    private final JdbcStatements jdbc;

    public FieldProvenanceRepository(DataSource dataSource) {
        this.jdbc = new JdbcStatements(dataSource, "Field provenance");
    }

    /** The value in force of every field with a recorded source (its latest APPLIED row), per child: one query. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, Map<String, Assertion>> inForce(Collection<Long> childIds) {
        Map<Long, Map<String, Assertion>> found = new HashMap<>();
        if (childIds.isEmpty()) {
            return found;
        }
        jdbc.query("SELECT DISTINCT ON (p.child_id, p.field) " + COLUMNS + FROM
                        + " WHERE p.child_id = ANY (?) AND p.outcome = 'APPLIED' ORDER BY p.child_id, p.field, p.id DESC",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("bigint",
                        childIds.toArray())),
                rows -> {
                    Assertion assertion = read(rows);
                    found.computeIfAbsent(assertion.childId(), id -> new HashMap<>())
                            .put(assertion.field(), assertion);
                });
        return found;
    }

    /** Every assertion about a child, oldest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Assertion> history(long childId) {
        List<Assertion> found = new ArrayList<>();
        jdbc.query("SELECT " + COLUMNS + FROM + " WHERE p.child_id = ? ORDER BY p.id",
                statement -> statement.setLong(1, childId), rows -> found.add(read(rows)));
        return found;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(long childId, String field, String source, String value, Instant assertedAt, String outcome,
                    String reason, String localAuthority) {
        jdbc.update("INSERT INTO child_field_provenance (child_id, field, source, value, asserted_at, outcome,"
                + " reason, local_authority) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setLong(1, childId);
                    statement.setString(2, field);
                    statement.setString(3, source);
                    statement.setString(4, value);
                    statement.setTimestamp(5, Timestamp.from(assertedAt));
                    statement.setString(6, outcome);
                    statement.setString(7, reason);
                    statement.setString(8, localAuthority);
                });
    }

    /** Settles the open conflicts about a field: a later value in force (a person's edit, a trusted record) answers them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(long childId, String field, Instant at) {
        jdbc.update("UPDATE child_field_provenance SET settled_at = ? WHERE child_id = ? AND field = ?"
                + " AND outcome = 'CONFLICT' AND settled_at IS NULL", statement -> {
                    statement.setTimestamp(1, Timestamp.from(at));
                    statement.setLong(2, childId);
                    statement.setString(3, field);
                });
    }

    /** The open field conflicts of a local authority's children (all when null), oldest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Assertion> openConflicts(String localAuthority, int limit) {
        List<Assertion> found = new ArrayList<>();
        jdbc.query("SELECT " + COLUMNS + FROM + " WHERE p.outcome = 'CONFLICT'"
                        + " AND p.settled_at IS NULL AND (CAST(? AS varchar) IS NULL OR p.local_authority = ?)"
                        + " ORDER BY p.id LIMIT ?",
                statement -> {
                    statement.setString(1, localAuthority);
                    statement.setString(2, localAuthority);
                    statement.setInt(3, limit);
                }, rows -> found.add(read(rows)));
        return found;
    }

    private static Assertion read(ResultSet rows) throws SQLException {
        Timestamp settled = rows.getTimestamp(9);
        return new Assertion(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getTimestamp(6).toInstant(), rows.getString(7), rows.getString(8),
                settled == null ? null : settled.toInstant(), rows.getString(10));
    }
}
