package org.contactpoint.audit.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.MisuseAlertRecord;
import org.contactpoint.audit.domain.Rule;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The alerts the rules raised ({@code misuse_alert}); a batch of new ones in one statement. */
@ApplicationScoped
public class MisuseAlertRepository implements PanacheRepositoryBase<MisuseAlertRecord, UUID> {

    /** An alert raised by one access, standing for that access alone (one occurrence, last seen when it occurred). */
    public record NewAlert(UUID alertId, Rule rule, String userId, Instant occurredAt, Instant raisedAt) {
    }

    private static final String INSERT = """
            INSERT INTO misuse_alert (alert_id, rule, user_id, occurred_at, raised_at, occurrences, last_seen_at)
            SELECT a.alert_id, a.rule, a.user_id, CAST(a.occurred_at AS timestamptz), CAST(a.raised_at AS timestamptz),
                   1, CAST(a.occurred_at AS timestamptz)
            FROM unnest(?, ?, ?, ?, ?) AS a(alert_id, rule, user_id, occurred_at, raised_at)""";

    private final DataSource dataSource;

    public MisuseAlertRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insertAll(List<NewAlert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, Jdbc.uuids(connection, alerts.stream().map(NewAlert::alertId).toList()));
            insert.setObject(2, Jdbc.texts(connection, alerts.stream().map(a -> a.rule().name()).toList()));
            insert.setObject(3, Jdbc.texts(connection, alerts.stream().map(NewAlert::userId).toList()));
            insert.setArray(4, Jdbc.instants(connection, alerts.stream().map(NewAlert::occurredAt).toList()));
            insert.setArray(5, Jdbc.instants(connection, alerts.stream().map(NewAlert::raisedAt).toList()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store " + alerts.size() + " alerts", e);
        }
    }
}
