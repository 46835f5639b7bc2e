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
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;

/**
 * Consent withdrawal and purge cannot be undone by a replay: the submission's idempotency key is kept as a tombstone
 * (a digest of it, nothing else about the child), and the same submission again is answered as gone, not re-created.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class WithdrawnSubmissionTest {

    static final String CONSENT = """
            {"kind":"CHILD_CONSENT","recordedAt":"2026-10-01T10:00:00Z","sufficientUnderstanding":true,\
            "scope":"that the clinic is involved"}""";
    static final String WITHDRAWAL = "{\"withdrawnBy\":\"the child\",\"withdrawnAt\":\"2026-11-01T09:00:00Z\"}";

    @Test
    void aReplayedSubmissionDoesNotBringBackAnInvolvementWhoseConsentWasWithdrawn() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String submissionId = uniqueSubmissionId("clinic");
        String body = SensitiveServiceTest.sexualHealth(submissionId, child, CONSENT);
        String id = given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(201).extract().path("involvementId");
        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON).body(WITHDRAWAL)
                .post("/involvements/" + id + "/consent-withdrawal").then().statusCode(200);

        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(410).contentType("application/problem+json");
        assertThat(involvementsWithSubmissionId(submissionId)).isZero();
        // The tombstone is the key's digest alone: neither the submission id nor the child is readable in it.
        assertThat(queryLong("SELECT count(*) FROM submission_tombstone t WHERE position(convert_to(?, 'UTF8')"
                + " in t.key_digest) > 0", submissionId)).isZero();
    }

    @Test
    void aReplayOnTheAgencyTopicDoesNotBringItBackEither() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String agency = "clinic-feed-" + UUID.randomUUID();
        String submissionId = uniqueSubmissionId("clinic-feed");
        String body = SensitiveServiceTest.sexualHealth(submissionId, child, CONSENT);
        send(child, body, agency);
        List<ConsumerRecord<String, String>> started = awaitInvolvementEvents(child,
                InvolvementEventTypes.STARTED, 1);
        String id = payloads(started, InvolvementEventTypes.STARTED).get(0).path("involvementId").asText();
        given().header("Authorization", SensitiveServiceTest.LA_TEAM).contentType(ContentType.JSON).body(WITHDRAWAL)
                .post("/involvements/" + id + "/consent-withdrawal").then().statusCode(200);

        // The clinic sends it again (a new record), then a new submission; its own topic, one partition (the child's
        // key), so the replay is applied, or refused, before the new one starts.
        send(child, body, agency);
        String afterReplay = uniqueSubmissionId("after-replay");
        send(child, SensitiveServiceTest.sexualHealth(afterReplay, child, CONSENT), agency);
        List<JsonNode> after = payloads(awaitInvolvementEvents(child,
                InvolvementEventTypes.STARTED, 2), InvolvementEventTypes.STARTED);
        assertThat(after).extracting(e -> e.path("serviceType").asText())
                .containsExactly("SEXUAL_HEALTH", "SEXUAL_HEALTH");
        assertThat(involvementsWithSubmissionId(afterReplay)).isEqualTo(1);
        assertThat(involvementsWithSubmissionId(submissionId)).isZero();
    }

    @Test
    void aReplayedSubmissionDoesNotBringBackAPurgedChildsInvolvementUnderItsSourceIdentifier() {
        String child = newChildId();
        String nhsNumber = "9" + child.substring(3);
        knownChild(child, 1, "E09000019", "NHS_NUMBER", nhsNumber);
        String submissionId = uniqueSubmissionId("by-nhs");
        String body = schoolSubmission(submissionId, child, false).replace("\"contactPointId\":\"" + child + "\"",
                "\"sourceIdentifier\":{\"scheme\":\"NHS_NUMBER\",\"value\":\"" + nhsNumber + "\"}");
        given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(201);
        given().header("Authorization", GP_AGENCY).contentType(ContentType.JSON)
                .body(gpSubmission(uniqueSubmissionId("by-id"), child, false, false)).post("/involvements")
                .then().statusCode(201);
        assertThat(inbox(HILLSIDE_STAFF, child)).hasSize(1);

        purgeChild(child);
        awaitPurged(child);
        // Nothing names the child any more, so without the tombstone the replay would be parked, waiting for ever.
        given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(410).contentType("application/problem+json");
        assertThat(queryLong("SELECT count(*) FROM parked_submission WHERE submission_id = ?", submissionId)).isZero();
        assertThat(involvementsWithSubmissionId(submissionId)).isZero();
        // Nor is anything left in an inbox about the child.
        assertThat(queryLong("SELECT count(*) FROM notification WHERE contact_point_id = ?", child)).isZero();
    }

    /** A submission of the clinic (RV3YP) on its own agency topic. */
    static void send(String key, String value, String agency) {
        TestKafkaClient.send(Topics.agencySubmissions("RV3YP"), key, value, Map.of(CloudEventHeaders.ID,
                UUID.randomUUID().toString(), CloudEventHeaders.TYPE, AgencySubmission.TYPE,
                CloudEventHeaders.SOURCE, agency));
    }

    static long involvementsWithSubmissionId(String submissionId) {
        return queryLong("SELECT count(*) FROM involvement WHERE submission_id = ?", submissionId);
    }

    static void awaitPurged(String child) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (queryLong("SELECT count(*) FROM known_child WHERE contact_point_id = ? AND status = 'PURGED'",
                    child) == 1) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("involvement-service never purged " + child);
    }
}
