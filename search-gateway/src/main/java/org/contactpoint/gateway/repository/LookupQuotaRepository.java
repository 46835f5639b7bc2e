package org.contactpoint.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The lookup counts per user and window, shared by every gateway instance. */
@ApplicationScoped
public class LookupQuotaRepository {

    // Both windows in one statement (one round trip), always in the same order so that two lookups by one user lock
    // the rows in the same order.
    private static final String COUNT = """
            INSERT INTO lookup_quota (user_id, window_kind, window_start, lookups) VALUES (?, 'DAY', ?, 1), (?, 'MINUTE', ?, 1)
            ON CONFLICT (user_id, window_kind, window_start) DO UPDATE SET lookups = lookup_quota.lookups + 1
            RETURNING window_kind, lookups""";

    private static final String FORGET_BEFORE = "DELETE FROM lookup_quota WHERE user_id = ? AND window_start < ?";

    /** The user's lookups so far in the day and in the minute, the one just counted included. */
    public record Counts(int today, int thisMinute) {
    }

    private final DataSource dataSource;

    public LookupQuotaRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts one lookup in the user's day and minute windows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Counts count(String userId, Instant day, Instant minute) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(COUNT)) {
            upsert.setString(1, userId);
            upsert.setTimestamp(2, Timestamp.from(day));
            upsert.setString(3, userId);
            upsert.setTimestamp(4, Timestamp.from(minute));
            int today = 0;
            int thisMinute = 0;
            try (ResultSet result = upsert.executeQuery()) {
                while (result.next()) {
                    if ("DAY".equals(result.getString(1))) {
                        today = result.getInt(2);
                    } else {
                        thisMinute = result.getInt(2);
                    }
                }
            }
            return new Counts(today, thisMinute);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the lookup", e);
        }
    }

    /** Deletes the user's windows that started before {@code start}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetBefore(String userId, Instant start) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(FORGET_BEFORE)) {
            delete.setString(1, userId);
            delete.setTimestamp(2, Timestamp.from(start));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not tidy the quota counts", e);
        }
    }
}
