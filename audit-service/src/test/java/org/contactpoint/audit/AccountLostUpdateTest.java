package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two team members act on one account from the same read: the second, sent with the ETag it read in If-Match, is
 * refused with 412 instead of undoing the first (issue 20). Without If-Match the change applies as before.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccountLostUpdateTest {

    private static final String ISLINGTON = "E09000019";

    @Test
    void aReinstatementFromTheReadBeforeASuspensionDoesNotUndoIt() {
        String team = AccountSuspensionTest.laTeam("islington-etag-admin", ISLINGTON);
        String userId = given().header("Authorization", team).contentType("application/json")
                .body(Map.of("username", "kit.moreno", "name", "Kit Moreno", "roles", List.of("la-management")))
                .post("/accounts").then().statusCode(201).header("ETag", "\"1\"").extract().path("userId");
        String read = given().header("Authorization", team).get("/accounts/" + userId).then().statusCode(200)
                .body("version", equalTo(1)).extract().header("ETag");

        given().header("Authorization", team).header("If-Match", read).contentType("application/json")
                .body(Map.of("reason", "lost laptop")).post("/accounts/" + userId + "/suspension")
                .then().statusCode(200).body("status", equalTo("SUSPENDED")).header("ETag", "\"2\"");

        // A colleague who read the account before the suspension closes it from that read: refused.
        given().header("Authorization", team).header("If-Match", read).contentType("application/json")
                .body(Map.of("reason", "left")).post("/accounts/" + userId + "/closure")
                .then().statusCode(412).contentType("application/problem+json");
        given().header("Authorization", team).header("If-Match", read).delete("/accounts/" + userId + "/suspension")
                .then().statusCode(412);
        given().header("Authorization", team).get("/accounts/" + userId).then().statusCode(200)
                .header("ETag", "\"2\"").body("status", equalTo("SUSPENDED"));

        given().header("Authorization", team).header("If-Match", "\"2\"")
                .delete("/accounts/" + userId + "/suspension").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).header("ETag", "\"3\"");
        given().header("Authorization", team).contentType("application/json").body(Map.of("reason", "retired"))
                .post("/accounts/" + userId + "/closure").then().statusCode(200).body("status", equalTo("CLOSED"))
                .header("ETag", "\"4\"");
    }
}
