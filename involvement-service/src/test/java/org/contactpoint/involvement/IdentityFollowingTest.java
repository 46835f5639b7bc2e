package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.events.involvement.InvolvementNotification;
import org.contactpoint.involvement.application.LifecycleService;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Following identity-service: merges, unmerges, purges, moves of local authority; and the end of an involvement. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class IdentityFollowingTest {

    /** The scenarios below submit, cease and resubmit the school's involvements. */
    static final String AGENCY = SCHOOL_AGENCY;
    static final String LA_TEAM = "Bearer " + TestTokens.user("la-manager").roles("la-management")
            .localAuthority("E09000019").sign();

    private final LifecycleService lifecycle;

    IdentityFollowingTest(LifecycleService lifecycle) {
        this.lifecycle = lifecycle;
    }

    static String submit(String body) {
        return given().header("Authorization", agencyFor(body)).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(201).extract().path("involvementId");
    }

    @Test
    void mergeRehomesInvolvementsToTheSurvivorAndUnmergeMovesBackOnlyThoseSubmittedForTheChild() {
        String duplicate = newChildId();
        String survivor = newChildId();
        knownChild(duplicate, 1, "E09000019");
        knownChild(survivor, 1, "E09000019");
        String schoolOnDuplicate = submit(schoolSubmission(uniqueSubmissionId("m"), duplicate, true));
        String gpOnSurvivor = submit(gpSubmission(uniqueSubmissionId("m"), survivor, true, false));

        sendChild(duplicate, 2, "MERGED", survivor, "E09000019");
        List<ConsumerRecord<String, String>> onSurvivor = awaitInvolvementEvents(survivor,
                InvolvementEventTypes.REHOMED, 1);
        JsonNode rehomed = payloads(onSurvivor, InvolvementEventTypes.REHOMED).get(0);
        assertThat(rehomed.path("involvementId").asText()).isEqualTo(schoolOnDuplicate);
        assertThat(rehomed.path("contactPointId").asText()).isEqualTo(survivor);
        assertThat(rehomed.path("previousContactPointId").asText()).isEqualTo(duplicate);
        // The survivor already had a lead: the arriving one is re-homed as a non-lead.
        assertThat(rehomed.path("leadProfessional").asBoolean()).isFalse();
        reading(LA_TEAM).queryParam("contactPointId", survivor).get("/involvements")
                .then().statusCode(200).body("$", hasSize(2));

        // A submission naming the merged child lands on the survivor.
        String lateForDuplicate = submit(schoolSubmission(uniqueSubmissionId("m"), duplicate, false)
                .replace("URN100001", "URN100002"));
        reading(LA_TEAM).get("/involvements/" + lateForDuplicate).then()
                .body("contactPointId", equalTo(survivor));

        // Unmerge: the duplicate is a child in its own right again and takes back what was submitted for it.
        sendChild(duplicate, 3, "ACTIVE", null, "E09000019");
        List<ConsumerRecord<String, String>> backHome = awaitInvolvementEvents(duplicate,
                InvolvementEventTypes.REHOMED, 2);
        assertThat(payloads(backHome, InvolvementEventTypes.REHOMED))
                .extracting(e -> e.path("involvementId").asText())
                .containsExactlyInAnyOrder(schoolOnDuplicate, lateForDuplicate);
        reading(LA_TEAM).queryParam("contactPointId", survivor).get("/involvements")
                .then().statusCode(200).body("involvementId", equalTo(List.of(gpOnSurvivor)));
    }

    @Test
    void aSurvivorMergedInTurnTakesEverythingThatPointedAtItInOneHop() {
        String first = newChildId();
        String middle = newChildId();
        String last = newChildId();
        knownChild(first, 1, "E09000019");
        knownChild(middle, 1, "E09000019");
        knownChild(last, 1, "E09000019");
        String onFirst = submit(schoolSubmission(uniqueSubmissionId("ch"), first, false));
        sendChild(first, 2, "MERGED", middle, "E09000019");
        awaitInvolvementEvents(middle, InvolvementEventTypes.REHOMED, 1);

        // The middle child is merged too: what it holds moves on, and the first child now resolves to the last
        // before identity re-publishes it with the final survivor.
        sendChild(middle, 2, "MERGED", last, "E09000019");
        List<ConsumerRecord<String, String>> onLast = awaitInvolvementEvents(last,
                InvolvementEventTypes.REHOMED, 1);
        JsonNode moved = payloads(onLast, InvolvementEventTypes.REHOMED).get(0);
        assertThat(moved.path("involvementId").asText()).isEqualTo(onFirst);
        assertThat(moved.path("previousContactPointId").asText()).isEqualTo(middle);
        assertThat(moved.path("version").asLong()).isEqualTo(3);
        awaitChildVersion(middle, 2);
        assertThat(queryLong("SELECT count(*) FROM known_child WHERE contact_point_id = ? AND merged_into = '"
                + last + "'", first)).isEqualTo(1);
        String late = submit(gpSubmission(uniqueSubmissionId("ch"), first, false, false));
        reading(LA_TEAM).get("/involvements/" + late).then()
                .body("contactPointId", equalTo(last));
    }

    @Test
    void purgeRemovesTheChildsInvolvementsAndParkedSubmissionsAndRefusesNewOnes() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String first = submit(schoolSubmission(uniqueSubmissionId("p"), child, false));
        String second = submit(gpSubmission(uniqueSubmissionId("p"), child, false, false));
        String unknown = newChildId();
        given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("p"), unknown, false)).post("/involvements")
                .then().statusCode(202);

        purgeChild(child);
        purgeChild(unknown);
        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child,
                InvolvementEventTypes.REMOVED, 2);
        // A removal is a tombstone for the involvement's key: nothing about it is left to read.
        List<ConsumerRecord<String, String>> removed = tombstones(events);
        assertThat(removed).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(first, second);
        awaitChildVersion(unknown, Long.MAX_VALUE);
        assertThat(queryLong("SELECT count(*) FROM involvement WHERE contact_point_id = ?", child)).isZero();
        assertThat(queryLong("SELECT count(*) FROM parked_submission WHERE contact_point_id = ?", unknown)).isZero();

        given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("p"), child, false)).post("/involvements")
                .then().statusCode(410).contentType("application/problem+json");
        // A stale event of the purged child does not bring it back.
        sendChild(child, 5, "ACTIVE", null, "E09000019");
        given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("p"), child, false)).post("/involvements")
                .then().statusCode(410);
    }

    @Test
    void moveOfLocalAuthorityIsToldToTheServicesWorkingWithTheChild() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        submit(schoolSubmission(uniqueSubmissionId("mv"), child, false));
        submit(gpSubmission(uniqueSubmissionId("mv"), child, false, false));

        sendChild(child, 2, "ACTIVE", null, "E09000033");
        awaitChildVersion(child, 2);
        List<JsonNode> moved = movedNotices(child);
        assertThat(moved).allSatisfy(n -> {
            assertThat(n.path("message").asText()).isEqualTo("This child has moved to E09000033.");
            assertThat(n.path("previousLocalAuthority").asText()).isEqualTo("E09000019");
        });
        // The old LA's team no longer manages the child.
        reading(LA_TEAM).queryParam("contactPointId", child).get("/involvements")
                .then().statusCode(403);
    }

    @Test
    void whileTheChildIsShieldedNotificationsNameNeitherTheNewServiceNorTheNewLocalAuthority() {
        String child = newChildId();
        sendShieldedChild(child, 1, "E09000019");
        awaitChildVersion(child, 1);
        assertThat(queryLong("SELECT count(*) FROM known_child WHERE contact_point_id = ? AND shielded_since IS NOT NULL",
                child)).isEqualTo(1);
        submit(schoolSubmission(uniqueSubmissionId("sh"), child, false));
        submit(gpSubmission(uniqueSubmissionId("sh"), child, false, false));

        List<JsonNode> started = inbox(HILLSIDE_STAFF, child);
        assertThat(started).hasSize(1);
        JsonNode notice = started.get(0);
        assertThat(notice.path("type").asText()).isEqualTo(InvolvementNotification.NEW_INVOLVEMENT);
        assertThat(notice.has("newService")).isFalse();
        assertThat(notice.path("message").asText()).isEqualTo("Another service is now working with this child.");
        assertThat(started.stream().map(JsonNode::toString))
                .noneMatch(v -> v.contains("Rosebery") || v.contains("F83999") || v.contains("GP"));

        sendShieldedChild(child, 2, "E09000033");
        awaitChildVersion(child, 2);
        List<JsonNode> moved = movedNotices(child);
        assertThat(moved).allSatisfy(n -> {
            assertThat(n.path("message").asText())
                    .isEqualTo("Responsibility for this child has moved to another local authority.");
            assertThat(n.has("localAuthority")).isFalse();
            assertThat(n.toString()).doesNotContain("E09000033");
        });
    }

    /** The school's and the GP's notices of the child's move, one in each organisation's own inbox. */
    static List<JsonNode> movedNotices(String child) {
        List<JsonNode> moved = new java.util.ArrayList<>();
        for (String staff : List.of(HILLSIDE_STAFF, ROSEBERY_STAFF)) {
            List<JsonNode> notices = inbox(staff, child).stream().filter(n -> n.path("type").asText()
                    .equals(InvolvementNotification.MOVED_LOCAL_AUTHORITY)).toList();
            assertThat(notices).hasSize(1);
            moved.addAll(notices);
        }
        return moved;
    }

    @Test
    void ceasedInvolvementShowsAsHasWorkedWithUntilItsPeriodEndsThenIsRemoved() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String id = submit(schoolSubmission(uniqueSubmissionId("c"), child, true));
        given().header("Authorization", AGENCY).contentType(ContentType.JSON).body("{\"endDate\":\"2019-01-01\"}")
                .post("/involvements/" + id + "/cease")
                .then().statusCode(400).body("errors[0].field", equalTo("endDate"));
        given().header("Authorization", TestTokens.bearer("other-hub", "agency-system")).contentType(ContentType.JSON)
                .body("{\"endDate\":\"2025-07-18\"}").post("/involvements/" + id + "/cease").then().statusCode(403);
        given().header("Authorization", AGENCY).contentType(ContentType.JSON).body("{\"endDate\":\"2025-07-18\"}")
                .post("/involvements/" + id + "/cease")
                .then().statusCode(200).body("status", equalTo("CEASED"))
                .body("relationship", equalTo("HAS_WORKED_WITH")).body("leadProfessional", equalTo(false));
        given().header("Authorization", AGENCY).contentType(ContentType.JSON).body("{\"endDate\":\"2025-07-18\"}")
                .post("/involvements/" + id + "/cease").then().statusCode(409);
        reading(LA_TEAM).queryParam("contactPointId", child).get("/involvements")
                .then().statusCode(200).body("[0].relationship", equalTo("HAS_WORKED_WITH"))
                .body("[0].endDate", equalTo("2025-07-18"));
        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child,
                InvolvementEventTypes.CEASED, 1);
        assertThat(payloads(events, InvolvementEventTypes.CEASED).get(0).path("endDate").asText())
                .isEqualTo("2025-07-18");

        // Within the period (730 days) nothing is removed; after it, the involvement goes everywhere.
        lifecycle.removeExpired(LocalDate.of(2027, 7, 18));
        reading(LA_TEAM).get("/involvements/" + id).then().statusCode(200);
        lifecycle.removeExpired(LocalDate.of(2027, 7, 20));
        reading(LA_TEAM).get("/involvements/" + id).then().statusCode(404);
        assertThat(tombstones(awaitInvolvementEvents(child, InvolvementEventTypes.REMOVED, 1)))
                .extracting(ConsumerRecord::key).containsExactly(id);
    }

    @Test
    void identityEventThatCannotBeAppliedIsDeadLetteredWithTheReason() {
        String child = newChildId();
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, child, "{\"contactPointId\":\"" + child + "\"}",
                headers(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, "identity.child.registered.v1"));
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, child, null,
                headers(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, "identity.child.updated.v1"));
        knownChild(child, 1, "E09000019");
        List<ConsumerRecord<String, String>> dead = readKey(Topics.deadLetter(Topics.IDENTITY_CHILDREN), child,
                read -> read.size() >= 2);
        assertThat(dead).hasSize(2);
        assertThat(TestKafkaClient.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_REASON)).contains("version");
        assertThat(TestKafkaClient.header(dead.get(1), CloudEventHeaders.DEAD_LETTER_REASON)).contains("tombstone");
    }
}
