package org.contactpoint.support.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Where this service's audit events go. */
@ConfigMapping(prefix = "contactpoint.audit")
public interface AuditConfig {

    /** This service's audit topic, {@code <service>.audit-events.v1}. */
    String topic();

    /** Whether refused requests (403, other 4xx) of signed-in callers are audited too ({@link RefusalAudit}). */
    @WithDefault("false")
    boolean recordRefusals();

    /**
     * The longest {@link AuditPublisher} waits for the broker to acknowledge an audit event before the access is
     * refused (503). Unused by services that audit through the outbox only.
     */
    @WithDefault("2s")
    Duration sendTimeout();

    /**
     * How long {@link AuditPublisher}'s producer holds an event to send it with others in one request to the broker
     * (Kafka's {@code linger.ms}): fewer, larger produce requests for the broker and the producer to handle, at the
     * cost of up to this much on each access. Each access still waits for its own event's acknowledgement.
     */
    @WithDefault("0ms")
    Duration linger();
}
