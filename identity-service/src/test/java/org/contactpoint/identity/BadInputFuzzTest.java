package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.identity.messaging.in.SourceRecordHandler;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.security.HostileValues;
import org.contactpoint.testing.security.HttpFuzzer;
import org.contactpoint.testing.TestTokens;
import org.contactpoint.testing.security.KafkaFuzzer;
import org.contactpoint.testing.security.RawHttpProbe;
import org.contactpoint.testing.security.SecurityMatrix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * identity-service's share of the bad-input fuzz: hostile requests to every operation in its OpenAPI document, and
 * malformed source records on its feed topic interleaved with valid ones. No 5xx, no valid record lost, no stall.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BadInputFuzzTest {

    private static final long SEED = 0xC0FFEE_02L;

    @TestHTTPResource("/")
    URI base;

    /**
     * The fuzz reaches every operation, {@code PUT /match-weights/in-force} too, and may leave an estimate of this test
     * register in force; the tests after it match under the built-in weights, as a new register does.
     */
    @AfterEach
    void builtInWeightsBackInForce() {
        Scenario.as(Scenario.ADMIN).body("{\"version\":0}").put("/match-weights/in-force").then().statusCode(200);
    }

    @Test
    void hostileRequestsNeverGetA5xx() {
        HttpFuzzer.Report report = HttpFuzzer.of(base, SEED)
                .pathValue("contactPointId", "CP1234567897")
                .run(2000);
        assertThat(report.serverErrors()).as("5xx responses (%s)", report).isEmpty();
        assertThat(report.notProblemJson()).as("4xx responses that are not problem+json (%s), e.g. %s", report,
                report.notProblemSamples()).isZero();
    }

    @Test
    void unstorableTextInAnyFieldOrParameterIsRefusedNamingIt() {
        assertThat(HttpFuzzer.of(base, SEED).pathValue("contactPointId", "CP1234567897").unstorableTextFindings())
                .as("answers other than 400 problem+json naming the field").isEmpty();
    }

    @Test
    void aChildWithUnstorableTextIsRefusedAndNothingIsStored() {
        for (Map.Entry<String, String> text : HostileValues.UNSTORABLE_TEXT.entrySet()) {
            String marker = "Unstorable" + letters((int) (System.nanoTime() % 100_000));
            String record = Scenario.record("Amara", "FAMILY", "2016-03-14", "N7 9QQ", "SCHOOL_CENSUS",
                    marker).toString().replace("\"FAMILY\"", HostileValues.quote(marker + text.getValue()));
            for (String path : List.of("/children", "/source-records")) {
                Scenario.as(path.equals("/children") ? Scenario.CASE_SYSTEM : Scenario.FEED).body(record).post(path)
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("errors.field", org.hamcrest.Matchers.hasItem("familyName"));
            }
            assertThat(count("SELECT count(*) FROM child WHERE family_name LIKE ?", marker + "%"))
                    .as("children stored with a %s", text.getKey()).isZero();
        }
    }

    @Test
    void aSourceRecordWithANulIsDeadLetteredInWordsAndNothingIsStored() {
        String sourceId = "NUL" + letters((int) (System.nanoTime() % 100_000));
        String record = Scenario.record("Amara", "FAMILY", "2016-03-14", "N7 9QQ", "SCHOOL_CENSUS", sourceId)
                .toString().replace("\"FAMILY\"", HostileValues.quote("Okafor" + HostileValues.NUL));
        TestKafkaClient.send(Topics.IDENTITY_SOURCE_RECORDS, sourceId, record, Map.of(CloudEventHeaders.TYPE,
                SourceRecordHandler.TYPE, CloudEventHeaders.SOURCE, "school-census",
                CloudEventHeaders.ID, java.util.UUID.randomUUID().toString()));
        var dead = TestKafkaClient.readUntil(Topics.deadLetter(Topics.IDENTITY_SOURCE_RECORDS),
                Duration.ofSeconds(60), read -> read.stream().anyMatch(r -> sourceId.equals(r.key())));
        String reason = dead.stream().filter(r -> sourceId.equals(r.key())).findFirst()
                .map(r -> TestKafkaClient.header(r, CloudEventHeaders.DEAD_LETTER_REASON))
                .orElseThrow(() -> new AssertionError("the record was not dead-lettered"));
        assertThat(KafkaFuzzer.inWords(reason)).as("reason in words: %s", reason).isTrue();
        assertThat(reason).contains("familyName").contains("NUL");
        assertThat(decisions(sourceId)).as("decisions stored").isZero();
    }

    @Test
    void oversizedRequestLineHeadersAndBodyAreRefusedWithAProblem() {
        RawHttpProbe.assertOversizedRefusedAsProblems(base, "/children",
                TestTokens.user("probe").roles(SecurityMatrix.ALL_ROLES.toArray(String[]::new)).sign(),
                "identity-service");
    }

    @Test
    void malformedSourceRecordsAreDeadLetteredAndValidOnesAllMatched() throws Exception {
        List<String> sourceIds = new ArrayList<>();
        String prefix = "FZ" + Long.toHexString(System.nanoTime());
        KafkaFuzzer.Run run = KafkaFuzzer.publish(Topics.IDENTITY_SOURCE_RECORDS, SEED, 400, 4, n -> {
            String sourceId = prefix + "-" + n;
            if (n < 1_000_000) {
                sourceIds.add(sourceId);
            }
            Map<String, String> headers = new HashMap<>();
            headers.put(CloudEventHeaders.TYPE, SourceRecordHandler.TYPE);
            headers.put(CloudEventHeaders.SOURCE, "school-census");
            return new KafkaFuzzer.Message(sourceId, Scenario.record("Fuzz", "Fuzz" + letters(n),
                    LocalDate.of(2012, 1, 1).plusDays(n % 3000).toString(), "N7 0AA", "SCHOOL_CENSUS", sourceId)
                    .toString(), headers);
        });
        String last = sourceIds.get(sourceIds.size() - 1);
        // Matching is the slow part; on a loaded machine allow two minutes, and say how far it got if it stops.
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // Partitions are consumed independently: wait for every valid record, not only the last one sent.
        while (sourceIds.stream().anyMatch(id -> decisions(id) == 0) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(decisions(last)).as("the last valid record was matched (no stall); valid ones matched so far: "
                + sourceIds.stream().filter(id -> decisions(id) > 0).count() + " of " + sourceIds.size())
                .isPositive();
        long lost = sourceIds.stream().filter(id -> decisions(id) == 0).count();
        Map<String, Integer> dead = KafkaFuzzer.deadLettered(run, Duration.ofSeconds(90));
        String summary = run.topic() + ": valid=" + run.valid().size() + " bad=" + run.badByKind() + " dead-lettered="
                + dead + " lost=" + lost;
        assertThat(lost).as("valid source records not matched (%s)", summary).isZero();
        assertThat(KafkaFuzzer.deadLetteredWithReason(dead)).as("malformed records dead-lettered with a reason (%s)",
                summary).isEqualTo(KafkaFuzzer.mustDeadLetter(run));
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.toString();
    }

    private static long decisions(String sourceRecordId) {
        return count("SELECT count(*) FROM match_decision WHERE source_record_id = ?", sourceRecordId);
    }

    private static long count(String sql, String parameter) {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            ResultSet rs = select.executeQuery();
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
