package org.contactpoint.audit;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.AuditRecordEvent;
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
 * of the span that sent it; so is a child event from identity-service. A poll of many lookups' records chained
 * together still publishes each record's stream row and alerts in that record's own trace.
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

    /**
     * A poll mixes many lookups' traces: each record's {@code audit.records.v1} row and each alert it raises continue
     * that lookup's own trace (the relay's Kafka record carries a {@code traceparent} of the lookup's trace, from a
     * publish span under the record's consumer span), not one trace for the whole poll, nor none.
     */
    @Test
    void eachRecordOfAPollOfManyTracesContinuesItsOwnTraceOnTheStreamAndTheAlerts() {
        int lookups = 30;
        String run = hex(4);
        // Wednesday 18 November 2026, 23:30 in London: every lookup raises its user's out-of-hours alert.
        Instant night = Instant.parse("2026-11-18T23:30:00Z");
        Map<String, String> traceOfEvent = new java.util.LinkedHashMap<>();
        Map<String, String> traceOfUser = new java.util.HashMap<>();
        List<TestKafkaClient.Outgoing> poll = new java.util.ArrayList<>();
        for (int i = 0; i < lookups; i++) {
            String user = "traced-night-" + run + "-" + i;
            String trace = hex(16);
            AuditEvent event = Fixtures.search(user, "Dr Tracy Lane", "Okafor", night.plusSeconds(i),
                    Fixtures.newChildId());
            traceOfEvent.put(event.eventId(), trace);
            traceOfUser.put(user, trace);
            poll.add(new TestKafkaClient.Outgoing(event.eventId(), Fixtures.json(event), Map.of(
                    CloudEventHeaders.ID, event.eventId(), CloudEventHeaders.TYPE, AuditEvent.TYPE,
                    CloudEventHeaders.SOURCE, "search-gateway", "traceparent", "00-" + trace + "-" + hex(8) + "-01")));
        }
        // One producer, sent together: the consumer takes them in one poll (or a few), chained in one transaction.
        TestKafkaClient.sendAll(Topics.GATEWAY_AUDIT_EVENTS, poll);

        String ids = traceOfEvent.keySet().stream().map(id -> "'" + id + "'")
                .collect(java.util.stream.Collectors.joining(","));
        Fixtures.await("the lookups chained", Duration.ofSeconds(60), () -> Fixtures.count(
                "SELECT count(*) FROM audit_record WHERE event_id IN (" + ids + ")") == lookups);
        assertThat(Fixtures.count("SELECT count(DISTINCT stored_at) FROM audit_record WHERE event_id IN (" + ids + ")"))
                .as("the lookups were chained in polls of several (a poll's records share one store time)")
                .isLessThan(lookups);

        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> stream = TestKafkaClient.readUntil(
                Topics.AUDIT_RECORDS, Duration.ofSeconds(60), read -> streamRows(read, traceOfEvent).size() == lookups);
        Map<String, String> streamTraces = streamRows(stream, traceOfEvent);
        assertThat(streamTraces).as("each lookup's stream row continues the lookup's own trace")
                .containsExactlyInAnyOrderEntriesOf(traceOfEvent);

        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> alerts = TestKafkaClient.readUntil(
                Topics.AUDIT_ALERTS, Duration.ofSeconds(60), read -> alertRows(read, traceOfUser).size() == lookups);
        assertThat(alertRows(alerts, traceOfUser)).as("each out-of-hours alert continues the trace of its lookup")
                .containsExactlyInAnyOrderEntriesOf(traceOfUser);

        // In the trace: the stream row's publish span is a child of the lookup's consumer span in audit-service.
        String anyEvent = traceOfEvent.keySet().iterator().next();
        String trace = traceOfEvent.get(anyEvent);
        Fixtures.await("the publish span of the stream row", Duration.ofSeconds(30), () -> RecordedSpans.ofTrace(trace)
                .stream().anyMatch(span -> span.getName().equals(Topics.AUDIT_RECORDS + " publish")));
        SpanData consumed = processed(trace, Topics.GATEWAY_AUDIT_EVENTS).orElseThrow();
        assertThat(RecordedSpans.ofTrace(trace)).filteredOn(span -> span.getKind() == SpanKind.PRODUCER)
                .extracting(SpanData::getParentSpanId).as("published from the lookup's consumer span")
                .contains(consumed.getSpanId());
    }

    /** Per lookup (event id) among {@code wanted}, the trace id its stream record's {@code traceparent} names. */
    private static Map<String, String> streamRows(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>
                                                          read, Map<String, String> wanted) {
        Map<String, String> traces = new java.util.HashMap<>();
        for (var record : read) {
            if (record.value() == null || !AuditRecordEvent.TYPE.equals(TestKafkaClient.header(record,
                    CloudEventHeaders.TYPE))) {
                continue;
            }
            String eventId = Fixtures.tree(record.value()).path("event").path("eventId").asText();
            if (wanted.containsKey(eventId)) {
                traces.put(eventId, traceId(TestKafkaClient.header(record, "traceparent")));
            }
        }
        return traces;
    }

    /** Per user among {@code wanted}, the trace id their out-of-hours alert's {@code traceparent} names. */
    private static Map<String, String> alertRows(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>
                                                         read, Map<String, String> wanted) {
        Map<String, String> traces = new java.util.HashMap<>();
        for (var record : read) {
            if (record.value() != null && wanted.containsKey(record.key())
                    && "OUT_OF_HOURS".equals(Fixtures.tree(record.value()).path("rule").asText())) {
                traces.put(record.key(), traceId(TestKafkaClient.header(record, "traceparent")));
            }
        }
        return traces;
    }

    /** The trace id of a {@code traceparent} header ({@code 00-<trace>-<span>-<flags>}); "none" when absent. */
    private static String traceId(String traceparent) {
        return traceparent == null ? "none" : traceparent.split("-")[1];
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
