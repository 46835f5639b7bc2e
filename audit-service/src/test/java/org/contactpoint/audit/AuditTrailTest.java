package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.audit.domain.CanonicalJson;
import org.contactpoint.audit.domain.HashChain;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.AuditRecordEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The walking skeleton: audit events in, chained records stored, the audit stream out, the query API. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AuditTrailTest {

    static final String AUDITOR = TestTokens.bearer("auditor", "auditor");
    /** An auditor reading the trail states why (every read of personal data does). */
    static final Map<String, String> AS_AUDITOR = Map.of("Authorization", AUDITOR, "X-Purpose-Of-Use", "ADMINISTRATION");

    @Test
    void eventsFromEveryServiceAreChainedOnceQueryableAndRepublished() {
        String child = Fixtures.newChildId();
        AuditEvent search = Fixtures.search("teacher", "Ms Priya Shah", "Okafor", WORKING_HOURS, child);
        AuditEvent view = Fixtures.view("teacher", "Ms Priya Shah", WORKING_HOURS.plusSeconds(30), child, false,
                null, List.of());
        AuditEvent registration = new AuditEvent("reg-" + child, WORKING_HOURS.minusSeconds(60), "identity-service",
                new AuditEvent.Actor("case-system", null, List.of("case-management"), "Islington Council", "E09000019",
                        "E09000019"), "REGISTER_CHILD", "SUCCESS", null, Map.of("source", "LA_CASE_SYSTEM"),
                List.of(child), 1, null, false, List.of());

        Fixtures.send(Topics.IDENTITY_AUDIT_EVENTS, registration);
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, search);
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, view);
        // Redelivered as the same message, and re-sent as a new message carrying the same event: neither is chained again.
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, search);
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, "resent-" + search.eventId(), Fixtures.json(search),
                AuditEvent.TYPE);
        AuditEvent sentinel = Fixtures.view("teacher", "Ms Priya Shah", WORKING_HOURS.plusSeconds(90), child, false,
                null, List.of());
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, sentinel);

        // The registration comes through another topic (another consumer): wait for it as well as the gateway's.
        Fixtures.await("four records for " + child, Duration.ofSeconds(30), () -> given()
                .headers(AS_AUDITOR).queryParam("childId", child).queryParam("action", "VIEW_RECORD")
                .get("/audit-records").then().statusCode(200).extract().<Integer>path("totalRecords") == 2
                && given().headers(AS_AUDITOR).queryParam("childId", child).queryParam("action", "REGISTER_CHILD")
                .get("/audit-records").then().statusCode(200).extract().<Integer>path("totalRecords") == 1);

        // The system test's check: the child's records name the gateway. Events from other services appear too.
        // Up to an hour after the events: the auditor's own reads of this child (each chained, naming the child, with
        // today's time) would otherwise fill the newest-first page, however many of them the wait above made.
        JsonNode page = Fixtures.tree(given().headers(AS_AUDITOR).queryParam("childId", child)
                .queryParam("to", WORKING_HOURS.plusSeconds(3600).toString())
                .queryParam("size", "10").get("/audit-records").then().statusCode(200).extract().asString());
        List<String> eventIds = page.path("records").findValuesAsText("eventId");
        assertThat(eventIds).contains(search.eventId(), view.eventId(), sentinel.eventId(), registration.eventId());
        assertThat(eventIds).filteredOn(search.eventId()::equals).hasSize(1);
        assertThat(page.toString()).contains(child, "search-gateway");
        JsonNode stored = page.path("records").findParents("eventId").stream()
                .filter(e -> e.path("eventId").asText().equals(search.eventId())).findFirst().orElseThrow();
        assertThat(stored.path("actor").path("userId").asText()).isEqualTo("teacher");
        assertThat(stored.path("query").path("familyName").asText()).isEqualTo("Okafor");

        // Filters combine; paging is newest first.
        given().headers(AS_AUDITOR).queryParam("userId", "case-system").queryParam("childId", child)
                .get("/audit-records").then().statusCode(200)
                .body("totalRecords", equalTo(1)).body("records[0].event.action", equalTo("REGISTER_CHILD"))
                .body("records[0].source", equalTo(Topics.IDENTITY_AUDIT_EVENTS));
        // Newest first means latest in the chain first; the three gateway events may be chained in any order, since
        // they are spread over the topic's partitions.
        JsonNode all = Fixtures.tree(given().headers(AS_AUDITOR).queryParam("childId", child)
                .queryParam("organisation", "URN100001").queryParam("purpose", "DIRECT_CARE")
                .queryParam("from", "2026-11-18").queryParam("to", "2026-11-18").queryParam("size", "10")
                .get("/audit-records").then().statusCode(200).extract().asString());
        List<String> newestFirst = new java.util.ArrayList<>();
        List<Long> sequences = new java.util.ArrayList<>();
        all.path("records").forEach(r -> {
            newestFirst.add(r.path("event").path("eventId").asText());
            sequences.add(r.path("sequence").asLong());
        });
        assertThat(newestFirst).containsExactlyInAnyOrder(search.eventId(), view.eventId(), sentinel.eventId());
        assertThat(sequences).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        given().headers(AS_AUDITOR).queryParam("childId", child).queryParam("organisation", "URN100001")
                .queryParam("purpose", "DIRECT_CARE").queryParam("from", "2026-11-18").queryParam("to", "2026-11-18")
                .queryParam("size", "1").queryParam("page", "1")
                .get("/audit-records").then().statusCode(200)
                .body("totalRecords", equalTo(3)).body("totalPages", equalTo(3)).body("records.size()", equalTo(1))
                .body("records[0].event.eventId", equalTo(newestFirst.get(1)));
        given().headers(AS_AUDITOR).queryParam("childId", child).queryParam("from", "2026-11-19")
                .queryParam("to", "2026-11-20").get("/audit-records").then().statusCode(200).body("totalRecords", equalTo(0));

        // The auditor's own queries of this child are in the trail too.
        given().headers(AS_AUDITOR).queryParam("childId", child).queryParam("action",
                "QUERY_AUDIT_RECORDS").get("/audit-records").then().statusCode(200)
                .body("records.event.actor.userId", hasItem("auditor"))
                .body("records.source", hasItem("audit-service"));

        // The audit stream carries each stored record once, and an outsider can recompute every hash from it.
        List<JsonNode> streamed = Fixtures.valuesMentioning(Topics.AUDIT_RECORDS, child, 4);
        List<JsonNode> records = streamed.stream().filter(r -> r.has("recordHash"))
                .sorted(Comparator.comparingLong(r -> r.path("sequence").asLong())).toList();
        assertThat(records.stream().map(r -> r.path("event").path("eventId").asText()))
                .contains(search.eventId(), view.eventId(), registration.eventId(), sentinel.eventId())
                .filteredOn(search.eventId()::equals).hasSize(1);
        for (JsonNode record : records) {
            String recomputed = HashChain.link(record.path("previousHash").asText(), record.path("sequence").asLong(),
                    record.path("source").asText(), Instant.parse(record.path("storedAt").asText()),
                    CanonicalJson.of(record.path("event")));
            assertThat(recomputed).as("hash of record %s", record.path("sequence")).isEqualTo(record.path("recordHash").asText());
        }
        ConsumerRecord<String, String> first = Fixtures.readUntilAny(Topics.AUDIT_RECORDS,
                r -> r.value().contains(search.eventId())).stream()
                .filter(r -> r.value().contains(search.eventId())).findFirst().orElseThrow();
        assertThat(first.key()).isEqualTo(AuditRecordEvent.CHAIN_KEY);
        assertThat(TestKafkaClient.header(first, CloudEventHeaders.TYPE)).isEqualTo(AuditRecordEvent.TYPE);
        assertThat(TestKafkaClient.header(first, CloudEventHeaders.ID)).isNotBlank();
    }

    @Test
    void consecutiveRecordsOnTheStreamLinkUp() {
        String child = Fixtures.newChildId();
        for (int i = 0; i < 3; i++) {
            Fixtures.send(Topics.INVOLVEMENT_AUDIT_EVENTS, new AuditEvent("inv-" + i + "-" + child,
                    WORKING_HOURS.plusSeconds(i), "involvement-service", Fixtures.actor("agency-system", null),
                    "RECORD_INVOLVEMENT", "SUCCESS", null, Map.of(), List.of(child), 1, null, false, List.of()));
        }
        List<ConsumerRecord<String, String>> read = TestKafkaClient.readUntil(Topics.AUDIT_RECORDS,
                Duration.ofSeconds(30), rs -> rs.stream().filter(r -> r.value().contains(child)).count() >= 3);
        List<JsonNode> chain = read.stream().map(r -> Fixtures.tree(r.value())).filter(r -> r.has("recordHash"))
                .sorted(Comparator.comparingLong(r -> r.path("sequence").asLong())).toList();
        assertThat(chain.stream().filter(r -> r.toString().contains(child))).hasSize(3);
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).path("sequence").asLong()).isEqualTo(chain.get(i - 1).path("sequence").asLong() + 1);
            assertThat(chain.get(i).path("previousHash").asText()).isEqualTo(chain.get(i - 1).path("recordHash").asText());
        }
        // Read from the beginning of the one partition the chain key maps to: the genesis record is first.
        assertThat(chain.get(0).path("sequence").asLong()).isEqualTo(1);
        assertThat(chain.get(0).path("previousHash").asText()).isEqualTo(HashChain.GENESIS);
    }

    @Test
    void malformedEventsAreDeadLetteredWithTheReasonAndDoNotBlockThePartition() {
        String child = Fixtures.newChildId();
        String key = "bad-" + child;
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, key, "{\"eventId\": \"" + key + "\", not json", AuditEvent.TYPE);
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, key + "-type", "{\"eventId\":\"x\"}", "gateway.something.else.v1");
        AuditEvent missingActor = new AuditEvent(key + "-actor", WORKING_HOURS, "search-gateway", null, "SEARCH",
                "SUCCESS", null, Map.of(), List.of(child), 1, null, false, List.of());
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, key + "-actor", Fixtures.json(missingActor), AuditEvent.TYPE);
        AuditEvent good = Fixtures.view("gp", "Dr Alan Reid", WORKING_HOURS, child, false, null, List.of());
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, good);

        List<ConsumerRecord<String, String>> dead = TestKafkaClient.readUntil(
                Topics.deadLetter(Topics.GATEWAY_AUDIT_EVENTS), Duration.ofSeconds(30),
                rs -> rs.stream().filter(r -> r.key() != null && r.key().startsWith(key)).count() >= 3);
        Map<String, String> reasons = new java.util.HashMap<>();
        dead.stream().filter(r -> r.key() != null && r.key().startsWith(key))
                .forEach(r -> reasons.put(r.key(), TestKafkaClient.header(r, CloudEventHeaders.DEAD_LETTER_REASON)));
        assertThat(reasons.get(key)).contains("not an AuditEvent");
        assertThat(reasons.get(key + "-type")).contains("unexpected event type gateway.something.else.v1");
        assertThat(reasons.get(key + "-actor")).contains("missing actor");

        // Waits for the gp's record itself: the auditor's own queries are recorded with the child too.
        Fixtures.await("the good event after the bad ones", Duration.ofSeconds(30), () -> given()
                .headers(AS_AUDITOR).queryParam("childId", child).queryParam("userId", "gp")
                .get("/audit-records").then().statusCode(200).extract().<Integer>path("totalRecords") >= 1);
        given().headers(AS_AUDITOR).queryParam("childId", child).queryParam("userId", "gp")
                .get("/audit-records").then().body("records.event.eventId", equalTo(List.of(good.eventId())));
    }

    @Test
    void badQueriesAreProblemDetailsAndOnlyAuditorsMayAsk() {
        given().headers(AS_AUDITOR).queryParam("childId", "12345")
                .get("/audit-records").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("childId"));
        // Well formed but with a wrong check digit (CP1234567894 is right): a mistyped ID, refused rather than
        // answered with an empty page that reads as "nobody looked".
        given().headers(AS_AUDITOR).queryParam("childId", "CP1234567890")
                .get("/audit-records").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("childId"));
        given().headers(AS_AUDITOR).accept("application/json")
                .get("/children/CP1234567890/access-report").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("childId"));
        given().headers(AS_AUDITOR).queryParam("from", "yesterday")
                .get("/audit-records").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        given().headers(AS_AUDITOR).queryParam("from", "2026-11-20").queryParam("to", "2026-11-19")
                .get("/audit-records").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().headers(AS_AUDITOR).queryParam("size", "5000")
                .get("/audit-records").then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().headers(AS_AUDITOR).queryParam("page", "-1")
                .get("/audit-records").then().statusCode(400).body("errors[0].field", equalTo("page"));
        given().headers(AS_AUDITOR).queryParam("action", "DROP TABLE")
                .get("/audit-records").then().statusCode(400).body("errors[0].field", equalTo("action"));
        given().get("/audit-records").then().statusCode(401).contentType("application/problem+json");
        given().header("X-Purpose-Of-Use", "ADMINISTRATION").header("Authorization", TestTokens.bearer("teacher", "practitioner"))
                .get("/audit-records").then().statusCode(403).contentType("application/problem+json");
        given().header("X-Purpose-Of-Use", "ADMINISTRATION").header("Authorization", TestTokens.bearer("teacher", "practitioner"))
                .get("/audit-chain/verification").then().statusCode(403);
    }
}
