package org.contactpoint.audit;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: one lookup's trace spans gateway, Kafka and audit-service. An audit event sent with the lookup's
 * {@code traceparent} (as the gateway's outbox relay sends it) is chained inside a consumer span of that trace, a child
 * of the span that sent it; so is a child event from identity-service.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ConsumedTraceTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void anAuditEventSentInALookupsTraceIsStoredInASpanOfThatTrace() {
        String trace = hex(16);
        String sender = hex(8);
        String child = Fixtures.newChildId();
        AuditEvent event = Fixtures.view("traced-gp", "Dr Tracy Lane", Instant.now(), child, false, null, List.of());
        TestKafkaClient.send(Topics.GATEWAY_AUDIT_EVENTS, event.eventId(), Fixtures.json(event),
                Map.of(CloudEventHeaders.ID, event.eventId(), CloudEventHeaders.TYPE, AuditEvent.TYPE,
                        CloudEventHeaders.SOURCE, "search-gateway", "traceparent", "00-" + trace + "-" + sender + "-01"));

        Fixtures.await("the event chained", Duration.ofSeconds(60), () -> Fixtures.count(
                "SELECT count(*) FROM audit_record WHERE event_id = '" + event.eventId() + "'") == 1);
        Fixtures.await("the consumer span of the lookup's trace", Duration.ofSeconds(30),
                () -> processed(trace, Topics.GATEWAY_AUDIT_EVENTS).isPresent());
        SpanData span = processed(trace, Topics.GATEWAY_AUDIT_EVENTS).orElseThrow();
        assertThat(span.getParentSpanId()).as("a child of the span that sent the event").isEqualTo(sender);
        assertThat(span.getAttributes().asMap().values()).as("no identifier of the child in the span")
                .noneMatch(value -> value.toString().contains(child));
    }

    @Test
    void aChildEventSentInATraceIsAppliedInASpanOfThatTrace() {
        String trace = hex(16);
        String sender = hex(8);
        String child = Fixtures.newChildId();
        Fixtures.child(child, 1, false, List.of(), "E09000019",
                Map.of("traceparent", "00-" + trace + "-" + sender + "-01"));

        Fixtures.await("the child applied", Duration.ofSeconds(60),
                () -> Fixtures.profile(child).startsWith("E09000019"));
        Fixtures.await("the consumer span of the child event's trace", Duration.ofSeconds(30),
                () -> processed(trace, Topics.IDENTITY_CHILDREN).isPresent());
        assertThat(processed(trace, Topics.IDENTITY_CHILDREN).orElseThrow().getParentSpanId()).isEqualTo(sender);
    }

    /** audit-service's own span for handling a record of the topic in the trace (not the Kafka client's). */
    private static Optional<SpanData> processed(String trace, String topic) {
        return RecordedSpans.ofTrace(trace).stream().filter(span -> span.getKind() == SpanKind.CONSUMER
                && span.getName().equals(topic + " process")).findFirst();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
