package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.containsString;

/**
 * An outbox row the broker will never take (larger than the producer's max.request.size) must not block the events
 * behind it: after a few refusals it moves to outbox_dead_letter with the reason, and is counted in readiness and
 * metrics, while the next event is published.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OutboxDeadLetterTest {

    /** Health and metrics are on the management interface (its root is /q), not the API port (issue 20). */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private static final String INSERT = """
            INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload) VALUES (?::uuid, ?, ?, ?, ?)""";

    @Test
    void aRowTheBrokerRefusesForGoodIsDeadLetteredAndTheRowsBehindItArePublished() throws Exception {
        String poison = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();
        String key = "outbox-dead-letter-" + UUID.randomUUID();
        // Both rows in one transaction, the oversized one first: the relay meets it before the good one.
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres")) {
            c.setAutoCommit(false);
            insert(c, poison, key, "{\"padding\":\"" + "x".repeat(1_200_000) + "\"}");
            insert(c, next, key, "{\"after\":\"the oversized row\"}");
            c.commit();
        }

        List<ConsumerRecord<String, String>> read = TestKafkaClient.readUntil(Topics.IDENTITY_AUDIT_EVENTS,
                Duration.ofSeconds(30), records -> records.stream().anyMatch(r -> key.equals(r.key())));
        // Publishing is at least once: the good row may go out again with the retried batch, under the same ce_id
        // (consumers drop the repeat); what matters is that it arrives and the oversized one never does.
        List<ConsumerRecord<String, String>> ours = read.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(ours).extracting(ConsumerRecord::value).containsOnly("{\"after\":\"the oversized row\"}");
        assertThat(ours).extracting(r -> TestKafkaClient.header(r, CloudEventHeaders.ID)).containsOnly(next);

        // What a user of the service notices: the rows behind the oversized one are marked sent, not re-sent for ever
        // (without the dead letter the relay retries the whole batch, the backlog never drains and readiness is DOWN).
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long unsent;
        do {
            Thread.sleep(200);
            unsent = unsentFor(key);
        } while (unsent > 0 && System.nanoTime() < deadline);
        assertThat(unsent).as("rows of this test still unsent in outbox_event").isZero();

        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement query = c.prepareStatement(
                     "SELECT reason, attempts FROM outbox_dead_letter WHERE id = ?::uuid")) {
            query.setString(1, poison);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the oversized row is in outbox_dead_letter").isTrue();
                assertThat(row.getString("reason")).contains("RecordTooLargeException");
                assertThat(row.getInt("attempts")).isEqualTo(3);
            }
            try (ResultSet left = c.createStatement().executeQuery(
                    "SELECT count(*) FROM outbox_event WHERE id = '" + poison + "'")) {
                left.next();
                assertThat(left.getLong(1)).isZero();
            }
        }

        // The service is ready (it publishes everything else), and says what it could not publish.
        given().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.data.deadLettered", greaterThanOrEqualTo(1))
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"));
        given().get(metrics).then().statusCode(200)
                .body(containsString("contactpoint_outbox_dead_letters"));
    }

    private static long unsentFor(String key) throws Exception {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement query = c.prepareStatement(
                     "SELECT count(*) FROM outbox_event WHERE aggregateid = ? AND sent_at IS NULL")) {
            query.setString(1, key);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static void insert(Connection c, String id, String key, String payload) throws Exception {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, id);
            insert.setString(2, Topics.IDENTITY_AUDIT_EVENTS);
            insert.setString(3, key);
            insert.setString(4, "test.outbox.dead-letter.v1");
            insert.setString(5, payload);
            insert.executeUpdate();
        }
    }
}
