package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.AgencySubmission;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The agency topics (one per organisation, the organisation taken from the topic): the same effect as REST, idempotent
 * by submissionId, bad records dead-lettered, never blocking.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AgencyTopicTest {

    static final String SCHOOL_TOPIC = Topics.agencySubmissions("URN100001");
    static final String GP_TOPIC = Topics.agencySubmissions("F83999");
    static final String CLINIC_TOPIC = Topics.agencySubmissions("RV3YP");
    static final String DLQ = Topics.deadLetter(SCHOOL_TOPIC);

    /** On the school's own topic. */
    static void submit(String key, String value, String agency) {
        submit(SCHOOL_TOPIC, key, value, agency);
    }

    static void submit(String topic, String key, String value, String agency) {
        TestKafkaClient.send(topic, key, value, agency == null
                ? headers(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE, AgencySubmission.TYPE)
                : headers(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE,
                AgencySubmission.TYPE, CloudEventHeaders.SOURCE, agency));
    }

    @Test
    void poisonAndInvalidSubmissionsAreDeadLetteredWithTheReasonAndTheValidOnesBehindThemStillApply() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String badId = withBadCheckDigit(child);
        // All with the child's key: one partition, in this order.
        submit(child, "{ this is not json", "hub-a");
        submit(child, schoolSubmission("hub-a-bad-check", badId, false), "hub-a");
        submit(child, schoolSubmission("hub-a-no-source", child, false), null);
        submit(child, schoolSubmission("hub-a-bad-type", child, false).replace("\"SCHOOL\"", "\"WIZARD\""), "hub-a");
        String submissionId = uniqueSubmissionId("hub-a");
        submit(child, schoolSubmission(submissionId, child, true), "hub-a");
        // The same submission again, as a new record: one effect.
        submit(child, schoolSubmission(submissionId, child, true), "hub-a");
        List<ConsumerRecord<String, String>> schoolEvents = awaitInvolvementEvents(child,
                InvolvementEventTypes.STARTED, 1);
        // Each organisation on its own topic (issue 16 item 9: before, one shared topic carried every organisation).
        submit(CLINIC_TOPIC, child, SensitiveServiceTest.sexualHealth("hub-a-no-consent", child, null), "hub-a");
        submit(GP_TOPIC, child, gpSubmission(uniqueSubmissionId("hub-a"), child, false, false), "hub-a");
        // A second lead: dead-lettered, without naming the current lead's organisation or involvement.
        submit(GP_TOPIC, child, gpSubmission(uniqueSubmissionId("hub-a"), child, true, false), "hub-a");

        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child,
                InvolvementEventTypes.STARTED, 2);
        List<JsonNode> started = payloads(events, InvolvementEventTypes.STARTED);
        assertThat(payloads(schoolEvents, InvolvementEventTypes.STARTED)).hasSize(1);
        assertThat(started).extracting(e -> e.path("serviceType").asText()).containsExactly("SCHOOL", "GP");
        assertThat(started.get(0).path("sourceAgency").asText()).isEqualTo("hub-a");

        // Dead letters are at least once: a bad record has no inbox row, so when the poll that held it is delivered
        // again (the pattern subscription rebalances as the clinic's and the GP's topics appear) its dead letter is
        // sent again. Each record that was refused is counted once, by where it was read.
        List<ConsumerRecord<String, String>> dead = distinctOrigins(
                readKey(DLQ, child, read -> distinctOrigins(read).size() >= 4));
        assertThat(dead).hasSize(4);
        assertThat(dead.get(0).value()).isEqualTo("{ this is not json");
        assertThat(TestKafkaClient.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_REASON)).contains("not valid JSON");
        assertThat(TestKafkaClient.header(dead.get(1), CloudEventHeaders.DEAD_LETTER_REASON))
                .contains("contactPointId").contains("check digit");
        assertThat(TestKafkaClient.header(dead.get(2), CloudEventHeaders.DEAD_LETTER_REASON)).contains("ce_source");
        assertThat(TestKafkaClient.header(dead.get(3), CloudEventHeaders.DEAD_LETTER_REASON)).contains("serviceType");
        assertThat(TestKafkaClient.header(dead.get(3), CloudEventHeaders.TYPE)).isEqualTo(AgencySubmission.TYPE);
        List<ConsumerRecord<String, String>> clinicDead = readKey(Topics.deadLetter(CLINIC_TOPIC), child,
                read -> !read.isEmpty());
        assertThat(TestKafkaClient.header(clinicDead.get(0), CloudEventHeaders.DEAD_LETTER_REASON))
                .contains("consent").contains("sensitive service");
        List<ConsumerRecord<String, String>> gpDead = readKey(Topics.deadLetter(GP_TOPIC), child,
                read -> !read.isEmpty());
        assertThat(TestKafkaClient.header(gpDead.get(0), CloudEventHeaders.DEAD_LETTER_REASON))
                .contains("lead professional").doesNotContain("Hillside").doesNotContain("URN100001")
                .doesNotContain(started.get(0).path("involvementId").asText());

        // The submission the agency pushed is the same one REST sees: resubmitting it over REST is a duplicate.
        given().header("Authorization", "Bearer " + TestTokens.user("hub-a").roles("agency-system")
                        .organisation("Hillside Primary School", "URN100001").sign()).contentType(ContentType.JSON)
                .body(schoolSubmission(submissionId, child, false)).post("/involvements")
                .then().statusCode(200).body("involvementId", equalTo(started.get(0).path("involvementId").asText()))
                .body("leadProfessional", equalTo(true));
    }

    @Test
    void aSubmissionOnOneSchoolsTopicNamingAnotherSchoolIsDeadLetteredWithTheReasonAndNeverApplied() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String posing = uniqueSubmissionId("hub-d");
        // School A's topic, a payload naming school B (and claiming the lead): the topic says who is speaking.
        submit(child, schoolSubmission(posing, child, true).replace("Hillside Primary School", "Other Primary School")
                .replace("URN100001", "URN555555"), "hub-d");
        String own = uniqueSubmissionId("hub-d");
        submit(child, schoolSubmission(own, child, false), "hub-d");

        awaitInvolvementEvents(child, InvolvementEventTypes.STARTED, 1);
        List<ConsumerRecord<String, String>> dead = readKey(DLQ, child, read -> read.stream()
                .anyMatch(r -> r.value().contains(posing)));
        ConsumerRecord<String, String> refused = dead.stream().filter(r -> r.value().contains(posing)).findFirst()
                .orElseThrow(() -> new AssertionError("the submission naming another school was not dead-lettered"));
        assertThat(TestKafkaClient.header(refused, CloudEventHeaders.DEAD_LETTER_REASON))
                .contains("own organisation").contains("URN100001").doesNotContain("URN555555");
        assertThat(queryLong("SELECT count(*) FROM involvement WHERE submission_id = ?", posing)).isZero();
        assertThat(queryLong("SELECT count(*) FROM involvement WHERE organisation_code = 'URN555555'"
                + " AND contact_point_id = ?", child)).isZero();
        assertThat(queryLong("SELECT count(*) FROM involvement WHERE submission_id = ?", own)).isEqualTo(1);
    }

    @Test
    void aPollWithOnePoisonRecordAppliesTheRestAndDeadLettersThePoisonAloneWithItsReasonInWords() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        List<String> valid = new java.util.ArrayList<>();
        String lead = uniqueSubmissionId("hub-e");
        valid.add(lead);
        submit(child, schoolSubmission(lead, child, true), "hub-e");
        String poison = uniqueSubmissionId("hub-e-poison");
        for (int i = 0; i < 40; i++) {
            if (i == 20) {
                // A second lead, behind the first and among the rest: refused inside the batch, on its own.
                submit(child, gpSubmission(poison, child, true, false).replace("Rosebery Medical Practice",
                        "Hillside Primary School").replace("F83999", "URN100001"), "hub-e");
            }
            String id = uniqueSubmissionId("hub-e");
            valid.add(id);
            submit(child, schoolSubmission(id, child, false), "hub-e");
        }
        List<ConsumerRecord<String, String>> dead = readKey(DLQ, child, read -> read.stream()
                .anyMatch(r -> r.value().contains(poison)));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (queryLong("SELECT count(*) FROM involvement WHERE contact_point_id = ?", child) < valid.size()
                && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertThat(queryLong("SELECT count(*) FROM involvement WHERE contact_point_id = ?", child))
                .isEqualTo(valid.size());
        assertThat(valid).allMatch(id -> queryLong("SELECT count(*) FROM involvement WHERE submission_id = ?", id) == 1);
        List<ConsumerRecord<String, String>> poisoned = dead.stream().filter(r -> r.value().contains(poison)).toList();
        assertThat(poisoned).hasSize(1);
        String reason = TestKafkaClient.header(poisoned.get(0), CloudEventHeaders.DEAD_LETTER_REASON);
        assertThat(reason).contains("already has an active lead professional");
        assertThat(org.contactpoint.testing.security.KafkaFuzzer.inWords(reason)).isTrue();
        assertThat(queryLong("SELECT count(*) FROM involvement WHERE submission_id = ?", poison)).isZero();
        // Refused in a batch that committed, it is not recorded as applied: sent again, it is refused again.
        assertThat(queryLong("SELECT count(*) FROM inbox_message WHERE message_id = ?",
                TestKafkaClient.header(poisoned.get(0), CloudEventHeaders.ID))).isZero();
    }

    @Test
    void agencySubmissionForAChildNotYetKnownIsParkedAndAppliedWhenTheChildArrives() {
        String child = newChildId();
        String submissionId = uniqueSubmissionId("hub-b");
        submit(submissionId, schoolSubmission(submissionId, child, true), "hub-b");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (queryLong("SELECT count(*) FROM parked_submission WHERE contact_point_id = ?", child) == 0
                && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertThat(queryLong("SELECT count(*) FROM parked_submission WHERE contact_point_id = ?", child)).isEqualTo(1);
        assertThat(readInvolvementEvents(child, Duration.ofSeconds(1), r -> false)).isEmpty();

        sendChild(child, 1, "ACTIVE", null, "E09000019");
        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child,
                InvolvementEventTypes.STARTED, 1);
        assertThat(json(events.get(0).value()).path("leadProfessional").asBoolean()).isTrue();
        assertThat(queryLong("SELECT count(*) FROM parked_submission WHERE contact_point_id = ?", child)).isZero();
    }

    @Test
    void batchGivesEachSubmissionItsOwnResult() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String unknown = newChildId();
        // One organisation per credential: the school's system, whose items are all the school's.
        String agency = "Bearer " + TestTokens.user("hub-c").roles("agency-system")
                .organisation("Hillside Primary School", "URN100001").sign();
        String first = schoolSubmission(uniqueSubmissionId("hub-c"), child, false);
        String body = "{\"submissions\":[" + first + "," + first + ","
                + schoolSubmission("hub-c-bad", withBadCheckDigit(child), false) + ","
                + schoolSubmission(uniqueSubmissionId("hub-c"), unknown, false) + ","
                + schoolSubmission("hub-c-bad-date", child, false).replace("2020-09-01", "yesterday") + ","
                // A NUL character no database can store: refused as the item is read, naming the field (issue 16:
                // before, PostgreSQL refused it as an unexpected failure, a 500), this item alone.
                + schoolSubmission("hub-c-nul", child, false).replace("Mr Daniel", "Mr\\u0000Daniel")
                + "," + schoolSubmission(uniqueSubmissionId("hub-c"), child, false) + "]}";
        given().header("Authorization", agency).contentType(ContentType.JSON).body(body).post("/involvements/batch")
                .then().statusCode(200)
                .body("accepted", equalTo(4)).body("rejected", equalTo(3))
                .body("results[0].status", equalTo(201)).body("results[0].outcome", equalTo("CREATED"))
                .body("results[1].status", equalTo(200)).body("results[1].outcome", equalTo("DUPLICATE"))
                .body("results[2].status", equalTo(400))
                .body("results[2].problem.errors[0].field", equalTo("contactPointId"))
                .body("results[2].involvement", nullValue())
                .body("results[3].status", equalTo(202)).body("results[3].involvement.status", equalTo("PARKED"))
                .body("results[4].status", equalTo(400))
                .body("results[4].problem.errors[0].field", equalTo("startDate"))
                .body("results[5].status", equalTo(400))
                .body("results[5].problem.errors[0].field", equalTo("practitioner.name"))
                .body("results[5].outcome", equalTo("REJECTED"))
                .body("results[5].submissionId", equalTo("hub-c-nul")).body("results[5].involvement", nullValue())
                .body("results[6].status", equalTo(201)).body("results[6].outcome", equalTo("CREATED"));
        assertThat(queryLong("SELECT count(*) FROM involvement WHERE submission_id = ?", "hub-c-nul")).isZero();
        given().header("Authorization", agency).contentType(ContentType.JSON).body("{\"submissions\":[]}")
                .post("/involvements/batch").then().statusCode(400).contentType("application/problem+json");
    }

    /** One dead letter per record read (its dead-letter topic, partition and offset), the first of each kept. */
    private static List<ConsumerRecord<String, String>> distinctOrigins(List<ConsumerRecord<String, String>> read) {
        Map<String, ConsumerRecord<String, String>> byOrigin = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : read) {
            byOrigin.putIfAbsent(TestKafkaClient.header(record, "dead-letter-topic") + "/"
                    + TestKafkaClient.header(record, "dead-letter-partition") + "/"
                    + TestKafkaClient.header(record, "dead-letter-offset"), record);
        }
        return List.copyOf(byOrigin.values());
    }
}
