package org.contactpoint.involvement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.CLINIC_AGENCY;
import static org.contactpoint.involvement.Fixtures.SCHOOL_AGENCY;
import static org.contactpoint.involvement.Fixtures.knownChild;
import static org.contactpoint.involvement.Fixtures.newChildId;
import static org.contactpoint.involvement.Fixtures.reading;
import static org.contactpoint.involvement.Fixtures.schoolSubmission;
import static org.contactpoint.involvement.Fixtures.uniqueSubmissionId;
import static org.hamcrest.Matchers.equalTo;

/**
 * An involvement changed since the caller read it is not ceased or removed on the strength of that old read: sent with
 * the ETag it read in If-Match, the change is refused with 412 and the involvement stays as it is (issue 20).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LostUpdateTest {

    @Test
    void ceasingFromAVersionThatMovedOnIsRefusedAndChangesNothing() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String lead = given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("etag"), child, true)).post("/involvements")
                .then().statusCode(201).header("ETag", "\"1\"").extract().path("involvementId");
        String read = etag(lead);
        assertThat(read).isEqualTo("\"1\"");

        // Meanwhile the school hands the lead to a new involvement: the first moves on to version 2.
        given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("etag-lead"), child, true)
                        .replace("\"leadProfessional\":true", "\"leadProfessional\":true,\"replacesLead\":true"))
                .post("/involvements").then().statusCode(201);
        assertThat(etag(lead)).as("the ETag moves on with the involvement").isEqualTo("\"2\"");

        cease(lead, read).then().statusCode(412).contentType("application/problem+json")
                .body("status", equalTo(412));
        reading(SCHOOL_AGENCY).get("/involvements/" + lead).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("version", equalTo(2));

        Response ceased = cease(lead, "\"2\"").then().statusCode(200).body("status", equalTo("CEASED"))
                .extract().response();
        assertThat(ceased.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void withdrawingConsentFromAStaleVersionIsRefusedAndTheCurrentOneRemovesIt() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String id = given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON)
                .body(SensitiveServiceTest.sexualHealth(uniqueSubmissionId("etag-sh"), child, """
                        {"kind":"PARENT_CARER_CONSENT","givenBy":"Grace Okafor (mother)",\
                        "recordedAt":"2026-10-01T10:00:00Z","scope":"share with the child's school and GP"}"""))
                .post("/involvements").then().statusCode(201).extract().path("involvementId");
        String current = etag(id, CLINIC_AGENCY);

        withdraw(id, "\"0\"").then().statusCode(412).contentType("application/problem+json");
        reading(CLINIC_AGENCY).get("/involvements/" + id).then().statusCode(200).header("ETag", current);

        withdraw(id, current).then().statusCode(200).body("status", equalTo("REMOVED"));
        reading(CLINIC_AGENCY).get("/involvements/" + id).then().statusCode(404);
    }

    @Test
    void withoutIfMatchTheChangeAppliesAsBefore() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String id = given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("etag-none"), child, false)).post("/involvements")
                .then().statusCode(201).extract().path("involvementId");
        cease(id, null).then().statusCode(200).body("status", equalTo("CEASED")).header("ETag", "\"2\"");
    }

    private static Response cease(String id, String ifMatch) {
        var request = given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body("{\"endDate\":\"2026-11-18\"}");
        return (ifMatch == null ? request : request.header("If-Match", ifMatch))
                .post("/involvements/" + id + "/cease");
    }

    private static Response withdraw(String id, String ifMatch) {
        return given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON).header("If-Match", ifMatch)
                .body("{\"withdrawnBy\":\"Grace Okafor (mother)\",\"withdrawnAt\":\"2026-11-01T09:00:00Z\"}")
                .post("/involvements/" + id + "/consent-withdrawal");
    }

    private static String etag(String id) {
        return etag(id, SCHOOL_AGENCY);
    }

    private static String etag(String id, String bearer) {
        return reading(bearer).get("/involvements/" + id).then().statusCode(200).extract().header("ETag");
    }
}
