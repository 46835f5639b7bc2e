package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A view of a protected child's record is told to the child's own local authority only: through its inbox, read
 * with its token's LA, a page at a time, acknowledged, and every read in the trail. Nothing is published on the old
 * national topic, which carried every LA's notifications to whoever could read it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccessNotificationInboxTest {

    static final String PURPOSE = "X-Purpose-Of-Use";
    static final String AUDITOR = TestTokens.bearer("auditor", "auditor");

    @Test
    void aProtectedViewReachesOnlyTheChildsOwnLocalAuthoritysInbox() {
        String child = Fixtures.newChildId();
        Fixtures.child(child, 1, false, List.of(ChildEvent.Vulnerability.CHILD_PROTECTION_PLAN), "E09000019");
        Fixtures.await("child projected", Duration.ofSeconds(30), () -> Fixtures.profile(child).startsWith("E09000019"));
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, Fixtures.view("gp", "Dr Alan Reid", WORKING_HOURS, child, false,
                null, List.of(child)));
        String islington = laManager("islington-team", "E09000019");
        String camden = laManager("camden-team", "E09000007");
        Fixtures.await("notification in the inbox", Duration.ofSeconds(30), () -> inboxMentions(islington, child));

        String id = given().header("Authorization", islington).header(PURPOSE, "SAFEGUARDING")
                .queryParam("size", 200).get("/access-notifications").then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(200))
                .extract().path("notifications.find { it.contactPointId == '" + child + "' }.notificationId");
        given().header("Authorization", islington).header(PURPOSE, "SAFEGUARDING").queryParam("size", 200)
                .get("/access-notifications").then().statusCode(200)
                .body("notifications.find { it.contactPointId == '" + child + "' }.viewer.name",
                        equalTo("Dr Alan Reid"))
                .body("notifications.find { it.contactPointId == '" + child + "' }.vulnerabilities",
                        equalTo(List.of("CHILD_PROTECTION_PLAN")))
                .body("notifications.find { it.contactPointId == '" + child + "' }.acknowledgedAt",
                        org.hamcrest.Matchers.nullValue());

        // Another authority sees nothing of it and cannot acknowledge it (404: not even that it exists).
        given().header("Authorization", camden).header(PURPOSE, "SAFEGUARDING").queryParam("size", 200)
                .get("/access-notifications").then().statusCode(200)
                .body("notifications.contactPointId", not(hasItem(child)));
        given().header("Authorization", camden).header(PURPOSE, "SAFEGUARDING")
                .post("/access-notifications/" + id + "/acknowledgement").then().statusCode(404)
                .contentType("application/problem+json");
        // A practitioner is no recipient; a read without a purpose is refused, naming the header.
        given().header("Authorization", TestTokens.bearer("gp", "practitioner")).header(PURPOSE, "DIRECT_CARE")
                .get("/access-notifications").then().statusCode(403);
        given().header("Authorization", islington).get("/access-notifications").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(PURPOSE));

        given().header("Authorization", islington).header(PURPOSE, "SAFEGUARDING")
                .post("/access-notifications/" + id + "/acknowledgement").then().statusCode(204);
        given().header("Authorization", islington).header(PURPOSE, "SAFEGUARDING").queryParam("size", 200)
                .get("/access-notifications").then().statusCode(200)
                .body("notifications.find { it.contactPointId == '" + child + "' }.acknowledgedAt", notNullValue())
                .body("notifications.find { it.contactPointId == '" + child + "' }.acknowledgedBy",
                        equalTo("islington-team"));

        // Every read is in the trail with its purpose; the national topic carries nothing (same transaction as the
        // inbox row, so this is already final).
        given().header("Authorization", AUDITOR).header(PURPOSE, "ADMINISTRATION")
                .queryParam("userId", "islington-team").queryParam("action", "READ_ACCESS_NOTIFICATIONS")
                .get("/audit-records").then().statusCode(200)
                .body("records.event.purpose", everyItem(equalTo("SAFEGUARDING")))
                .body("records.event.childIds.flatten()", hasItem(child));
        given().header("Authorization", AUDITOR).header(PURPOSE, "ADMINISTRATION")
                .queryParam("userId", "islington-team").queryParam("action", "ACKNOWLEDGE_ACCESS_NOTIFICATION")
                .get("/audit-records").then().statusCode(200).body("totalRecords", equalTo(1));
        assertThat(Fixtures.count("SELECT count(*) FROM outbox_event WHERE aggregatetype = '"
                + "audit.access-notifications.v1" + "'")).isZero();
    }

    @Test
    void aViewOfAChildNotYetKnownWaitsForItsLocalAuthority() {
        String child = Fixtures.newChildId();
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, Fixtures.view("gp", "Dr Alan Reid", WORKING_HOURS, child, false,
                null, List.of(child)));
        Fixtures.await("view chained", Duration.ofSeconds(30), () -> Fixtures.count(
                "SELECT count(*) FROM audit_record WHERE child_ids @> ARRAY['" + child + "']::text[]") > 0);
        Fixtures.child(child, 1, false, List.of(ChildEvent.Vulnerability.LOOKED_AFTER), "E09000033");
        String westminster = laManager("westminster-team", "E09000033");
        Fixtures.await("notification addressed", Duration.ofSeconds(30), () -> inboxMentions(westminster, child));
    }

    static String laManager(String userId, String la) {
        return "Bearer " + TestTokens.user(userId).roles("la-management").localAuthority(la).sign();
    }

    private static boolean inboxMentions(String token, String child) {
        List<String> children = given().header("Authorization", token).header(PURPOSE, "SAFEGUARDING")
                .queryParam("size", 200).get("/access-notifications").then().extract()
                .path("notifications.contactPointId");
        return children != null && children.contains(child);
    }
}
