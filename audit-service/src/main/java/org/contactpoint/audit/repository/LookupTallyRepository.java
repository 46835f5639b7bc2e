package org.contactpoint.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.LookupTally;
import org.contactpoint.audit.domain.UnrelatedLookups;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The unrelated-children rule's counts: per user and window, the distinct children looked up and how many. Added to a
 * consumed batch at a time (one statement), judged and forgotten a window at a time.
 */
@ApplicationScoped
public class LookupTallyRepository {

    /** The new distinct children go in first; each tally then grows by as many as were new to it. */
    private static final String ADD = """
            WITH new_children AS (
                INSERT INTO lookup_child (user_id, window_start, child_id)
                SELECT c.user_id, CAST(c.window_start AS timestamptz), c.child_id
                FROM unnest(?, ?, ?) AS c(user_id, window_start, child_id)
                ORDER BY 1, 2, 3
                ON CONFLICT DO NOTHING
                RETURNING user_id, window_start),
            counted AS (SELECT user_id, window_start, count(*) AS children FROM new_children GROUP BY 1, 2)
            INSERT INTO lookup_tally (user_id, window_start, organisation_code, children, lookups, first_seen_at,
                                      last_seen_at, first_sequence, last_sequence)
            SELECT t.user_id, CAST(t.window_start AS timestamptz), t.organisation_code, COALESCE(counted.children, 0),
                   t.lookups, CAST(t.first_seen_at AS timestamptz), CAST(t.last_seen_at AS timestamptz),
                   t.first_sequence, t.last_sequence
            FROM unnest(?, ?, ?, ?, ?, ?, ?, ?) AS t(user_id, window_start, organisation_code, lookups, first_seen_at,
                                                     last_seen_at, first_sequence, last_sequence)
            LEFT JOIN counted ON counted.user_id = t.user_id
                             AND counted.window_start = CAST(t.window_start AS timestamptz)
            ORDER BY 1, 2
            ON CONFLICT (user_id, window_start) DO UPDATE SET
                children = lookup_tally.children + EXCLUDED.children,
                lookups = lookup_tally.lookups + EXCLUDED.lookups,
                first_seen_at = LEAST(lookup_tally.first_seen_at, EXCLUDED.first_seen_at),
                last_seen_at = GREATEST(lookup_tally.last_seen_at, EXCLUDED.last_seen_at),
                first_sequence = LEAST(lookup_tally.first_sequence, EXCLUDED.first_sequence),
                organisation_code = CASE WHEN EXCLUDED.last_sequence > lookup_tally.last_sequence
                                         THEN EXCLUDED.organisation_code ELSE lookup_tally.organisation_code END,
                last_sequence = GREATEST(lookup_tally.last_sequence, EXCLUDED.last_sequence)""";
    /**
     * Only tallies that reached the threshold are checked against involvements, and only their children are read: the
     * cost follows the users worth a look, not the lookups made.
     */
    private static final String UNRELATED = """
            SELECT t.user_id, t.window_start, t.organisation_code, array_agg(c.child_id ORDER BY c.child_id),
                   t.lookups, t.first_seen_at, t.last_seen_at, t.first_sequence, t.last_sequence
            FROM lookup_tally t
            JOIN lookup_child c ON c.user_id = t.user_id AND c.window_start = t.window_start
            WHERE t.window_start <= CAST(? AS timestamptz) AND t.children >= ?
              AND NOT EXISTS (SELECT 1 FROM child_involvement i
                              WHERE i.child_id = c.child_id AND i.organisation_code = t.organisation_code)
            GROUP BY t.user_id, t.window_start, t.organisation_code, t.lookups, t.first_seen_at, t.last_seen_at,
                     t.first_sequence, t.last_sequence
            HAVING count(*) >= ?
            ORDER BY t.window_start, t.user_id""";
    /**
     * By the window itself, not through its tallies: a late lookup committing between this statement and the tallies'
     * delete would otherwise leave its child row with no tally to be found through, never forgotten.
     */
    private static final String FORGET_CHILDREN = "DELETE FROM lookup_child WHERE window_start <= CAST(? AS timestamptz)";
    private static final String FORGET_TALLIES = "DELETE FROM lookup_tally WHERE window_start <= CAST(? AS timestamptz)";

    private final DataSource dataSource;

    public LookupTallyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds a batch's lookups to the counts, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(List<LookupTally> tallies) {
        if (tallies.isEmpty()) {
            return;
        }
        List<String> childUsers = new ArrayList<>();
        List<Instant> childWindows = new ArrayList<>();
        List<String> children = new ArrayList<>();
        for (LookupTally tally : tallies) {
            for (String child : tally.children()) {
                childUsers.add(tally.userId());
                childWindows.add(tally.windowStart());
                children.add(child);
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(ADD)) {
            upsert.setObject(1, Jdbc.texts(connection, childUsers));
            upsert.setArray(2, Jdbc.instants(connection, childWindows));
            upsert.setObject(3, Jdbc.texts(connection, children));
            upsert.setObject(4, Jdbc.texts(connection, tallies.stream().map(LookupTally::userId).toList()));
            upsert.setArray(5, Jdbc.instants(connection, tallies.stream().map(LookupTally::windowStart).toList()));
            upsert.setObject(6, Jdbc.texts(connection, tallies.stream().map(LookupTally::organisationCode).toList()));
            upsert.setArray(7, Jdbc.ints(connection, tallies.stream().map(LookupTally::lookups).toList()));
            upsert.setArray(8, Jdbc.instants(connection, tallies.stream().map(LookupTally::firstSeenAt).toList()));
            upsert.setArray(9, Jdbc.instants(connection, tallies.stream().map(LookupTally::lastSeenAt).toList()));
            upsert.setArray(10, Jdbc.longs(connection, tallies.stream().map(LookupTally::firstSequence).toList()));
            upsert.setArray(11, Jdbc.longs(connection, tallies.stream().map(LookupTally::lastSequence).toList()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the children looked up", e);
        }
    }

    /**
     * The windows starting at or before {@code lastWindowStart} in which a user looked up at least {@code children}
     * children their organisation has recorded no involvement with.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UnrelatedLookups> unrelated(Instant lastWindowStart, int children) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(UNRELATED)) {
            select.setString(1, lastWindowStart.toString());
            select.setInt(2, children);
            select.setInt(3, children);
            List<UnrelatedLookups> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new UnrelatedLookups(rows.getString(1), instant(rows, 2), rows.getString(3),
                            Arrays.asList((String[]) rows.getArray(4).getArray()), rows.getInt(5), instant(rows, 6),
                            instant(rows, 7), rows.getLong(8), rows.getLong(9)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not judge the children looked up", e);
        }
    }

    /** Forgets the windows starting at or before {@code lastWindowStart}: they have been judged. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(Instant lastWindowStart) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement children = connection.prepareStatement(FORGET_CHILDREN);
             PreparedStatement tallies = connection.prepareStatement(FORGET_TALLIES)) {
            children.setString(1, lastWindowStart.toString());
            children.executeUpdate();
            tallies.setString(1, lastWindowStart.toString());
            tallies.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget judged lookup counts", e);
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
