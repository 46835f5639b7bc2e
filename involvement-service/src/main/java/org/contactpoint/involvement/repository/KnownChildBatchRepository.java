package org.contactpoint.involvement.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set-based statements of a poll of identity's child events: the children's projection read in one query, the
 * children with parked submissions found in one query, and the new states and their identifiers written in one
 * statement each. Plain JDBC on the transaction's connection: nothing here needs an entity.
 */
@ApplicationScoped
public class KnownChildBatchRepository {

    /** A child as this service knows it. */
    public record KnownState(String contactPointId, long version, String status, String mergedInto,
                             String responsibleLocalAuthority, Instant shieldedSince, LocalDate shieldReviewDate) {
    }

    /** An identifier a source system holds for a child. */
    public record Identifier(String contactPointId, String scheme, String value, String source) {
    }

    private static final String READ = """
            SELECT contact_point_id, version, status, merged_into, responsible_local_authority, shielded_since,
                   shield_review_date
            FROM known_child WHERE contact_point_id = ANY(?::varchar[])""";

    private static final String WITH_PARKED = """
            SELECT DISTINCT p.contact_point_id FROM parked_submission p
            WHERE p.contact_point_id = ANY(?::varchar[])
            UNION
            SELECT DISTINCT w.child FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS w(child, scheme, value)
            WHERE EXISTS (SELECT 1 FROM parked_submission p
                          WHERE p.identifier_scheme = w.scheme AND p.identifier_value = w.value)""";

    // Newest version wins here too, and a purged child never comes back: the same rule as KnownChild.takes.
    private static final String UPSERT = """
            INSERT INTO known_child AS k (contact_point_id, version, status, merged_into, responsible_local_authority,
                shielded_since, shield_review_date, updated_at)
            SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::timestamptz[], ?::date[], ?::timestamptz[])
            ON CONFLICT (contact_point_id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status,
                merged_into = EXCLUDED.merged_into, responsible_local_authority = EXCLUDED.responsible_local_authority,
                shielded_since = EXCLUDED.shielded_since, shield_review_date = EXCLUDED.shield_review_date,
                updated_at = EXCLUDED.updated_at
            WHERE k.version < EXCLUDED.version AND k.status <> 'PURGED'""";

    private static final String FORGET_IDENTIFIERS = """
            DELETE FROM known_child_identifier WHERE contact_point_id = ANY(?::varchar[])""";

    private static final String INSERT_IDENTIFIERS = """
            INSERT INTO known_child_identifier (contact_point_id, scheme, value, source)
            SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])
            ON CONFLICT DO NOTHING""";

    private final DataSource dataSource;

    public KnownChildBatchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What is known of these children (those not known are absent), in one query. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, KnownState> find(Collection<String> contactPointIds) {
        Map<String, KnownState> known = new HashMap<>();
        if (contactPointIds.isEmpty()) {
            return known;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(READ)) {
            query.setArray(1, connection.createArrayOf("varchar", contactPointIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Timestamp since = rows.getTimestamp(6);
                    java.sql.Date review = rows.getDate(7);
                    known.put(rows.getString(1), new KnownState(rows.getString(1), rows.getLong(2),
                            rows.getString(3), rows.getString(4), rows.getString(5),
                            since == null ? null : since.toInstant(), review == null ? null : review.toLocalDate()));
                }
            }
            return known;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the poll's children", e);
        }
    }

    /**
     * Which of these children have a parked submission waiting, by their ID or by one of the identifiers given
     * (whatever its source: the caller applies them one by one, which checks the source).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> withParkedSubmissions(Collection<String> contactPointIds, List<Identifier> identifiers) {
        Set<String> waiting = new HashSet<>();
        if (contactPointIds.isEmpty()) {
            return waiting;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(WITH_PARKED)) {
            query.setArray(1, connection.createArrayOf("varchar", contactPointIds.toArray()));
            query.setArray(2, connection.createArrayOf("varchar",
                    identifiers.stream().map(Identifier::contactPointId).toArray()));
            query.setArray(3, connection.createArrayOf("varchar",
                    identifiers.stream().map(Identifier::scheme).toArray()));
            query.setArray(4, connection.createArrayOf("varchar",
                    identifiers.stream().map(Identifier::value).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    waiting.add(rows.getString(1));
                }
            }
            return waiting;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look for the poll's parked submissions", e);
        }
    }

    /**
     * Stores these children's new states (new children inserted, known ones updated unless what is stored is as new
     * or purged) and replaces their identifiers with those given, in three statements.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(List<KnownState> states, List<Identifier> identifiers, Instant now) {
        if (states.isEmpty()) {
            return;
        }
        int size = states.size();
        Object[][] columns = new Object[8][size];
        for (int n = 0; n < size; n++) {
            KnownState s = states.get(n);
            Object[] row = {s.contactPointId(), s.version(), s.status(), s.mergedInto(),
                    s.responsibleLocalAuthority(), s.shieldedSince() == null ? null : s.shieldedSince().toString(),
                    s.shieldReviewDate() == null ? null : s.shieldReviewDate().toString(), now.toString()};
            for (int c = 0; c < row.length; c++) {
                columns[c][n] = row[c];
            }
        }
        List<String> ids = new ArrayList<>(size);
        states.forEach(s -> ids.add(s.contactPointId()));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT);
             PreparedStatement forget = connection.prepareStatement(FORGET_IDENTIFIERS);
             PreparedStatement insert = connection.prepareStatement(INSERT_IDENTIFIERS)) {
            String[] types = {"varchar", "int8", "varchar", "varchar", "varchar", "text", "text", "text"};
            for (int c = 0; c < columns.length; c++) {
                upsert.setArray(c + 1, connection.createArrayOf(types[c], columns[c]));
            }
            upsert.executeUpdate();
            forget.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            forget.executeUpdate();
            if (!identifiers.isEmpty()) {
                insert.setArray(1, connection.createArrayOf("varchar",
                        identifiers.stream().map(Identifier::contactPointId).toArray()));
                insert.setArray(2, connection.createArrayOf("varchar",
                        identifiers.stream().map(Identifier::scheme).toArray()));
                insert.setArray(3, connection.createArrayOf("varchar",
                        identifiers.stream().map(Identifier::value).toArray()));
                insert.setArray(4, connection.createArrayOf("varchar",
                        identifiers.stream().map(Identifier::source).toArray()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the poll's children", e);
        }
    }
}
