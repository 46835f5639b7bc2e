package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The page's self-service requests reach involvement-service unchanged, with the practitioner's own token and purpose,
 * and its answer (status, problem document) comes back unchanged; nothing but the five known requests passes.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(InvolvementServiceStandIn.class)
class SelfServicePassThroughTest {

    @Test
    void aRecordedInvolvementReachesInvolvementServiceWithThePractitionersOwnToken() {
        String token = TestTokens.bearer("pass-through-" + UUID.randomUUID(), "practitioner");
        String submissionId = "page-" + UUID.randomUUID();
        String body = "{\"submissionId\":\"" + submissionId + "\",\"contactPointId\":\"CP0000000000\","
                + "\"serviceType\":\"SCHOOL\",\"contact\":{\"phone\":\"020 7946 0000\"},\"startDate\":\"2026-09-01\"}";
        given().header("Authorization", token).contentType("application/json").body(body)
                .post("/self-service/involvements")
                .then().statusCode(201).body("status", equalTo("ACTIVE"));
        InvolvementServiceStandIn.Received received = InvolvementServiceStandIn.RECEIVED.stream()
                .filter(r -> r.body().contains(submissionId)).findFirst().orElseThrow();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/involvements");
        assertThat(received.authorization()).isEqualTo(token);
        assertThat(received.body()).isEqualTo(body);
    }

    @Test
    void thePurposeGoesWithANotificationsReadAndTheUpstreamsProblemComesBack() {
        String token = TestTokens.bearer("inbox-" + UUID.randomUUID(), "practitioner");
        given().header("Authorization", token).header("X-Purpose-Of-Use", "DIRECT_CARE")
                .get("/self-service/notifications?size=20").then().statusCode(200);
        assertThat(InvolvementServiceStandIn.RECEIVED).anyMatch(r -> r.path().equals("/notifications?page=0&size=20")
                && "DIRECT_CARE".equals(r.purpose()) && token.equals(r.authorization()));
        // A read without a known purpose, or with a page that is not a number, never leaves the gateway.
        int before = InvolvementServiceStandIn.RECEIVED.size();
        given().header("Authorization", token).get("/self-service/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-Purpose-Of-Use"));
        given().header("Authorization", token).header("X-Purpose-Of-Use", "DIRECT_CARE")
                .get("/self-service/notifications?page=first")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("page"));
        assertThat(InvolvementServiceStandIn.RECEIVED).hasSize(before);
        // Another recipient's notification: involvement-service's 404 comes back as it is.
        given().header("Authorization", token)
                .post("/self-service/notifications/" + UUID.randomUUID() + "/acknowledgement")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anIdThatIsNotAnIdNeverReachesInvolvementService() {
        String token = TestTokens.bearer("ids-" + UUID.randomUUID(), "practitioner");
        int before = InvolvementServiceStandIn.RECEIVED.size();
        given().header("Authorization", token).contentType("application/json")
                .body("{\"endDate\":\"2026-01-01\"}")
                .post("/self-service/involvements/..%2F..%2Fadmin/cease")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404)))
                .contentType("application/problem+json");
        given().header("Authorization", token).contentType("application/json")
                .body("{\"endDate\":\"2026-01-01\"}")
                .post("/self-service/involvements/not-an-id/cease")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(InvolvementServiceStandIn.RECEIVED).hasSize(before);
    }
}
