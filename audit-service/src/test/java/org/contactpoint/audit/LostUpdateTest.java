package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.contactpoint.audit.domain.AccountDirectory;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Two members of a local authority's team change one account, or close one investigation, from the same read: the
 * second, sent with the ETag it read in If-Match, is refused with 412 instead of silently overwriting the first
 * (issue 20, ETag and If-Match on updates), and nothing changes.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LostUpdateTest {

    static final String LA = "E09000020";

    @Inject
    AccountDirectory directory;

    @Test
    void aChangeToAnAccountFromAVersionThatMovedOnIsRefusedAndChangesNothing() {
        String team = AccountSuspensionTest.laTeam("kensington-admin", LA);
        String userId = given().header("Authorization", team).contentType("application/json")
                .body(Map.of("username", "alex.morgan", "name", "Alex Morgan", "roles", List.of("la-management")))
                .post("/accounts").then().statusCode(201).header("ETag", "\"1\"").body("version", equalTo(1))
                .extract().path("userId");
        String read = given().header("Authorization", team).get("/accounts/" + userId).then().statusCode(200)
                .extract().header("ETag");
        assertThat(read).isEqualTo("\"1\"");

        // One colleague suspends it from that read; the ETag moves on with the account.
        given().header("Authorization", team).header("If-Match", read).contentType("application/json")
                .body(Map.of("reason", "laptop stolen")).post("/accounts/" + userId + "/suspension")
                .then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("SUSPENDED"));

        // Another, from the same read, closes it, or reinstates it: refused, and the account stays as the first left it.
        given().header("Authorization", team).header("If-Match", read).contentType("application/json")
                .body(Map.of("reason", "left")).post("/accounts/" + userId + "/closure")
                .then().statusCode(412).contentType("application/problem+json")
                .body("status", equalTo(412)).body("title", equalTo("Precondition failed"));
        given().header("Authorization", team).header("If-Match", read).delete("/accounts/" + userId + "/suspension")
                .then().statusCode(412).contentType("application/problem+json");
        given().header("Authorization", team).get("/accounts/" + userId).then().statusCode(200)
                .header("ETag", "\"2\"").body("status", equalTo("SUSPENDED"))
                .body("statusReason", equalTo("laptop stolen")).body("version", equalTo(2));
        assertThat(((DirectoryInMemory) directory).enabled.get(userId))
                .as("the refused reinstatement left the identity provider's user disabled").isFalse();
        // A weak tag never matches an If-Match (RFC 9110 13.1.1 compares strongly).
        given().header("Authorization", team).header("If-Match", "W/\"2\"")
                .delete("/accounts/" + userId + "/suspension").then().statusCode(412);

        // From the current version the change applies; without If-Match the last writer wins, as before.
        given().header("Authorization", team).header("If-Match", "\"2\"").delete("/accounts/" + userId + "/suspension")
                .then().statusCode(200).header("ETag", "\"3\"").body("status", equalTo("ACTIVE"));
        given().header("Authorization", team).contentType("application/json").body(Map.of("reason", "retired"))
                .post("/accounts/" + userId + "/closure").then().statusCode(200).header("ETag", "\"4\"")
                .body("status", equalTo("CLOSED"));
        given().header("Authorization", team).get("/accounts").then().statusCode(200)
                .body("accounts.find { it.userId == '" + userId + "' }.version", equalTo(4));
    }

    @Test
    void aSecondClosureOfAnInvestigationFromTheSameReadIsRefusedAndChangesNothing() throws SQLException {
        String team = AccountSuspensionTest.laTeam("kensington-misuse-team", LA);
        UUID investigationId = openInvestigation("someone.curious");
        Integer version = given().header("Authorization", team).queryParam("size", 200).get("/investigations")
                .then().statusCode(200)
                .extract().path("investigations.find { it.investigationId == '" + investigationId + "' }.version");
        assertThat(version).isEqualTo(1);
        String read = "\"" + version + "\"";

        given().header("Authorization", team).header("If-Match", read).contentType("application/json")
                .body(Map.of("outcome", "NO_MISUSE", "note", "Covering a colleague's caseload"))
                .post("/investigations/" + investigationId + "/closure").then().statusCode(200)
                .header("ETag", "\"2\"").body("outcome", equalTo("NO_MISUSE")).body("version", equalTo(2));
        given().header("Authorization", team).header("If-Match", read).contentType("application/json")
                .body(Map.of("outcome", "MISUSE_CONFIRMED", "note", "Looked up a neighbour's children"))
                .post("/investigations/" + investigationId + "/closure").then().statusCode(412)
                .contentType("application/problem+json").body("title", equalTo("Precondition failed"));
        given().header("Authorization", team).queryParam("includeClosed", true).queryParam("size", 200)
                .get("/investigations").then().statusCode(200)
                .body("investigations.find { it.investigationId == '" + investigationId + "' }.outcome",
                        equalTo("NO_MISUSE"))
                .body("investigations.find { it.investigationId == '" + investigationId + "' }.outcomeNote",
                        equalTo("Covering a colleague's caseload"));

        UUID other = openInvestigation("someone.else");
        given().header("Authorization", team).header("If-Match", "\"7\"").contentType("application/json")
                .body(Map.of("outcome", "REFERRED", "note", "Referred to the ICO"))
                .post("/investigations/" + other + "/closure").then().statusCode(412);
        given().header("Authorization", team).queryParam("size", 200).get("/investigations").then().statusCode(200)
                .body("investigations.find { it.investigationId == '" + other + "' }.closedAt", nullValue());
    }

    /** An open investigation of the authority's, as a HIGH alert opens one (MisuseResponseTest covers the alert). */
    private static UUID openInvestigation(String userId) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = Fixtures.superuser();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO misuse_investigation"
                     + " (investigation_id, alert_id, rule, summary, user_id, local_authority, account_suspended,"
                     + " opened_at) VALUES (?, ?, 'SEARCH_BURST', 'six searches in a minute', ?, ?, false, ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, userId);
            insert.setString(4, LA);
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
        return id;
    }
}
