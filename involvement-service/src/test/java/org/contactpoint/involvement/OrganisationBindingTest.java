package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.Topics;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;

/**
 * An agency system acts for the one organisation its token names ({@code org}, {@code org_code}): it cannot pose as
 * another, nor cease or depose another organisation's involvements.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OrganisationBindingTest {

    @Test
    void anAgencySubmitsOnlyForItsOwnOrganisationAndTheOrganisationMayBeLeftToTheToken() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");

        // The school's system posing as the GP practice: refused, and the attempt is in the trail.
        String posing = gpSubmission(uniqueSubmissionId("pose"), child, false, false);
        given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON).body(posing)
                .post("/involvements").then().statusCode(403).contentType("application/problem+json");
        // The right code under another name is posing too.
        given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("pose"), child, false)
                        .replace("Hillside Primary School", "Rosebery Medical Practice"))
                .post("/involvements").then().statusCode(403).contentType("application/problem+json");
        assertThat(queryLong("SELECT count(*) FROM involvement WHERE contact_point_id = ?", child)).isZero();
        List<ConsumerRecord<String, String>> audits = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null,
                read -> read.stream().filter(r -> r.value().contains(child) && r.value().contains("DENIED"))
                        .count() >= 2);
        List<JsonNode> denied = audits.stream().filter(r -> r.value().contains(child) && r.value().contains("DENIED"))
                .map(r -> json(r.value())).toList();
        assertThat(denied).hasSize(2).allSatisfy(a -> {
            assertThat(a.path("action").asText()).isEqualTo("SUBMIT_INVOLVEMENT");
            assertThat(a.path("actor").path("organisationCode").asText()).isEqualTo("URN100001");
        });

        // No organisation in the body: the token's.
        String body = schoolSubmission(uniqueSubmissionId("own"), child, false)
                .replace("\"organisation\":{\"name\":\"Hillside Primary School\",\"code\":\"URN100001\"},", "");
        given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(201)
                .body("organisation.name", equalTo("Hillside Primary School"))
                .body("organisation.code", equalTo("URN100001"));

        // A batch is held to the same rule item by item.
        given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body("{\"submissions\":[" + gpSubmission(uniqueSubmissionId("pose"), child, false, false) + "]}")
                .post("/involvements/batch").then().statusCode(200).body("rejected", equalTo(1))
                .body("results[0].status", equalTo(403));
    }

    @Test
    void anAgencyCeasesOnlyItsOwnOrganisationsInvolvementsAndCannotDeposeAnotherOrganisationsLead() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String schoolLead = given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("lead"), child, true)).post("/involvements")
                .then().statusCode(201).extract().path("involvementId");

        // The GP practice may not stand the school's lead down...
        given().header("Authorization", GP_AGENCY).contentType(ContentType.JSON)
                .body(gpSubmission(uniqueSubmissionId("depose"), child, true, true)).post("/involvements")
                .then().statusCode(403).contentType("application/problem+json");
        // ...nor cease the school's involvement.
        given().header("Authorization", GP_AGENCY).contentType(ContentType.JSON).body("{\"endDate\":\"2025-07-18\"}")
                .post("/involvements/" + schoolLead + "/cease").then().statusCode(403)
                .contentType("application/problem+json");
        reading(SCHOOL_AGENCY).get("/involvements/" + schoolLead).then().statusCode(200)
                .body("leadProfessional", equalTo(true)).body("status", equalTo("ACTIVE"));

        // The school itself may hand its lead to a new involvement of its own, and cease it.
        String newSchoolLead = given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("lead2"), child, true)
                        .replace("\"leadProfessional\":true", "\"leadProfessional\":true,\"replacesLead\":true"))
                .post("/involvements").then().statusCode(201).body("leadProfessional", equalTo(true))
                .extract().path("involvementId");
        given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body("{\"endDate\":\"2025-07-18\"}").post("/involvements/" + newSchoolLead + "/cease")
                .then().statusCode(200).body("status", equalTo("CEASED"));
        // With no lead left, the GP practice may take the lead.
        given().header("Authorization", GP_AGENCY).contentType(ContentType.JSON)
                .body(gpSubmission(uniqueSubmissionId("gp"), child, true, false)).post("/involvements")
                .then().statusCode(201).body("leadProfessional", equalTo(true));
    }

    @Test
    void aPractitionerRecordsAndEndsTheirOwnOrganisationsInvolvementButNoOtherOrganisations() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        // A teacher with no case-management system records that the school works with the child: the organisation
        // is the token's, whatever the body says it is.
        String body = schoolSubmission(uniqueSubmissionId("self"), child, false)
                .replace("\"organisation\":{\"name\":\"Hillside Primary School\",\"code\":\"URN100001\"},", "");
        String recorded = given().header("Authorization", HILLSIDE_STAFF).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(201)
                .body("organisation.code", equalTo("URN100001")).extract().path("involvementId");
        given().header("Authorization", HILLSIDE_STAFF).contentType(ContentType.JSON)
                .body(gpSubmission(uniqueSubmissionId("self-pose"), child, false, false))
                .post("/involvements").then().statusCode(403).contentType("application/problem+json");

        // A GP practice's staff may not end the school's involvement; the school's own staff may.
        given().header("Authorization", ROSEBERY_STAFF).contentType(ContentType.JSON)
                .body("{\"endDate\":\"2025-07-18\"}").post("/involvements/" + recorded + "/cease")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", HILLSIDE_STAFF).contentType(ContentType.JSON)
                .body("{\"endDate\":\"2025-07-18\"}").post("/involvements/" + recorded + "/cease")
                .then().statusCode(200).body("status", equalTo("CEASED"));
    }
}
