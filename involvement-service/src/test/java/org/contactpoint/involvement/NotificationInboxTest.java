package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.Topics;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Notifications reach their recipient only: an inbox per organisation and per local authority, the recipient taken
 * from the caller's token, never a national topic that tells whoever reads it which service works with which child.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class NotificationInboxTest {

    static final String NEW_INVOLVEMENT = "involvement.notification.new-involvement.v1";
    static final String MOVED = "involvement.notification.moved-local-authority.v1";
    static final String SHIELD_SET = "involvement.notification.shield-set.v1";
    static final String SHIELD_LIFTED = "involvement.notification.shield-lifted.v1";

    @Test
    void aNotificationIsInItsRecipientsInboxOnlyReadWithAPurposeAndAcknowledgedOnlyByIt() {
        String child = newChildId();
        knownChild(child, 1, uniqueLocalAuthority());
        Organisation school = Organisation.unique("School");
        Organisation gp = Organisation.unique("Surgery");
        Organisation stranger = Organisation.unique("Stranger");
        submit(school, school.submission(uniqueSubmissionId("in"), child, "SCHOOL"));
        submit(gp, gp.submission(uniqueSubmissionId("in"), child, "GP"));

        List<JsonNode> schools = inbox(school.practitioner(), child);
        assertThat(schools).hasSize(1);
        JsonNode notice = schools.get(0);
        assertThat(notice.path("type").asText()).isEqualTo(NEW_INVOLVEMENT);
        assertThat(notice.path("newService").path("organisationCode").asText()).isEqualTo(gp.code());
        assertThat(notice.path("message").asText()).contains(gp.name());
        assertThat(notice.has("acknowledgedAt")).isFalse();
        // The newcomer is not told of itself, and nobody else is told anything.
        assertThat(inbox(gp.practitioner(), child)).isEmpty();
        assertThat(inbox(stranger.practitioner())).isEmpty();
        assertThat(inbox(stranger.agency())).isEmpty();
        // Nothing leaves the service for anyone who reads a topic.
        assertThat(queryLong("SELECT count(*) FROM outbox_event WHERE aggregatetype = '"
                + "involvement.notifications.v1" + "' AND aggregateid = ?", child)).isZero();

        // Reading an inbox states a purpose, like any read of a child's data.
        given().header("Authorization", school.practitioner()).get("/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(PURPOSE));
        given().header("Authorization", laTeamOf(uniqueLocalAuthority())).header(PURPOSE, "CURIOSITY")
                .get("/notifications").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(PURPOSE));

        // Someone else's notification does not exist for them (404, not a 403 that would say it does).
        String id = notice.path("notificationId").asText();
        given().header("Authorization", stranger.practitioner()).post("/notifications/" + id + "/acknowledgement")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", gp.agency()).post("/notifications/" + id + "/acknowledgement")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", school.agency()).post("/notifications/" + id + "/acknowledgement")
                .then().statusCode(200).body("notificationId", equalTo(id))
                .body("acknowledgedAt", notNullValue());

        // The unacknowledged come first, oldest first; the acknowledged after them.
        Organisation youthService = Organisation.unique("Youth");
        submit(youthService, youthService.submission(uniqueSubmissionId("in"), child, "YOUTH_OFFENDING"));
        List<JsonNode> after = inbox(school.practitioner(), child);
        assertThat(after).extracting(n -> n.path("newService").path("organisationCode").asText())
                .containsExactly(youthService.code(), gp.code());
        assertThat(after.get(0).has("acknowledgedAt")).isFalse();
        assertThat(after.get(1).has("acknowledgedAt")).isTrue();

        // Every read is audited with its purpose.
        List<ConsumerRecord<String, String>> trail = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null,
                read -> read.stream().anyMatch(r -> r.value().contains("LIST_NOTIFICATIONS")
                        && r.value().contains("staff-" + school.code())));
        JsonNode read = trail.stream().filter(r -> r.value().contains("LIST_NOTIFICATIONS")
                && r.value().contains("staff-" + school.code())).map(r -> json(r.value())).findFirst().orElseThrow();
        assertThat(read.path("purpose").asText()).isEqualTo("DIRECT_CARE");
        assertThat(read.path("childIds").toString()).contains(child);
    }

    @Test
    void aMoveIsToldToBothLocalAuthoritiesAndAShieldToTheChildsOwnOnly() {
        String child = newChildId();
        String from = uniqueLocalAuthority();
        String to = uniqueLocalAuthority();
        knownChild(child, 1, from);
        Organisation school = Organisation.unique("School");
        submit(school, school.submission(uniqueSubmissionId("la"), child, "SCHOOL"));

        sendChild(child, 2, "ACTIVE", null, to);
        awaitChildVersion(child, 2);
        for (String team : List.of(laTeamOf(from), laTeamOf(to), school.practitioner())) {
            List<JsonNode> moved = inbox(team, child);
            assertThat(moved).extracting(n -> n.path("type").asText()).containsExactly(MOVED);
            assertThat(moved.get(0).path("localAuthority").asText()).isEqualTo(to);
            assertThat(moved.get(0).path("previousLocalAuthority").asText()).isEqualTo(from);
        }

        // A shield set is told to the child's own local authority, and to no one else; it says nothing of where.
        sendShieldedChild(child, 3, to);
        awaitChildVersion(child, 3);
        List<JsonNode> ownLa = inbox(laTeamOf(to), child);
        assertThat(ownLa).extracting(n -> n.path("type").asText()).containsExactly(MOVED, SHIELD_SET);
        assertThat(ownLa.get(1).has("localAuthority")).isFalse();
        assertThat(ownLa.get(1).has("previousLocalAuthority")).isFalse();
        assertThat(inbox(laTeamOf(from), child)).extracting(n -> n.path("type").asText()).containsExactly(MOVED);
        assertThat(inbox(school.practitioner(), child)).extracting(n -> n.path("type").asText())
                .containsExactly(MOVED);

        // A move while shielded names neither authority, to either of them or to the school.
        sendShieldedChild(child, 4, from);
        awaitChildVersion(child, 4);
        for (String team : List.of(laTeamOf(from), laTeamOf(to), school.practitioner())) {
            JsonNode moved = inbox(team, child).stream().filter(n -> n.path("type").asText().equals(MOVED))
                    .reduce((first, second) -> second).orElseThrow();
            assertThat(moved.has("localAuthority")).isFalse();
            assertThat(moved.has("previousLocalAuthority")).isFalse();
            assertThat(moved.toString()).doesNotContain(from).doesNotContain(to);
        }

        // Lifted: told to the child's own local authority (now the first one again).
        sendChild(child, 5, "ACTIVE", null, from);
        awaitChildVersion(child, 5);
        assertThat(inbox(laTeamOf(from), child)).extracting(n -> n.path("type").asText())
                .containsExactly(MOVED, MOVED, SHIELD_LIFTED);
        assertThat(inbox(laTeamOf(to), child)).extracting(n -> n.path("type").asText())
                .containsExactly(MOVED, SHIELD_SET, MOVED);
    }

    static void submit(Organisation organisation, String body) {
        given().header("Authorization", organisation.agency()).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(201);
    }
}
