package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.audit.application.AccessRecorder;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.ChainCheckpoint;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Who guards the audit trail: the database refuses changes, and verification finds any that got through anyway. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ChainIntegrityTest {

    static final String AUDITOR = TestTokens.bearer("auditor", "auditor");

    private final AccessRecorder recorder;
    private final MeterRegistry metrics;

    ChainIntegrityTest(AccessRecorder recorder, MeterRegistry metrics) {
        this.recorder = recorder;
        this.metrics = metrics;
    }

    /** What the ContactPointAuditChainBroken alert reads: every verification that finds a broken link is counted. */
    @Test
    void aVerificationThatFindsABrokenLinkIsCountedForTheAlert() throws Exception {
        long sequence = storedSequenceOf(chainOne("counted"));
        double brokenBefore = verifications("broken");
        double intactBefore = verifications("intact");
        try (Connection dba = Fixtures.superuser(); Statement sql = dba.createStatement()) {
            sql.execute("SET session_replication_role = replica");
            sql.execute("CREATE TEMP TABLE original AS SELECT * FROM audit_record WHERE sequence = " + sequence);
            sql.executeUpdate("UPDATE audit_record SET user_id = 'someone-else' WHERE sequence = " + sequence);
            given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().log().ifValidationFails()
                    .statusCode(200).body("intact", equalTo(false));
            restore(sql, sequence);
        }
        assertThat(verifications("broken")).isEqualTo(brokenBefore + 1);
        given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().log().ifValidationFails()
                .statusCode(200).body("intact", equalTo(true));
        assertThat(verifications("intact")).isEqualTo(intactBefore + 1);
    }

    private double verifications(String result) {
        var counter = metrics.find("contactpoint.audit.chain.verifications").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveRecordsEvenForItsOwner() throws Exception {
        long sequence = storedSequenceOf(chainOne("append-only"));
        try (Connection dba = Fixtures.superuser(); Statement sql = dba.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE audit_record SET user_id = 'someone-else' WHERE sequence = " + sequence))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM audit_record WHERE sequence = " + sequence))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("TRUNCATE audit_record CASCADE"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");

            // A login role holding what the service needs (read and append) is refused by privilege as well.
            sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'audit_probe') THEN "
                    + "CREATE ROLE audit_probe LOGIN PASSWORD 'probe'; END IF; END $$");
            sql.execute("GRANT SELECT, INSERT ON audit_record TO audit_probe");
        }
        // The test URL names the superuser in its parameters, which would win over the user given here.
        String url = RealInfrastructure.jdbcUrl().replaceFirst("\\?.*$", "");
        try (Connection app = DriverManager.getConnection(url, "audit_probe", "probe");
             Statement sql = app.createStatement()) {
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM audit_record WHERE sequence = " + sequence)) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE audit_record SET user_id = 'x' WHERE sequence = " + sequence))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM audit_record WHERE sequence = " + sequence))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().log().ifValidationFails().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void verificationReportsTheExactRecordADbaTamperedWith() throws Exception {
        AuditEvent event = chainOne("tampered");
        long sequence = storedSequenceOf(event);
        given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().log().ifValidationFails().statusCode(200)
                .body("intact", equalTo(true)).body("firstBroken", nullValue());

        try (Connection dba = Fixtures.superuser(); Statement sql = dba.createStatement()) {
            // What a DBA with superuser rights could do: switch triggers off for the session and rewrite history.
            sql.execute("SET session_replication_role = replica");
            sql.execute("CREATE TEMP TABLE original AS SELECT * FROM audit_record WHERE sequence = " + sequence);

            sql.executeUpdate("UPDATE audit_record SET canonical_event = replace(canonical_event, 'Okafor', 'Smith') "
                    + "WHERE sequence = " + sequence);
            given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().log().ifValidationFails().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBroken.sequence", equalTo((int) sequence))
                    .body("firstBroken.eventId", equalTo(event.eventId()))
                    .body("firstBroken.reason", equalTo("content does not match its hash (changed after it was stored)"));
            restore(sql, sequence);

            // Changing only a query column (to hide a record from a search by user) is caught too.
            sql.executeUpdate("UPDATE audit_record SET user_id = 'someone-else' WHERE sequence = " + sequence);
            given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().log().ifValidationFails()
                    .body("intact", equalTo(false)).body("firstBroken.sequence", equalTo((int) sequence))
                    .body("firstBroken.reason", equalTo(
                            "the query columns do not match the chained event (changed after it was stored)"));
            restore(sql, sequence);

            // Removing it altogether leaves a gap where it was.
            sql.executeUpdate("DELETE FROM audit_record WHERE sequence = " + sequence);
            given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().log().ifValidationFails()
                    .body("intact", equalTo(false)).body("firstBroken.sequence", equalTo((int) sequence));
            restore(sql, sequence);
        }
        given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().log().ifValidationFails()
                .body("intact", equalTo(true));
    }

    @Test
    void concurrentAppendsTakeTurnsAndNeverForkTheChain() throws Exception {
        int threads = 6;
        int each = 10;
        String child = Fixtures.newChildId();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        QuarkusTransaction.requiringNew().run(() -> recorder.record(
                                new Caller("auditor", null, java.util.Set.of("auditor"), null, null, null), PurposeOfUse.ADMINISTRATION,
                                "QUERY_AUDIT_RECORDS", AuditEvent.Outcome.SUCCESS, Map.of(), List.of(child), 0));
                    }
                }));
            }
            for (var future : done) {
                future.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection dba = Fixtures.superuser(); Statement sql = dba.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*), count(DISTINCT previous_hash) FROM audit_record "
                     + "WHERE child_ids @> ARRAY['" + child + "']")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(threads * each);
            assertThat(rows.getLong(2)).as("no two records share a predecessor").isEqualTo(threads * each);
        }
        given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().log().ifValidationFails()
                .body("intact", equalTo(true));
    }

    @Test
    void checkpointsOfTheHeadArePublishedForOutsideWitnesses() {
        AuditEvent event = chainOne("checkpoint");
        long sequence = storedSequenceOf(event);
        List<ConsumerRecord<String, String>> stream = TestKafkaClient.readUntil(Topics.AUDIT_RECORDS,
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> isCheckpointCovering(r, sequence)));
        ConsumerRecord<String, String> checkpoint = stream.stream().filter(r -> isCheckpointCovering(r, sequence))
                .findFirst().orElseThrow(() -> new AssertionError("no checkpoint covering " + sequence));
        JsonNode body = Fixtures.tree(checkpoint.value());
        long covered = body.path("sequence").asLong();
        String recordHashThere = stream.stream().map(r -> Fixtures.tree(r.value()))
                .filter(r -> r.has("recordHash") && r.path("sequence").asLong() == covered)
                .map(r -> r.path("recordHash").asText()).findFirst().orElseThrow();
        assertThat(body.path("headHash").asText()).isEqualTo(recordHashThere);
        assertThat(body.path("previousCheckpointSequence").asLong()).isLessThan(covered);
    }

    private static boolean isCheckpointCovering(ConsumerRecord<String, String> record, long sequence) {
        return ChainCheckpoint.TYPE.equals(TestKafkaClient.header(record, CloudEventHeaders.TYPE))
                && Fixtures.tree(record.value()).path("sequence").asLong() >= sequence;
    }

    private static void restore(Statement sql, long sequence) throws SQLException {
        sql.executeUpdate("DELETE FROM audit_record WHERE sequence = " + sequence);
        sql.executeUpdate("INSERT INTO audit_record SELECT * FROM original");
    }

    private static AuditEvent chainOne(String label) {
        AuditEvent event = Fixtures.search(label + "-user", "Mr Tom Hale", "Okafor", WORKING_HOURS,
                Fixtures.newChildId());
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, event);
        return event;
    }

    /**
     * The sequence of the event's record, once it is chained and on the audit stream: the tests that play a DBA
     * rewriting history do it to a record already published, as a witness would hold it.
     */
    private static long storedSequenceOf(AuditEvent event) {
        long[] sequence = {0};
        Fixtures.await("record of " + event.eventId(), Duration.ofSeconds(30), () -> {
            sequence[0] = sequenceOf(event.eventId()).orElse(0L);
            return sequence[0] > 0;
        });
        Fixtures.await("record " + sequence[0] + " on the audit stream", Duration.ofSeconds(30),
                () -> Fixtures.count("SELECT published_sequence FROM audit_stream_position") >= sequence[0]);
        return sequence[0];
    }

    private static Optional<Long> sequenceOf(String eventId) {
        try (Connection c = Fixtures.superuser();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT sequence FROM audit_record WHERE event_id = '" + eventId + "'")) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
