package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The LA team's screens' requests reach audit-service and identity-service with the team member's own token, body,
 * purpose and If-Match, and their answers (status, problem document, ETag) come back unchanged; only the LA team may
 * use them, and nothing but checked values ever leaves the gateway.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(InvolvementServiceStandIn.class)
@QuarkusTestResource(LaTeamServicesStandIn.class)
class LaTeamPassThroughTest {

    static String team() {
        return "Bearer " + TestTokens.user("la-team-" + UUID.randomUUID()).roles("la-management")
                .organisation("Islington Council", "LA-E09000019").localAuthority("E09000019").sign();
    }

    @Test
    void anAccountIsCreatedAndSuspendedWithTheTeamMembersOwnTokenAndTheAnswerComesBackUnchanged() {
        String token = team();
        String username = "pass." + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"username\":\"" + username + "\",\"name\":\"Robin Hart\",\"roles\":[\"practitioner\"]}";
        given().header("Authorization", token).contentType("application/json").body(body).post("/la-team/accounts")
                .then().statusCode(201).body("username", equalTo(username)).body("status", equalTo("ACTIVE"));
        LaTeamServicesStandIn.Received created = received("POST", "/accounts", username);
        assertThat(created.service()).isEqualTo("audit-service");
        assertThat(created.authorization()).isEqualTo(token);
        assertThat(created.body()).isEqualTo(body);

        given().header("Authorization", token).header("If-Match", "\"7\"").contentType("application/json")
                .body("{\"reason\":\"Left the school\"}").post("/la-team/accounts/" + username + "/suspension")
                .then().statusCode(200).body("status", equalTo("SUSPENDED")).header("ETag", org.hamcrest.Matchers.notNullValue());
        LaTeamServicesStandIn.Received suspended = received("POST", "/accounts/" + username + "/suspension", "Left");
        assertThat(suspended.ifMatch()).isEqualTo("\"7\"");
        given().header("Authorization", token).delete("/la-team/accounts/" + username + "/suspension")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        // audit-service's refusal comes back as it is.
        given().header("Authorization", token).contentType("application/json").body("{\"reason\":\"x\"}")
                .post("/la-team/accounts/nobody-" + UUID.randomUUID().toString().substring(0, 6) + "/closure")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void investigationsAccessNotificationsAndReportsPassWithTheirQueryAndPurpose() {
        String token = team();
        String id = LaTeamServicesStandIn.investigation("u-" + UUID.randomUUID(), "Robin Hart", "SEARCH_BURST",
                "E09000019").path("investigationId").asText();
        given().header("Authorization", token).get("/la-team/investigations?includeClosed=true&size=20")
                .then().statusCode(200);
        assertThat(LaTeamServicesStandIn.RECEIVED).anyMatch(r -> r.path()
                .equals("/v2/investigations?includeClosed=true&page=0&size=20") && token.equals(r.authorization()));
        given().header("Authorization", token).contentType("application/json")
                .body("{\"outcome\":\"GUILTY\",\"note\":\"x\"}").post("/la-team/investigations/" + id + "/closure")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("outcome"));

        given().header("Authorization", token).header("X-Purpose-Of-Use", "SAFEGUARDING")
                .get("/la-team/access-notifications").then().statusCode(200);
        assertThat(LaTeamServicesStandIn.RECEIVED).anyMatch(r -> r.path()
                .equals("/v2/access-notifications?page=0&size=50") && "SAFEGUARDING".equals(r.purpose()));

        given().header("Authorization", token).get("/la-team/usage-reports?from=2026-11-01&to=2026-11-30")
                .then().statusCode(200).body("refusals[0].count", equalTo(5));
        assertThat(LaTeamServicesStandIn.RECEIVED).anyMatch(r -> r.service().equals("audit-service")
                && r.path().equals("/usage-reports?from=2026-11-01&to=2026-11-30"));
        given().header("Authorization", token).get("/la-team/data-quality?from=2026-11-01T00:00:00Z")
                .then().statusCode(200).body("suspectedDuplicates", equalTo(7));
        assertThat(LaTeamServicesStandIn.RECEIVED).anyMatch(r -> r.service().equals("identity-service")
                && r.path().equals("/data-quality?from=2026-11-01T00%3A00%3A00Z") && token.equals(r.authorization()));
    }

    @Test
    void theListsAreAuditServicesV2ListsPagedByTheGatewaysOwnNextLink() {
        String token = team();
        for (int i = 0; i < 3; i++) {
            LaTeamServicesStandIn.account("paged-" + UUID.randomUUID(), "paged." + i, "Paged " + i, "Hillside",
                    "URN100001", List.of("practitioner"), "E09000019");
        }
        int accounts = LaTeamServicesStandIn.ACCOUNTS.size();
        // Every page but the last says where the next is, on the gateway's own path; the last says nothing more.
        List<String> seen = new java.util.ArrayList<>();
        String next = "/la-team/accounts?page=0&size=2";
        while (next != null) {
            io.restassured.response.Response page = given().header("Authorization", token).get(next);
            page.then().statusCode(200).contentType("application/json");
            seen.addAll(page.jsonPath().getList("userId"));
            String link = page.header("Link");
            if (link == null) {
                next = null;
            } else {
                assertThat(link).matches("</la-team/accounts\\?page=\\d+&size=2>; rel=\"next\"");
                next = link.substring(1, link.indexOf('>'));
            }
        }
        assertThat(seen).hasSize(accounts).doesNotHaveDuplicates();
        assertThat(LaTeamServicesStandIn.RECEIVED).anyMatch(r -> r.path().equals("/v2/accounts?page=1&size=2")
                && token.equals(r.authorization()));

        LaTeamServicesStandIn.investigation("u-" + UUID.randomUUID(), "Sam Paged", "SEARCH_BURST", "E09000019");
        LaTeamServicesStandIn.investigation("u-" + UUID.randomUUID(), "Kim Paged", "SEARCH_BURST", "E09000019");
        given().header("Authorization", token).get("/la-team/investigations?includeClosed=true&size=1").then()
                .statusCode(200).body("size()", equalTo(1))
                .header("Link", "</la-team/investigations?includeClosed=true&page=1&size=1>; rel=\"next\"");
        given().header("Authorization", token).header("X-Purpose-Of-Use", "SAFEGUARDING")
                .get("/la-team/access-notifications?size=200").then().statusCode(200)
                .header("Link", org.hamcrest.Matchers.nullValue());
        // Not one request to a deprecated v1 envelope.
        assertThat(LaTeamServicesStandIn.RECEIVED).noneMatch(r -> r.method().equals("GET")
                && r.path().matches("/(accounts|investigations|access-notifications|audit-records)(\\?.*)?"));
    }

    @Test
    void onlyTheLaTeamMayUseThemAndNothingUncheckedLeavesTheGateway() {
        int before = LaTeamServicesStandIn.RECEIVED.size();
        String practitioner = TestTokens.bearer("not-team-" + UUID.randomUUID(), "practitioner");
        for (String path : List.of("/la-team/accounts", "/la-team/investigations", "/la-team/data-quality",
                "/la-team/usage-reports", "/la-team/partner-organisations")) {
            given().header("Authorization", practitioner).get(path).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().get("/la-team/accounts").then().statusCode(401);
        String token = team();
        given().header("Authorization", token).get("/la-team/access-notifications").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("X-Purpose-Of-Use"));
        given().header("Authorization", token).get("/la-team/accounts?page=first").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        given().header("Authorization", token).get("/la-team/usage-reports?from=yesterday&to=2026-11-30")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().header("Authorization", token).get("/la-team/investigations?includeClosed=maybe").then()
                .statusCode(400).body("errors[0].field", equalTo("includeClosed"));
        given().header("Authorization", token).contentType("application/json").body("{\"outcome\":\"NO_MISUSE\"}")
                .post("/la-team/investigations/not-an-id/closure").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", token).contentType("application/json").body("{\"reason\":\"x\"}")
                .post("/la-team/accounts/..%2F..%2Faudit-records/suspension")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404)))
                .contentType("application/problem+json");
        assertThat(LaTeamServicesStandIn.RECEIVED).hasSize(before);
    }

    private static LaTeamServicesStandIn.Received received(String method, String path, String bodyText) {
        return LaTeamServicesStandIn.RECEIVED.stream().filter(r -> r.method().equals(method)
                && r.path().equals(path) && r.body().contains(bodyText)).findFirst().orElseThrow();
    }
}
