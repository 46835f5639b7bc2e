package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.Topics;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every read of personal data in audit-service states why (X-Purpose-Of-Use, the gateway's vocabulary and problem) and
 * is chained with that purpose: the trail query, the subject access report and the recent accesses.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PurposeOfUseTest {

    static final String PURPOSE = "X-Purpose-Of-Use";

    @Test
    void everyReadOfPersonalDataNeedsAPurposeAndIsChainedWithIt() {
        String auditorId = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        String auditor = TestTokens.bearer(auditorId, "auditor");
        String child = Fixtures.newChildId();
        MisuseRulesTest.involvement(child, "URN100001", true);
        Fixtures.send(Topics.GATEWAY_AUDIT_EVENTS, Fixtures.view("gp", "Dr Alan Reid", WORKING_HOURS, child, false,
                null, List.of()));
        String lead = "Bearer " + TestTokens.user("lead-" + auditorId).roles("practitioner")
                .organisation("Hillside Primary School", "URN100001").sign();
        Fixtures.await("lead professional projected", Duration.ofSeconds(30), () -> given()
                .header("Authorization", lead).header(PURPOSE, "DIRECT_CARE")
                .get("/children/" + child + "/recent-accesses").statusCode() == 200);

        for (String path : List.of("/audit-records", "/children/" + child + "/access-report")) {
            refusedWithoutPurpose(auditor, path);
        }
        refusedWithoutPurpose(lead, "/children/" + child + "/recent-accesses");

        given().header("Authorization", auditor).header(PURPOSE, "ADMINISTRATION").queryParam("childId", child)
                .get("/audit-records").then().statusCode(200);
        given().header("Authorization", auditor).header(PURPOSE, "CHILD_PROTECTION_ENQUIRY").accept("application/json")
                .get("/children/" + child + "/access-report").then().statusCode(200);
        given().header("Authorization", lead).header(PURPOSE, "SAFEGUARDING")
                .get("/children/" + child + "/recent-accesses").then().statusCode(200);

        // Each read is in the chain with the purpose stated; the refused ones were not served, so not chained as reads.
        given().header("Authorization", auditor).header(PURPOSE, "ADMINISTRATION").queryParam("userId", auditorId)
                .queryParam("action", "QUERY_AUDIT_RECORDS").get("/audit-records").then().statusCode(200)
                .body("totalRecords", equalTo(1)).body("records[0].event.purpose", equalTo("ADMINISTRATION"));
        given().header("Authorization", auditor).header(PURPOSE, "ADMINISTRATION").queryParam("userId", auditorId)
                .queryParam("action", "ACCESS_REPORT").get("/audit-records").then().statusCode(200)
                .body("totalRecords", equalTo(1))
                .body("records[0].event.purpose", equalTo("CHILD_PROTECTION_ENQUIRY"));
        given().header("Authorization", auditor).header(PURPOSE, "ADMINISTRATION")
                .queryParam("userId", "lead-" + auditorId).queryParam("action", "RECENT_ACCESSES")
                .queryParam("purpose", "SAFEGUARDING").get("/audit-records").then().statusCode(200)
                .body("totalRecords", equalTo(1));
    }

    private static void refusedWithoutPurpose(String token, String path) {
        given().header("Authorization", token).accept("application/json").get(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(PURPOSE))
                .body("errors[0].reason", containsString("DIRECT_CARE"));
        given().header("Authorization", token).header(PURPOSE, "CURIOSITY").accept("application/json").get(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(PURPOSE));
    }
}
