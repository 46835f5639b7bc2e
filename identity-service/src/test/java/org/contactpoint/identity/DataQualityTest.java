package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.contactpoint.identity.application.SourceRecordImports;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.identity.messaging.in.SourceRecordHandler;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.CASE_SYSTEM;
import static org.contactpoint.identity.Scenario.FEED;
import static org.contactpoint.identity.Scenario.as;

/**
 * Issue 23: the data-quality report. Per feed what matching did with its records and the commonest rejections; the
 * review queue's size and age per authority; children no source has confirmed for a year; suspected duplicates, listed
 * only for the authority's own team. The LA team sees its own authority's figures, national-overview England's.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DataQualityTest {

    private final SourceRecordImports imports;

    DataQualityTest(SourceRecordImports imports) {
        this.imports = imports;
    }

    @Test
    void theTeamSeesItsFeedsQueueUnconfirmedChildrenAndSuspectedDuplicates() throws Exception {
        String la = "E0" + ThreadLocalRandom.current().nextInt(6_000_000, 9_999_999);
        String source = "DQ_FEED_" + ThreadLocalRandom.current().nextInt(1_000_000);
        String family = "Brackenthwaite" + (char) ('a' + ThreadLocalRandom.current().nextInt(26))
                + (char) ('a' + ThreadLocalRandom.current().nextInt(26));
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);
        String a = register(record("Ottoline", family, "2014-02-11", "N1 9GU", la, source, "DQ-1"));
        String b = register(record("Peregrine", family + "x", "2012-09-30", "N7 0AA", la, source, "DQ-2"));
        // An import from the same feed with one line refused.
        String ndjson = record("Quintessa", family + "y", "2013-05-05", "N5 1AA", la, source, "DQ-3") + "\n"
                + record("Rowena", family + "z", "2013-05-06", "N5 1AB", la, source, "DQ-4")
                .put("gender", "ROBOT") + "\n";
        String importId = given().header("Authorization", FEED).contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/source-record-imports").then().statusCode(202)
                .extract().path("importId");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"COMPLETED".equals(as(FEED).get("/source-record-imports/" + importId).then().extract()
                .path("state"))) {
            imports.processNextBatch();
            assertThat(System.nanoTime()).as("the import completes").isLessThan(deadline);
            Thread.sleep(100);
        }
        Instant to = Instant.now().plus(1, ChronoUnit.HOURS);

        JsonNode report = read(lead(la), from, to);
        assertThat(report.path("localAuthority").asText()).isEqualTo(la);
        JsonNode feed = feed(report, source);
        assertThat(feed.path("received").asLong()).as(report.toString()).isEqualTo(4);
        assertThat(feed.path("created").asLong()).isEqualTo(3);
        assertThat(feed.path("linked").asLong()).isZero();
        assertThat(feed.path("sentToReview").asLong()).isZero();
        assertThat(feed.path("rejected").asLong()).isEqualTo(1);
        assertThat(feed.path("topRejections").get(0).path("reason").asText()).contains("gender");
        assertThat(report.path("suspectedDuplicates").asLong()).isZero();
        assertThat(report.path("unconfirmedForTwelveMonths").asLong()).isZero();

        // The matcher scored a in the review band when b's record came, and a review item waits two days; a was
        // registered two years ago and no source has confirmed it since.
        sql("UPDATE match_decision SET candidates = jsonb_build_array(jsonb_build_object('contactPointId', ?::text, "
                + "'probability', 0.42, 'score', 7.5, 'comparisons', jsonb_build_array())) WHERE child_id = (SELECT id FROM child WHERE contact_point_id = ?)",
                a, b);
        sql("INSERT INTO match_decision (id, source, source_record_id, outcome, status, score, local_authority, "
                + "record, candidates, decided_by, decided_at) VALUES (gen_random_uuid(), ?, 'DQ-9', 'REVIEW', "
                + "'PENDING', 5.0, ?, '{}', '[]', 'health-feed', now() - interval '2 days')", source, la);
        sql("UPDATE child SET created_at = now() - interval '2 years' WHERE contact_point_id = ?", a);
        sql("UPDATE match_decision SET decided_at = now() - interval '13 months' WHERE child_id = "
                + "(SELECT id FROM child WHERE contact_point_id = ?)", a);

        JsonNode after = read(lead(la), from, to);
        assertThat(after.path("suspectedDuplicates").asLong()).isEqualTo(1);
        assertThat(after.path("unconfirmedForTwelveMonths").asLong()).isEqualTo(1);
        JsonNode queue = after.path("reviewQueues").get(0);
        assertThat(queue.path("localAuthority").asText()).isEqualTo(la);
        assertThat(queue.path("size").asLong()).isEqualTo(1);
        assertThat(queue.path("oldestSeconds").asLong()).isBetween(2 * 86_400L - 600, 2 * 86_400L + 3_600);

        JsonNode pairs = Scenario.JSON.readTree(given().header("Authorization", lead(la))
                .header("X-Purpose-Of-Use", "ADMINISTRATION").get("/data-quality/suspected-duplicates")
                .then().statusCode(200).extract().asString());
        assertThat(pairs.size()).isEqualTo(1);
        assertThat(List.of(pairs.get(0).path("contactPointId").asText(),
                pairs.get(0).path("otherContactPointId").asText())).containsExactlyInAnyOrder(a, b);
        assertThat(pairs.get(0).path("probability").asDouble()).isEqualTo(0.42);

        // England's figures include this feed; another authority's team does not see it.
        JsonNode england = read("Bearer " + TestTokens.user("analyst").roles("national-overview")
                .localAuthority(null).sign(), from, to);
        assertThat(england.path("localAuthority").isNull()).isTrue();
        // a's decision was moved 13 months back above: three of the four remain in the period.
        assertThat(feed(england, source).path("received").asLong()).isEqualTo(3);
        String englandText = england.toString();
        assertThat(englandText).doesNotContain(a).doesNotContain(b).doesNotContain(family);
        JsonNode elsewhere = read(lead("E09000001"), from, to);
        assertThat(elsewhere.path("feeds").findValuesAsText("source")).doesNotContain(source);

        // Each read is audited.
        assertThat(Scenario.audits(la, "DATA_QUALITY_REPORT", "LIST_SUSPECTED_DUPLICATES")).isNotEmpty();
    }

    @Test
    void recordsRefusedOverRestInABatchAndOnKafkaCountAsTheirFeedsRejections() throws Exception {
        String la = "E0" + ThreadLocalRandom.current().nextInt(6_000_000, 9_999_999);
        String source = "DQ_REFUSED_" + ThreadLocalRandom.current().nextInt(1_000_000);
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);
        // One record on its own, one of a batch beside a good one, one on Kafka: each with a sex no feed may send.
        as(FEED).body(record("Tamsin", "Quellingham", "2015-04-04", "N1 9GU", la, source, "DQR-1")
                .put("gender", "ROBOT").toString()).post("/source-records").then().statusCode(400);
        String batch = "{\"records\": [" + record("Ursula", "Quellingham", "2015-04-05", "N1 9GU", la, source,
                "DQR-2").put("gender", "ROBOT") + ", " + record("Verity", "Quellinghamx", "2011-06-06", "N1 9GU", la,
                source, "DQR-3") + "]}";
        as(FEED).body(batch).post("/source-records/batch").then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.contains("REJECTED", "CREATED"));
        TestKafkaClient.send(Topics.IDENTITY_SOURCE_RECORDS, "DQR-4", record("Wilma", "Quellingham", "2015-04-06",
                "N1 9GU", la, source, "DQR-4").put("gender", "ROBOT").toString(), java.util.Map.of(
                CloudEventHeaders.TYPE, SourceRecordHandler.TYPE, CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "school-census"));
        TestKafkaClient.readUntil(Topics.deadLetter(Topics.IDENTITY_SOURCE_RECORDS), java.time.Duration.ofSeconds(60),
                read -> read.stream().anyMatch(r -> "DQR-4".equals(r.key())));
        Instant to = Instant.now().plus(1, ChronoUnit.HOURS);

        JsonNode report = read(lead(la), from, to);
        JsonNode feed = feed(report, source);
        assertThat(feed.path("rejected").asLong()).as(report.toString()).isEqualTo(3);
        assertThat(feed.path("created").asLong()).isEqualTo(1);
        assertThat(feed.path("topRejections").get(0).path("reason").asText()).contains("gender");
        assertThat(feed.path("topRejections").get(0).path("count").asLong()).isEqualTo(3);
        // Another authority's team does not count them.
        assertThat(read(lead("E09000001"), from, to).path("feeds").findValuesAsText("source")).doesNotContain(source);
    }

    @Test
    void theListOfDuplicatesIsTheAuthorityTeamsWithAPurpose() {
        given().header("Authorization", lead("E09000019")).get("/data-quality/suspected-duplicates").then()
                .statusCode(400).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.user("analyst").roles("national-overview").sign())
                .header("X-Purpose-Of-Use", "ADMINISTRATION").get("/data-quality/suspected-duplicates").then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer("teacher", "practitioner"))
                .queryParam("from", "2026-01-01").queryParam("to", "2026-02-01").get("/data-quality").then()
                .statusCode(403);
        given().header("Authorization", lead("E09000019")).queryParam("from", "2026-01-01").get("/data-quality")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static String lead(String la) {
        return "Bearer " + TestTokens.user("dq-lead-" + la).roles("la-management").localAuthority(la).sign();
    }

    private static JsonNode read(String token, Instant from, Instant to) throws Exception {
        return Scenario.JSON.readTree(given().header("Authorization", token).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/data-quality").then().statusCode(200).extract().asString());
    }

    private static JsonNode feed(JsonNode report, String source) {
        for (JsonNode feed : report.path("feeds")) {
            if (feed.path("source").asText().equals(source)) {
                return feed;
            }
        }
        throw new AssertionError("no feed " + source + " in " + report);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode record(String given, String family, String dob,
                                                                        String postcode, String la, String source,
                                                                        String sourceId) {
        return Scenario.record(given, family, dob, postcode, source, sourceId + "-" + UUID.randomUUID())
                .put("responsibleLocalAuthority", la);
    }

    private static String register(com.fasterxml.jackson.databind.node.ObjectNode record) {
        RequestSpecification request = as(CASE_SYSTEM).body(record.toString());
        return request.post("/children").then().statusCode(201).extract().path("contactPointId");
    }

    private static void sql(String statement, String... parameters) throws Exception {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
