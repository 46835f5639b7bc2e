package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.CASE_SYSTEM;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.record;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two people change one child's record from the same version: the second, sent with the ETag it read in If-Match, is
 * refused with 412 instead of silently overwriting the first (issue 20, ETag and If-Match on updates).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LostUpdateTest {

    @Test
    void aCorrectionFromAVersionThatMovedOnIsRefusedAndChangesNothing() {
        String id = register("Marisol", "Quintero", "2015-03-14", "ETAG-1");
        String read = etag(id);
        assertThat(read).isEqualTo("\"1\"");

        Response first = as(LA_MANAGER).header("If-Match", read).body("{\"preferredName\":\"Mari\"}")
                .patch("/children/" + id).then().statusCode(200).body("version", equalTo(2)).extract().response();
        assertThat(first.header("ETag")).as("the ETag moves on with the record").isEqualTo("\"2\"");

        as(LA_MANAGER).header("If-Match", read).body("{\"preferredName\":\"Sol\"}")
                .patch("/children/" + id).then().statusCode(412).contentType("application/problem+json")
                .body("status", equalTo(412)).body("title", equalTo("Precondition failed"));
        as(LA_MANAGER).get("/children/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("preferredName", equalTo("Mari")).body("version", equalTo(2));

        as(LA_MANAGER).header("If-Match", "\"2\"").body("{\"preferredName\":\"Sol\"}")
                .patch("/children/" + id).then().statusCode(200).header("ETag", "\"3\"")
                .body("preferredName", equalTo("Sol"));
    }

    @Test
    void everyChangeToTheRecordKeepsTheSameRule() {
        String id = register("Teodora", "Vasquez", "2013-07-01", "ETAG-2");
        String reviewDate = LocalDate.now().plusMonths(6).toString();
        String died = LocalDate.now().minusDays(1).toString();
        changeFromCurrentButNotStale(id, spec -> spec.body("{\"reason\":\"risk\",\"reviewDate\":\"" + reviewDate
                + "\"}").put("/children/" + id + "/shield"));
        changeFromCurrentButNotStale(id, spec -> spec.body("{\"reason\":\"review found no risk\"}")
                .delete("/children/" + id + "/shield"));
        changeFromCurrentButNotStale(id, spec -> spec.body("{\"vulnerabilities\":[\"LOOKED_AFTER\"]}")
                .put("/children/" + id + "/vulnerabilities"));
        changeFromCurrentButNotStale(id, spec -> spec.body("{\"reason\":\"CARE_LEAVER\"}")
                .put("/children/" + id + "/retention"));
        changeFromCurrentButNotStale(id, spec -> spec.body("{\"dateOfDeath\":\"" + died + "\"}")
                .put("/children/" + id + "/death"));

        String moved = register("Anouk", "Vermeulen", "2012-11-20", "ETAG-3");
        changeFromCurrentButNotStale(moved, spec -> spec.body("{\"localAuthority\":\"E08000003\"}")
                .post("/children/" + moved + "/moves"));
    }

    @Test
    void aSystemIsToldTheNewETagAndMayStillChangeWithoutIfMatch() {
        String id = register("Ilse", "Brandt", "2016-01-09", "ETAG-4");
        Response receipt = as(CASE_SYSTEM).body("{\"preferredName\":\"Ili\"}").patch("/children/" + id)
                .then().statusCode(200).body("version", equalTo(2)).extract().response();
        assertThat(receipt.header("ETag")).isEqualTo("\"2\"");
        as(CASE_SYSTEM).header("If-Match", "\"1\"").body("{\"preferredName\":\"Isi\"}").patch("/children/" + id)
                .then().statusCode(412);
        // A weak tag never matches an If-Match (RFC 9110 13.1.1 compares strongly).
        as(CASE_SYSTEM).header("If-Match", "W/\"2\"").body("{\"preferredName\":\"Isi\"}").patch("/children/" + id)
                .then().statusCode(412);
    }

    /** A change from the version before the current one is refused and leaves the record; from the current, applies. */
    private static void changeFromCurrentButNotStale(String id, Function<RequestSpecification, Response> change) {
        String current = etag(id);
        long version = Long.parseLong(current.replace("\"", ""));
        String stale = "\"" + (version - 1) + "\"";
        change.apply(as(LA_MANAGER).header("If-Match", stale)).then().statusCode(412)
                .contentType("application/problem+json");
        assertThat(etag(id)).as("a refused change leaves the record as it was").isEqualTo(current);
        Response applied = change.apply(as(LA_MANAGER).header("If-Match", current)).then().statusCode(200)
                .extract().response();
        assertThat(applied.header("ETag")).isEqualTo("\"" + (version + 1) + "\"");
    }

    private static String etag(String id) {
        return as(LA_MANAGER).get("/children/" + id).then().statusCode(200).extract().header("ETag");
    }

    private static String register(String given, String family, String dob, String sourceId) {
        return as(CASE_SYSTEM).body(record(given, family, dob, "N1 1AA", "LA_CASE_SYSTEM", sourceId).toString())
                .post("/children").then().statusCode(201).extract().path("contactPointId");
    }
}
