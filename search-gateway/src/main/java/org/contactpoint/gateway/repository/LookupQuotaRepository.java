package org.contactpoint.gateway.repository;

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

/**
 * The lookup counts every gateway instance shares, per user and window. Written only by each instance's periodic
 * flush of what it counted in memory, never on a lookup; autocommit, one statement per step, no transaction held.
 */
@ApplicationScoped
public class LookupQuotaRepository {

    // Every user's windows in one statement. Rows are sorted by user so that two instances flushing at once lock
    // them in the same order.
    private static final String ADD = """
            INSERT INTO lookup_quota (user_id, window_kind, window_start, lookups)
            SELECT u, k, s, n FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::int[]) AS d(u, k, s, n)
            ORDER BY u, k
            ON CONFLICT (user_id, window_kind, window_start) DO UPDATE SET lookups = lookup_quota.lookups + excluded.lookups,
                counted_at = clock_timestamp()
            RETURNING user_id, window_kind, window_start, lookups""";

    // Every user's totals in the current day and minute that grew at or after the given time (the database's clock,
    // which every instance shares), and when the read started in that clock.
    private static final String COUNTED_SINCE = """
            SELECT user_id, window_kind, window_start, lookups, now() FROM lookup_quota
            WHERE counted_at >= ? AND window_start IN (?, ?)""";

    // Each flushed user's finished windows: minutes before the current one, days before today.
    private static final String FORGET = """
            DELETE FROM lookup_quota WHERE user_id = ANY (?)
              AND ((window_kind = 'MINUTE' AND window_start < ?) OR window_start < ?)""";

    /** Lookups counted in one window: one instance's new ones (to add), or every instance's (the total). */
    public record WindowCount(String userId, String windowKind, Instant windowStart, int lookups) {
    }

    /** The totals that grew since a time, and the database's time when they were read. */
    public record CountedSince(List<WindowCount> totals, Instant readAt) {
    }

    private final DataSource dataSource;

    public LookupQuotaRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds each count to its window's total; returns the totals after the addition. */
    public List<WindowCount> add(List<WindowCount> counts) {
        if (counts.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(ADD)) {
            upsert.setArray(1, connection.createArrayOf("text", counts.stream().map(WindowCount::userId).toArray()));
            upsert.setArray(2, connection.createArrayOf("text",
                    counts.stream().map(WindowCount::windowKind).toArray()));
            upsert.setArray(3, connection.createArrayOf("timestamptz",
                    counts.stream().map(c -> Timestamp.from(c.windowStart())).toArray()));
            upsert.setArray(4, connection.createArrayOf("int4", counts.stream().map(WindowCount::lookups).toArray()));
            return totals(upsert);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not add the lookup counts", e);
        }
    }

    /**
     * Every user's totals in the given day and minute that grew at or after {@code since} (the database's clock),
     * with the database's time when the read started (a total growing in a flush still in flight then may have an
     * earlier time: the next read should start a little before it).
     */
    public CountedSince countedSince(Instant since, Instant day, Instant minute) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(COUNTED_SINCE)) {
            select.setTimestamp(1, Timestamp.from(since));
            select.setTimestamp(2, Timestamp.from(day));
            select.setTimestamp(3, Timestamp.from(minute));
            List<WindowCount> totals = new ArrayList<>();
            Instant readAt = null;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    totals.add(new WindowCount(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                            rows.getInt(4)));
                    readAt = rows.getTimestamp(5).toInstant();
                }
            }
            return new CountedSince(totals, readAt == null ? now(connection) : readAt);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the lookup counts", e);
        }
    }

    private static Instant now(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT now()");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getTimestamp(1).toInstant();
        }
    }

    /** Deletes the users' windows that have ended: minutes before {@code minute}, days before {@code day}. */
    public void forgetEnded(List<String> userIds, Instant day, Instant minute) {
        if (userIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(FORGET)) {
            delete.setArray(1, connection.createArrayOf("text", userIds.toArray()));
            delete.setTimestamp(2, Timestamp.from(minute));
            delete.setTimestamp(3, Timestamp.from(day));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not tidy the lookup counts", e);
        }
    }

    private static List<WindowCount> totals(PreparedStatement statement) throws SQLException {
        List<WindowCount> totals = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                totals.add(new WindowCount(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                        rows.getInt(4)));
            }
        }
        return totals;
    }
}
