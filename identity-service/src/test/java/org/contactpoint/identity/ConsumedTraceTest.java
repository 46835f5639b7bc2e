package org.contactpoint.identity;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.identity.messaging.in.SourceRecordHandler;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: a source record sent on Kafka in a trace (an agency's or a feed's system, with its {@code traceparent}) is
 * matched inside a consumer span of that trace, a child of the span that sent it, so the record's trace runs on into
 * identity-service as it does into audit-service and the gateway.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ConsumedTraceTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aSourceRecordSentInATraceIsMatchedInASpanOfThatTrace() throws Exception {
        String trace = hex(16);
        String sender = hex(8);
        String sourceId = "TRACED-" + UUID.randomUUID();
        TestKafkaClient.send(Topics.IDENTITY_SOURCE_RECORDS, sourceId,
                Scenario.record("Tamsin", "Traceworthy", "2016-02-11", "N7 0AA", "SCHOOL_CENSUS", sourceId).toString(),
                Map.of(CloudEventHeaders.TYPE, SourceRecordHandler.TYPE, CloudEventHeaders.SOURCE, "school-census",
                        "traceparent", "00-" + trace + "-" + sender + "-01"));

        await("the record matched", () -> decided(sourceId));
        await("the consumer span of the record's trace", () -> processed(trace).isPresent());
        SpanData span = processed(trace).orElseThrow();
        assertThat(span.getParentSpanId()).as("a child of the span that sent the record").isEqualTo(sender);
        assertThat(span.getAttributes().asMap().values()).as("no name or identifier of the child in the span")
                .noneMatch(value -> value.toString().contains("Traceworthy") || value.toString().contains(sourceId));
    }

    /** identity-service's own span for matching a record of the topic in the trace (not the Kafka client's). */
    private static Optional<SpanData> processed(String trace) {
        return RecordedSpans.ofTrace(trace).stream().filter(span -> span.getKind() == SpanKind.CONSUMER
                && span.getName().equals(Topics.IDENTITY_SOURCE_RECORDS + " process")).findFirst();
    }

    private static boolean decided(String sourceId) {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement select = c.prepareStatement(
                     "SELECT count(*) FROM match_decision WHERE source_record_id = ?")) {
            select.setString(1, sourceId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
