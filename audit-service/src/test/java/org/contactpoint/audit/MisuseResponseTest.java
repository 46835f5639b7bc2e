package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.contactpoint.audit.domain.AccountDirectory;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A HIGH alert (a burst of searches) about an account Islington administers suspends it at once (the rule is
 * configured to), refuses its next request, and opens an investigation in Islington's team's inbox, which the team
 * closes with an outcome; every step is in the audit trail. A MEDIUM alert opens nothing.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class MisuseResponseTest {

    static final String AUDITOR = TestTokens.bearer("auditor", "auditor");
    static final String ISLINGTON = "E09000019";

    @Inject
    AccountDirectory directory;

    @Test
    void aBurstOfSearchesSuspendsTheAccountAndOpensAnInvestigationTheTeamCloses() {
        String team = AccountSuspensionTest.laTeam("islington-misuse-team", ISLINGTON);
        String username = "burst." + UUID.randomUUID().toString().substring(0, 8);
        String userId = given().header("Authorization", team).contentType("application/json")
                .body(Map.of("username", username, "name", "Robin Hart", "roles", List.of("la-management")))
                .post("/accounts").then().statusCode(201).extract().path("userId");
        String robin = "Bearer " + TestTokens.user(userId).name("Robin Hart").roles("la-management")
                .organisation("Islington Council", "LA-" + ISLINGTON).localAuthority(ISLINGTON).sign();
        given().header("Authorization", robin).get("/accounts").then().statusCode(200);

        // Five searches within ten minutes at the gateway (the test threshold): SEARCH_BURST, HIGH.
        for (int i = 0; i < 5; i++) {
            AuditEvent search = AuditEvent.builder(UUID.randomUUID().toString(),
                            Fixtures.WORKING_HOURS.plusSeconds(60L * i), "search-gateway",
                            new AuditEvent.Actor(userId, "Robin Hart", List.of("la-management"), "Islington Council",
                                    "LA-" + ISLINGTON, ISLINGTON))
                    .action("SEARCH").purpose("SAFEGUARDING")
                    .query(Map.of("familyName", "Smith", "dateOfBirth", "2016-03-14"))
                    .children(List.of(Fixtures.newChildId())).build();
            Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, search);
        }

        Fixtures.await("the suspension to take effect", Duration.ofSeconds(60),
                () -> given().header("Authorization", robin).get("/accounts").statusCode() == 403);
        given().header("Authorization", team).get("/accounts/" + userId).then().statusCode(200)
                .body("status", equalTo("SUSPENDED")).body("statusReason",
                        org.hamcrest.Matchers.startsWith("Suspended by the SEARCH_BURST misuse rule"));
        Fixtures.await("the identity provider told", Duration.ofSeconds(30),
                () -> Boolean.FALSE.equals(((DirectoryInMemory) directory).enabled.get(userId)));

        String investigationId = given().header("Authorization", team).get("/investigations").then().statusCode(200)
                .extract().path("investigations.find { it.userId == '" + userId + "' }.investigationId");
        assertThat(investigationId).isNotNull();
        given().header("Authorization", team).get("/investigations").then()
                .body("investigations.find { it.userId == '" + userId + "' }.rule", equalTo("SEARCH_BURST"))
                .body("investigations.find { it.userId == '" + userId + "' }.accountSuspended", equalTo(true));
        // Another authority's team does not see it, nor close it.
        String camden = AccountSuspensionTest.laTeam("camden-misuse-team", "E09000007");
        given().header("Authorization", camden).get("/investigations").then().statusCode(200)
                .body("investigations.userId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(userId)));
        given().header("Authorization", camden).contentType("application/json")
                .body(Map.of("outcome", "NO_MISUSE", "note", "x"))
                .post("/investigations/" + investigationId + "/closure").then().statusCode(404);

        given().header("Authorization", team).contentType("application/json")
                .body(Map.of("outcome", "GUILTY", "note", "x"))
                .post("/investigations/" + investigationId + "/closure").then().statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        given().header("Authorization", team).contentType("application/json")
                .body(Map.of("outcome", "MISUSE_CONFIRMED", "note", "Searched for a neighbour's children"))
                .post("/investigations/" + investigationId + "/closure").then().statusCode(200)
                .body("outcome", equalTo("MISUSE_CONFIRMED")).body("closedBy", equalTo("islington-misuse-team"));
        given().header("Authorization", team).contentType("application/json")
                .body(Map.of("outcome", "NO_MISUSE", "note", "again"))
                .post("/investigations/" + investigationId + "/closure").then().statusCode(409);

        // In the trail: the rules' investigation and suspension, the team's reads and closure.
        for (String action : List.of("OPEN_MISUSE_INVESTIGATION", "SUSPEND_ACCOUNT")) {
            List<String> users = given().header("Authorization", AUDITOR).header("X-Purpose-Of-Use", "ADMINISTRATION")
                    .queryParam("userId", "audit-service:misuse-rules").queryParam("action", action)
                    .queryParam("size", 200).get("/audit-records").then().statusCode(200)
                    .extract().path("records.event.query.userId");
            assertThat(users).as(action).contains(userId);
        }
        given().header("Authorization", AUDITOR).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .queryParam("userId", "islington-misuse-team").queryParam("action", "CLOSE_MISUSE_INVESTIGATION")
                .get("/audit-records").then().statusCode(200).body("totalRecords", equalTo(1));
    }
}
