package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.identity.messaging.in.SourceRecordHandler;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.record;

/**
 * The source-record feed a poll at a time, on batch matching: a poll's records matched in one transaction, and a bad
 * record (unreadable, or refused by the matching) dead-lettered on its own while the rest go ahead.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SourceFeedBatchTest {

    @Test
    void aPollOfSourceRecordsIsMatchedInFewTransactionsAndBadRecordsAreDeadLetteredAlone() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> headers = Map.of(CloudEventHeaders.TYPE, SourceRecordHandler.TYPE,
                CloudEventHeaders.SOURCE, "school-census");
        List<TestKafkaClient.Outgoing> records = new ArrayList<>();
        String unreadable = "B-" + run + "-unreadable";
        String tooOld = "B-" + run + "-too-old";
        for (int i = 0; i < 100; i++) {
            String id = "B-" + run + "-" + i;
            records.add(new TestKafkaClient.Outgoing(id, record(letters(), letters(),
                    LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000)).toString(),
                    "N7 0AA", "SCHOOL_CENSUS", id).toString(), headers));
            if (i == 40) {
                records.add(new TestKafkaClient.Outgoing(unreadable, "{\"givenNames\": \"Half", headers));
            }
            if (i == 60) {
                records.add(new TestKafkaClient.Outgoing(tooOld, record(letters(), letters(), "2003-01-01",
                        "N7 0AA", "SCHOOL_CENSUS", tooOld).toString(), headers));
            }
        }
        TestKafkaClient.sendAll(Topics.IDENTITY_SOURCE_RECORDS, records);

        // Every good record is matched: a decision each (random names at one postcode are nearly always new
        // children, but a sound-alike pair may rightly go to review, so the outcome is not what this test is about).
        String matched = """
                FROM match_decision d WHERE d.source = 'SCHOOL_CENSUS' AND d.source_record_id LIKE ?""";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline
                && count("SELECT count(DISTINCT d.source_record_id) " + matched, run) < 100) {
            sleep();
        }
        assertThat(count("SELECT count(DISTINCT d.source_record_id) " + matched, run))
                .as("good records matched; outcomes %s", outcomes(run)).isEqualTo(100);
        // One transaction per poll, not per record: the rows a transaction writes share its id.
        assertThat(count("SELECT count(DISTINCT d.xmin::text) " + matched, run)).isLessThanOrEqualTo(10);

        List<ConsumerRecord<String, String>> dead = TestKafkaClient.readUntil(
                Topics.deadLetter(Topics.IDENTITY_SOURCE_RECORDS), Duration.ofSeconds(30),
                read -> read.stream().filter(r -> r.key() != null && r.key().startsWith("B-" + run)).count() >= 2)
                .stream().filter(r -> r.key() != null && r.key().startsWith("B-" + run)).toList();
        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(unreadable, tooOld);
        assertThat(TestKafkaClient.header(dead.stream().filter(r -> tooOld.equals(r.key())).findFirst()
                .orElseThrow(), CloudEventHeaders.DEAD_LETTER_REASON)).contains("dateOfBirth");
    }

    private static String letters() {
        StringBuilder name = new StringBuilder();
        name.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        for (int i = 0; i < 9; i++) {
            name.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return name.toString();
    }

    /** How the run's records were decided, for a failure's message. */
    private static String outcomes(String run) {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement statement = c.prepareStatement("""
                     SELECT outcome, count(*) FROM match_decision
                     WHERE source = 'SCHOOL_CENSUS' AND source_record_id LIKE ? GROUP BY outcome""")) {
            statement.setString(1, "B-" + run + "-%");
            StringBuilder found = new StringBuilder();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.append(rs.getString(1)).append('=').append(rs.getLong(2)).append(' ');
                }
            }
            return found.toString().trim();
        } catch (SQLException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static long count(String sql, String run) {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, "B-" + run + "-%");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
