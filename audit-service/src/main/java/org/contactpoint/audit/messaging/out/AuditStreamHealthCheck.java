package org.contactpoint.audit.messaging.out;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.repository.AuditStreamRepository;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness that tells the truth about the audit stream, as the outbox's does about the outbox: how many stored
 * records are not yet on {@code audit.records.v1}, how long the oldest has waited, and DOWN while the stream cannot be
 * published (the reason given). The backlog is also the {@code contactpoint.audit.stream.backlog} gauge.
 */
@Readiness
@ApplicationScoped
public class AuditStreamHealthCheck implements HealthCheck {

    private final AuditStreamRelay relay;

    public AuditStreamHealthCheck(AuditStreamRelay relay, MeterRegistry registry) {
        this.relay = relay;
        Gauge.builder("contactpoint.audit.stream.backlog", relay, r -> r.backlog().records())
                .description("Audit records stored in the chain and not yet acknowledged on audit.records.v1")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("audit-stream");
        AuditStreamRepository.Backlog backlog = relay.backlog();
        response.withData("backlog", backlog.records()).withData("oldestUnsentSeconds", (long) backlog.oldestSeconds());
        relay.lastFailure().ifPresent(failure -> response.withData("lastFailure", failure));
        return response.status(backlog.records() >= 0 && relay.lastFailure().isEmpty()).build();
    }
}
