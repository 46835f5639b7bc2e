package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.contactpoint.audit.domain.AccountDirectory;
import org.contactpoint.events.accounts.AccountSuspension;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A local authority's team creates an account for its own staff, suspends it and the account's very next request is
 * refused (its token has hours to run), in the trail; reinstated, it acts again; closed, for good. Another authority
 * can neither see nor change it. A partner organisation's staff may hold only the roles it was registered with.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccountSuspensionTest {

    static final String AUDITOR = TestTokens.bearer("auditor", "auditor");
    static final String ISLINGTON = "E09000019";

    @Inject
    AccountDirectory directory;

    @Test
    void aSuspendedAccountIsRefusedOnItsNextRequestAndActsAgainOnceReinstated() {
        String team = laTeam("islington-admin", ISLINGTON);
        String userId = given().header("Authorization", team).contentType("application/json")
                .body(Map.of("username", "sam.taylor", "name", "Sam Taylor", "roles", List.of("la-management")))
                .post("/accounts").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("localAuthority", equalTo(ISLINGTON))
                .body("organisationCode", equalTo("LA-" + ISLINGTON)).extract().path("userId");
        DirectoryInMemory users = (DirectoryInMemory) directory;
        assertThat(users.users.get(userId).roles()).containsExactly("la-management");
        assertThat(users.users.get(userId).localAuthority()).isEqualTo(ISLINGTON);

        // The new colleague signs in (a token for hours) and works.
        String sam = "Bearer " + TestTokens.user(userId).name("Sam Taylor").roles("la-management")
                .organisation("Islington Council", "LA-" + ISLINGTON).localAuthority(ISLINGTON).sign();
        given().header("Authorization", sam).get("/accounts").then().statusCode(200);

        given().header("Authorization", team).contentType("application/json")
                .body(Map.of("reason", "left the authority pending a disciplinary"))
                .post("/accounts/" + userId + "/suspension").then().statusCode(200)
                .body("status", equalTo("SUSPENDED"));
        assertThat(users.enabled.get(userId)).as("the identity provider was told").isFalse();

        // The same token, still valid, is refused from the next request on (once the suspension is read).
        Fixtures.await("the suspension to be read", Duration.ofSeconds(30),
                () -> given().header("Authorization", sam).get("/accounts").statusCode() == 403);
        given().header("Authorization", sam).get("/accounts/" + userId).then().statusCode(403)
                .contentType("application/problem+json").body("title", equalTo("Account suspended"));
        List<AccountSuspension> published = TestKafkaClient.readUntil(AccountSuspension.TOPIC, Duration.ofSeconds(30),
                        records -> records.stream().anyMatch(r -> userId.equals(r.key())))
                .stream().filter(r -> userId.equals(r.key()) && r.value() != null)
                .map(r -> org.contactpoint.events.json.EventJson.read(r.value(), AccountSuspension.class)).toList();
        assertThat(published).extracting(AccountSuspension::state).containsExactly("SUSPENDED");
        assertThat(published.get(0).by()).isEqualTo("islington-admin");

        // In the trail: the suspension by the team, and the refused request of the suspended account.
        given().header("Authorization", AUDITOR).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .queryParam("userId", "islington-admin").queryParam("action", "SUSPEND_ACCOUNT")
                .get("/audit-records").then().statusCode(200).body("totalRecords", equalTo(1));
        Fixtures.await("the refusal chained", Duration.ofSeconds(30), () -> given()
                .header("Authorization", AUDITOR).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .queryParam("userId", userId).queryParam("size", 200).get("/audit-records").then().statusCode(200)
                .extract().<List<String>>path("records.findAll { it.event.outcome == 'DENIED' }.event.query.refused")
                .contains("account suspended"));

        // Another authority's team neither sees nor reinstates it.
        String camden = laTeam("camden-admin", "E09000007");
        given().header("Authorization", camden).delete("/accounts/" + userId + "/suspension").then().statusCode(404);
        given().header("Authorization", camden).get("/accounts").then().statusCode(200)
                .body("accounts.userId", org.hamcrest.Matchers.not(hasItem(userId)));

        given().header("Authorization", team).delete("/accounts/" + userId + "/suspension").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        Fixtures.await("the reinstatement to be read", Duration.ofSeconds(30),
                () -> given().header("Authorization", sam).get("/accounts").statusCode() == 200);
        assertThat(users.enabled.get(userId)).isTrue();

        given().header("Authorization", team).contentType("application/json").body(Map.of("reason", "retired"))
                .post("/accounts/" + userId + "/closure").then().statusCode(200).body("status", equalTo("CLOSED"));
        Fixtures.await("the closure to be read", Duration.ofSeconds(30),
                () -> given().header("Authorization", sam).get("/accounts").statusCode() == 403);
        given().header("Authorization", team).delete("/accounts/" + userId + "/suspension").then().statusCode(409);
    }

    @Test
    void aPartnerOrganisationsStaffHoldOnlyTheRolesItWasRegisteredWith() {
        String team = laTeam("islington-admin-2", ISLINGTON);
        // A national charity is registered by an administrator, not by an authority.
        Map<String, Object> charity = Map.of("organisationCode", "NSPCC-T", "name", "A national children's charity",
                "roles", List.of("practitioner"), "national", true);
        given().header("Authorization", team).contentType("application/json").body(charity)
                .post("/partner-organisations").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("ops", "administrator")).contentType("application/json")
                .body(charity).post("/partner-organisations").then().statusCode(201).body("national", equalTo(true));
        given().header("Authorization", team).get("/partner-organisations").then().statusCode(200)
                .body("organisationCode", hasItem("NSPCC-T"));

        given().header("Authorization", team).contentType("application/json")
                .body(Map.of("username", "charity.worker", "name", "Kim Ward", "organisationCode", "NSPCC-T",
                        "roles", List.of("child-protection")))
                .post("/accounts").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("roles"));
        given().header("Authorization", team).contentType("application/json")
                .body(Map.of("username", "charity.worker", "name", "Kim Ward", "organisationCode", "UNKNOWN-ORG",
                        "roles", List.of("practitioner")))
                .post("/accounts").then().statusCode(400).body("errors[0].field", equalTo("organisationCode"));
        given().header("Authorization", team).contentType("application/json")
                .body(Map.of("username", "charity.worker", "name", "Kim Ward", "organisationCode", "NSPCC-T",
                        "roles", List.of("practitioner")))
                .post("/accounts").then().statusCode(201).body("organisation", equalTo("A national children's charity"));
        // No authority gives national roles.
        given().header("Authorization", team).contentType("application/json")
                .body(Map.of("username", "would.be.auditor", "name", "Lee Moss", "roles", List.of("auditor")))
                .post("/accounts").then().statusCode(400).body("errors[0].field", equalTo("roles"));
    }

    static String laTeam(String userId, String la) {
        return "Bearer " + TestTokens.user(userId).name("LA team").roles("la-management")
                .organisation("Islington Council", "LA-" + la).localAuthority(la).sign();
    }
}
