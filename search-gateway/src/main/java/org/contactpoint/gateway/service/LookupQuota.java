package org.contactpoint.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.config.GatewayConfig;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-user lookup quotas, per calendar minute and per UTC day, counted in the database so that every gateway
 * instance shares them. The count is taken in the lookup's own transaction: a refused or failed lookup is not counted.
 */
@ApplicationScoped
public class LookupQuota {

    // Both windows in one statement (one round trip), always in the same order so that two lookups by one user lock
    // the rows in the same order.
    private static final String COUNT = """
            INSERT INTO lookup_quota (user_id, window_kind, window_start, lookups) VALUES (?, 'DAY', ?, 1), (?, 'MINUTE', ?, 1)
            ON CONFLICT (user_id, window_kind, window_start) DO UPDATE SET lookups = lookup_quota.lookups + 1
            RETURNING window_kind, lookups""";

    private final DataSource dataSource;
    private final GatewayConfig config;
    private final Clock clock;

    public LookupQuota(DataSource dataSource, GatewayConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    /** Counts one lookup for the user, or refuses it when a quota is used up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void take(String userId) {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        Map<String, Integer> counts = count(userId, day, minute);
        int today = counts.get("DAY");
        if (today == 1) {
            // The user's first lookup today: their windows from before today are no longer needed.
            forgetBefore(userId, day);
        }
        if (today > config.quota().perDay()) {
            throw new QuotaExceededException("You have made " + config.quota().perDay()
                    + " lookups today, the most allowed in a day", secondsUntil(now, day.plus(Duration.ofDays(1))));
        }
        if (counts.get("MINUTE") > config.quota().perMinute()) {
            throw new QuotaExceededException("You have made " + config.quota().perMinute()
                    + " lookups this minute, the most allowed in a minute",
                    secondsUntil(now, minute.plus(Duration.ofMinutes(1))));
        }
    }

    /** The user's lookups so far in each window, this one included, by window kind. */
    private Map<String, Integer> count(String userId, Instant day, Instant minute) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(COUNT)) {
            upsert.setString(1, userId);
            upsert.setTimestamp(2, Timestamp.from(day));
            upsert.setString(3, userId);
            upsert.setTimestamp(4, Timestamp.from(minute));
            Map<String, Integer> counts = new HashMap<>();
            try (ResultSet result = upsert.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getInt(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the lookup", e);
        }
    }

    private void forgetBefore(String userId, Instant start) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM lookup_quota WHERE user_id = ? AND window_start < ?")) {
            delete.setString(1, userId);
            delete.setTimestamp(2, Timestamp.from(start));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not tidy the quota counts", e);
        }
    }

    private static long secondsUntil(Instant now, Instant end) {
        return Math.max(1, Duration.between(now, end).toSeconds() + 1);
    }
}
