package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.involvement.application.Republishing;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;

/**
 * Issue 16 item 8: involvement.involvements.v2 is keyed by the involvement id, so compaction keeps the latest record
 * per involvement; a withdrawn or purged involvement's latest record is its tombstone, so compaction leaves nothing of
 * its earlier states (its {@code started} event included) and, after the tombstone's own retention, nothing at all. A
 * replayed submission stays refused and publishes nothing.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class KeyedInvolvementTopicTest {

    private final Republishing republishing;

    KeyedInvolvementTopicTest(Republishing republishing) {
        this.republishing = republishing;
    }

    @Test
    void aWithdrawnInvolvementLeavesOnlyItsTombstoneAndAReplayPublishesNothing() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String submissionId = uniqueSubmissionId("keyed-clinic");
        String body = SensitiveServiceTest.sexualHealth(submissionId, child, WithdrawnSubmissionTest.CONSENT);
        String id = given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(201).extract().path("involvementId");
        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON)
                .body(WithdrawnSubmissionTest.WITHDRAWAL).post("/involvements/" + id + "/consent-withdrawal")
                .then().statusCode(200);

        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child, InvolvementEventTypes.REMOVED, 1);
        assertThat(events).extracting(ConsumerRecord::key).containsOnly(id);
        assertThat(latestPerKey(events).get(id).value()).as("what compaction keeps of the withdrawn involvement")
                .isNull();
        assertThat(TestKafkaClient.header(latestPerKey(events).get(id), CloudEventHeaders.TYPE))
                .isEqualTo(InvolvementEventTypes.REMOVED);

        // The agency sends it again: refused as gone, and nothing new on the topic for the child.
        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(410);
        String later = uniqueSubmissionId("keyed-later");
        String laterId = given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(later, child, false)).post("/involvements").then().statusCode(201)
                .extract().path("involvementId");
        List<ConsumerRecord<String, String>> after = awaitInvolvementEvents(child, InvolvementEventTypes.STARTED, 2);
        assertThat(latestPerKey(after)).containsOnlyKeys(id, laterId);
        assertThat(latestPerKey(after).get(id).value()).isNull();
    }

    @Test
    void aPurgedChildsInvolvementsEachLeaveOnlyATombstone() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String school = IdentityFollowingTest.submit(schoolSubmission(uniqueSubmissionId("keyed-p"), child, false));
        String gp = IdentityFollowingTest.submit(gpSubmission(uniqueSubmissionId("keyed-p"), child, false, false));

        purgeChild(child);
        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child, InvolvementEventTypes.REMOVED, 2);
        Map<String, ConsumerRecord<String, String>> latest = latestPerKey(events);
        assertThat(latest).containsOnlyKeys(school, gp);
        assertThat(latest.values()).allSatisfy(record -> assertThat(record.value()).isNull());
        // Each started event was keyed by its involvement, so the tombstone supersedes it under compaction.
        assertThat(events.stream().filter(r -> r.value() != null)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(school, gp);
    }

    @Test
    void anInvolvementStoredBeforeTheKeyedTopicIsPublishedOnItOnceInItsCurrentState() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String id = IdentityFollowingTest.submit(schoolSubmission(uniqueSubmissionId("keyed-r"), child, false));
        awaitInvolvementEvents(child, InvolvementEventTypes.STARTED, 1);
        // As V27 queues every involvement stored before the topic existed.
        assertThat(queryLong("WITH queued AS (INSERT INTO involvement_republish VALUES (?::uuid) RETURNING 1)"
                + " SELECT count(*) FROM queued", id)).isEqualTo(1);

        while (republishing.next(500) > 0) {
            // drains the queue, this test's involvement among whatever else is queued
        }
        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child, InvolvementEventTypes.UPDATED, 1);
        JsonNode republished = payloads(events, InvolvementEventTypes.UPDATED).get(0);
        assertThat(republished.path("involvementId").asText()).isEqualTo(id);
        assertThat(republished.path("version").asLong()).isEqualTo(1);
        assertThat(republished.path("organisation").path("code").asText()).isEqualTo("URN100001");
        assertThat(queryLong("SELECT count(*) FROM involvement_republish WHERE involvement_id = ?::uuid", id)).isZero();
        assertThat(readInvolvementEvents(child, Duration.ofSeconds(1), read -> false))
                .filteredOn(r -> InvolvementEventTypes.UPDATED.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE)))
                .hasSize(1);
    }

    /** What compaction keeps: the last record of each key, in the order the topic holds them. */
    private static Map<String, ConsumerRecord<String, String>> latestPerKey(List<ConsumerRecord<String, String>> records) {
        Map<String, ConsumerRecord<String, String>> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            assertThat(record.topic()).isEqualTo(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID);
            latest.put(record.key(), record);
        }
        return latest;
    }
}
