package org.contactpoint.support.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Readiness that tells the truth about publishing: the outbox backlog, the age of the oldest unpublished event, and
 * DOWN while the relay cannot reach the broker. The backlog is also the {@code contactpoint.outbox.backlog} gauge; rows
 * the broker refused for good are {@code deadLettered} here and the {@code contactpoint.outbox.dead.letters} gauge
 * (they do not make the service unready: it publishes everything else).
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private static final String BACKLOG = """
            SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)
            FROM outbox_event WHERE sent_at IS NULL""";

    private final DataSource dataSource;
    private final OutboxRelay relay;

    public OutboxHealthCheck(DataSource dataSource, OutboxRelay relay, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.relay = relay;
        Gauge.builder("contactpoint.outbox.backlog", this, check -> check.backlog()[0])
                .description("Events written to the outbox and not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("contactpoint.outbox.dead.letters", relay, OutboxRelay::deadLettered)
                .description("Outbox rows the broker refused for good, moved to outbox_dead_letter: each needs a person")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox");
        double[] backlog = backlog();
        response.withData("backlog", (long) backlog[0]).withData("oldestUnsentSeconds", (long) backlog[1])
                .withData("deadLettered", relay.deadLettered());
        relay.lastFailure().ifPresent(failure -> response.withData("lastFailure", failure));
        return response.status(backlog[0] >= 0 && relay.lastFailure().isEmpty()).build();
    }

    private double[] backlog() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(BACKLOG);
             ResultSet result = query.executeQuery()) {
            result.next();
            return new double[] {result.getLong(1), result.getDouble(2)};
        } catch (SQLException e) {
            return new double[] {-1, -1};
        }
    }
}
