package org.contactpoint.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.OpenAlert;
import org.contactpoint.audit.domain.Rule;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The alerts of the counting rules (search burst, out of hours), kept in {@code misuse_alert} beside the others: one
 * alert per user and firing, whose count and last-seen time later accesses move on. Set-based, a batch at a time.
 */
@ApplicationScoped
public class OpenAlertRepository {

    private static final String LATEST = """
            SELECT DISTINCT ON (user_id) alert_id, user_id, occurred_at, occurrences, last_seen_at
            FROM misuse_alert WHERE rule = ? AND user_id = ANY(?) AND occurred_at > CAST(? AS timestamptz)
              AND period_start IS NULL
            ORDER BY user_id, occurred_at DESC""";
    private static final String INSERT = """
            INSERT INTO misuse_alert (alert_id, rule, user_id, occurred_at, raised_at, occurrences, last_seen_at,
                                      period_start)
            SELECT a.alert_id, ?, a.user_id, CAST(a.occurred_at AS timestamptz), CAST(? AS timestamptz),
                   a.occurrences, CAST(a.last_seen_at AS timestamptz), CAST(a.period_start AS timestamptz)
            FROM unnest(?, ?, ?, ?, ?, ?) AS a(alert_id, user_id, occurred_at, occurrences, last_seen_at, period_start)
            ORDER BY a.user_id""";
    private static final String COUNT = """
            UPDATE misuse_alert m SET occurrences = m.occurrences + a.occurrences,
                   last_seen_at = GREATEST(m.last_seen_at, CAST(a.last_seen_at AS timestamptz))
            FROM unnest(?, ?, ?) AS a(alert_id, occurrences, last_seen_at) WHERE m.alert_id = a.alert_id""";
    /** A period's alert is inserted by the first batch that sees the period; later ones only count on it. */
    private static final String COUNT_IN_PERIOD = INSERT + """

            ON CONFLICT (user_id, rule, period_start) WHERE period_start IS NOT NULL DO UPDATE
            SET occurrences = misuse_alert.occurrences + EXCLUDED.occurrences,
                last_seen_at = GREATEST(misuse_alert.last_seen_at, EXCLUDED.last_seen_at)
            RETURNING alert_id""";

    private final DataSource dataSource;

    public OpenAlertRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Per user, the rule's latest alert that first fired after {@code since}: of a rule whose alerts have no period
     * (search bursts), the only ones {@code misuse_alert_user_rule} holds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, OpenAlert> latestSince(Rule rule, Collection<String> users, Instant since) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LATEST)) {
            select.setString(1, rule.name());
            select.setObject(2, Jdbc.texts(connection, users));
            select.setString(3, since.toString());
            Map<String, OpenAlert> latest = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    latest.put(rows.getString(2), new OpenAlert(rows.getObject(1, UUID.class), rows.getString(2),
                            instant(rows, 3), rows.getInt(4), instant(rows, 5), null));
                }
            }
            return latest;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read open " + rule + " alerts", e);
        }
    }

    /** Stores alerts that fired for the first time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(Rule rule, List<OpenAlert> fired, Instant raisedAt) {
        if (!fired.isEmpty()) {
            write(INSERT, rule, fired, raisedAt);
        }
    }

    /** Adds accesses to alerts already stored: {@code occurrences} is how many more, {@code lastSeenAt} the latest. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void count(List<OpenAlert> more) {
        if (more.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(COUNT)) {
            update.setArray(1, Jdbc.uuids(connection, more.stream().map(OpenAlert::alertId).toList()));
            update.setArray(2, Jdbc.ints(connection, more.stream().map(OpenAlert::occurrences).toList()));
            update.setArray(3, Jdbc.instants(connection, more.stream().map(OpenAlert::lastSeenAt).toList()));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count accesses on open alerts", e);
        }
    }

    /**
     * Counts each candidate on the rule's alert for its user and period, inserting the alert where the period has none.
     *
     * @return the ids of the candidates that were inserted: the alerts that fired now and are to be published
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> countInPeriods(Rule rule, List<OpenAlert> candidates, Instant raisedAt) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Set<UUID> returned = write(COUNT_IN_PERIOD, rule, candidates, raisedAt);
        Set<UUID> inserted = new HashSet<>();
        candidates.stream().map(OpenAlert::alertId).filter(returned::contains).forEach(inserted::add);
        return inserted;
    }

    private Set<UUID> write(String sql, Rule rule, List<OpenAlert> alerts, Instant raisedAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, rule.name());
            insert.setString(2, raisedAt.toString());
            insert.setArray(3, Jdbc.uuids(connection, alerts.stream().map(OpenAlert::alertId).toList()));
            insert.setObject(4, Jdbc.texts(connection, alerts.stream().map(OpenAlert::userId).toList()));
            insert.setArray(5, Jdbc.instants(connection, alerts.stream().map(OpenAlert::occurredAt).toList()));
            insert.setArray(6, Jdbc.ints(connection, alerts.stream().map(OpenAlert::occurrences).toList()));
            insert.setArray(7, Jdbc.instants(connection, alerts.stream().map(OpenAlert::lastSeenAt).toList()));
            insert.setArray(8, Jdbc.instants(connection, alerts.stream().map(OpenAlert::periodStart).toList()));
            Set<UUID> ids = new HashSet<>();
            if (sql.contains("RETURNING")) {
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
            } else {
                insert.executeUpdate();
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store " + rule + " alerts", e);
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
