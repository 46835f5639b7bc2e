package org.contactpoint.gateway;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.as;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;

/**
 * Issue 20: one trace from the caller through the gateway and Kafka. A record sent with a trace context (as every
 * service's outbox relay sends one) is consumed in a span of that trace; a lookup continues the caller's
 * {@code traceparent} in its server span (named by route, never by the child's ID), and the audit record it publishes
 * carries the trace on to audit-service.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class TraceContinuityTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aRecordSentWithATraceIsConsumedInThatTraceAndALookupCarriesItsCallersTraceToTheAuditTopic() {
        String id = newContactPointId();
        String upstreamTrace = hex(16);
        String upstreamSpan = hex(8);
        Map<String, String> headers = GatewayFixtures.headers(UUID.randomUUID().toString(), ChildEventTypes.REGISTERED);
        headers.put("traceparent", "00-" + upstreamTrace + "-" + upstreamSpan + "-01");
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, id, GatewayFixtures.write(GatewayFixtures.child(id, 1, "Wren",
                GatewayFixtures.uniqueFamilyName("Tracey"), GatewayFixtures.uniqueDateOfBirth())), headers);
        await("the child", () -> heldVersion(id) == 1);
        await("the consumer's span of the upstream trace", () -> RecordedSpans.ofTrace(upstreamTrace).stream()
                .anyMatch(span -> span.getKind() == SpanKind.CONSUMER && span.getParentSpanId().equals(upstreamSpan)));

        String callerTrace = hex(16);
        String callerSpan = hex(8);
        String lookupId = as("teacher-traced", "practitioner")
                .header("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
                .get("/children/" + id).then().statusCode(200).extract().header("X-Lookup-Id");

        await("the lookup's server span", () -> server(callerTrace).isPresent());
        SpanData server = server(callerTrace).orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
        assertThat(server.getName()).isEqualTo("GET /children/{contactPointId}").doesNotContain(id);
        assertThat(server.getAttributes().asMap().values()).noneMatch(value -> value.toString().contains(id));

        List<ConsumerRecord<String, String>> audit = TestKafkaClient.readUntil(Topics.GATEWAY_AUDIT_EVENTS,
                Duration.ofSeconds(60), read -> read.stream().anyMatch(r ->
                        lookupId.equals(TestKafkaClient.header(r, CloudEventHeaders.ID))));
        ConsumerRecord<String, String> record = audit.stream()
                .filter(r -> lookupId.equals(TestKafkaClient.header(r, CloudEventHeaders.ID))).findFirst()
                .orElseThrow();
        String traceparent = TestKafkaClient.header(record, "traceparent");
        assertThat(traceparent).as("the audit record's traceparent").startsWith("00-" + callerTrace + "-");
        await("the audit record's producer span", () -> RecordedSpans.ofTrace(callerTrace).stream()
                .anyMatch(span -> span.getKind() == SpanKind.PRODUCER && traceparent.contains(span.getSpanId())
                        && span.getParentSpanId().equals(server.getSpanId())));
    }

    @Test
    void aSelfServiceRequestPassedToInvolvementServiceCarriesTheGatewaysTrace() {
        String callerTrace = hex(16);
        String callerSpan = hex(8);
        String involvementId = UUID.randomUUID().toString();
        as("teacher-self-traced", "practitioner").header("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
                .contentType("application/json").body("{\"endDate\":\"2026-11-18\"}")
                .post("/self-service/involvements/" + involvementId + "/cease").then().statusCode(200);

        String forwarded = InvolvementServiceStandIn.TRACEPARENTS.get("/involvements/" + involvementId + "/cease");
        assertThat(forwarded).as("the traceparent involvement-service received").startsWith("00-" + callerTrace + "-");
        await("the pass-through's server span", () -> server(callerTrace).isPresent());
        SpanData server = server(callerTrace).orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
        assertThat(forwarded).as("involvement-service's span is a child of the gateway's")
                .isEqualTo("00-" + callerTrace + "-" + server.getSpanId() + "-01");
    }

    private static Optional<SpanData> server(String traceId) {
        return RecordedSpans.ofTrace(traceId).stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
