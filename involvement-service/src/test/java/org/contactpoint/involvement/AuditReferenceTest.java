package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.AgencySubmission;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;

/**
 * The audit trail holds no sensitive detail in clear: no service type, provider or agency-chosen submission id, and
 * not the organisation of a sensitive service's own staff or systems; an investigator resolves the reference (the
 * involvement id) here, stating a purpose, and that resolution is audited too.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AuditReferenceTest {

    static final String CLINIC_NURSE = "Bearer " + TestTokens.user("nurse").name("Nurse Priya Shah")
            .roles("practitioner").organisation("Angel Young People's Clinic", "RV3YP").sign();
    static final String AUDITOR = "Bearer " + TestTokens.user("auditor").roles("auditor")
            .organisation("ContactPoint Audit Team", "CPAUDIT").sign();
    static final String CONSENT = """
            {"kind":"CHILD_CONSENT","recordedAt":"2026-10-01T10:00:00Z","sufficientUnderstanding":true,\
            "scope":"that the clinic is involved"}""";

    @Test
    void noAuditRecordOfASensitiveServiceNamesItAndAnInvestigatorResolvesTheReference() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String submissionId = uniqueSubmissionId("sexual-health-clinic");
        String body = SensitiveServiceTest.sexualHealth(submissionId, child, CONSENT);
        String id = given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(201).extract().path("involvementId");
        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements").then().statusCode(200);
        reading(CLINIC_NURSE).get("/involvements/" + id).then().statusCode(200);
        reading(CLINIC_NURSE).queryParam("contactPointId", child).get("/involvements")
                .then().statusCode(200);
        // The same clinic's feed on the agency topic.
        String kafkaSubmissionId = uniqueSubmissionId("sexual-health-feed");
        TestKafkaClient.send(Topics.agencySubmissions("RV3YP"), child,
                SensitiveServiceTest.sexualHealth(kafkaSubmissionId, child, CONSENT), Map.of(
                        CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE,
                        AgencySubmission.TYPE, CloudEventHeaders.SOURCE, "agency-feed"));
        awaitInvolvementEvents(child, InvolvementEventTypes.STARTED, 2);
        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON)
                .body("{\"withdrawnBy\":\"the child\",\"withdrawnAt\":\"2026-11-01T09:00:00Z\"}")
                .post("/involvements/" + id + "/consent-withdrawal").then().statusCode(200);

        List<String> actions = List.of("SUBMIT_INVOLVEMENT", "SUBMIT_INVOLVEMENT_DUPLICATE", "VIEW_INVOLVEMENT",
                "LIST_INVOLVEMENTS", "WITHDRAW_CONSENT");
        List<ConsumerRecord<String, String>> trail = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null,
                read -> read.stream().filter(r -> r.value().contains(child)).count() >= 6);
        List<JsonNode> forChild = trail.stream().filter(r -> r.value().contains(child)).map(r -> json(r.value()))
                .toList();
        assertThat(forChild).extracting(a -> a.path("action").asText()).containsAll(actions);
        assertThat(forChild).allSatisfy(a -> assertThat(a.toString()).doesNotContain("SEXUAL")
                .doesNotContain("Angel").doesNotContain("RV3YP").doesNotContain(submissionId)
                .doesNotContain(kafkaSubmissionId).doesNotContain("clinic"));
        JsonNode submitted = forChild.stream().filter(a -> a.path("action").asText().equals("SUBMIT_INVOLVEMENT")
                && a.path("actor").path("userId").asText().equals("agency-system")).findFirst().orElseThrow();
        assertThat(submitted.path("query").path("involvementId").asText()).isEqualTo(id);

        // Only an auditor resolves a reference, and only with a stated purpose.
        String purpose = "Complaint 2026-114: who recorded this involvement?";
        given().header("Authorization", CLINIC_NURSE).contentType(ContentType.JSON)
                .body("{\"purpose\":\"" + purpose + "\"}").post("/audit-references/" + id + "/resolution")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", AUDITOR).contentType(ContentType.JSON).body("{}")
                .post("/audit-references/" + id + "/resolution")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("purpose"));
        String kafkaId = forChild.stream().filter(a -> a.path("action").asText().equals("SUBMIT_INVOLVEMENT")
                        && a.path("actor").path("userId").asText().equals("agency-feed")).findFirst().orElseThrow()
                .path("query").path("involvementId").asText();
        given().header("Authorization", AUDITOR).contentType(ContentType.JSON)
                .body("{\"purpose\":\"" + purpose + "\"}").post("/audit-references/" + kafkaId + "/resolution")
                .then().statusCode(200).body("reference", equalTo(kafkaId))
                .body("contactPointId", equalTo(child)).body("serviceType", equalTo("SEXUAL_HEALTH"))
                .body("sensitive", equalTo(true))
                .body("organisation.name", equalTo("Angel Young People's Clinic"))
                .body("organisation.code", equalTo("RV3YP")).body("sourceAgency", equalTo("agency-feed"))
                .body("submissionId", equalTo(kafkaSubmissionId));

        List<ConsumerRecord<String, String>> resolutions = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null,
                read -> read.stream().anyMatch(r -> r.value().contains("RESOLVE_AUDIT_REFERENCE")
                        && r.value().contains(kafkaId)));
        JsonNode resolution = resolutions.stream().filter(r -> r.value().contains("RESOLVE_AUDIT_REFERENCE")
                && r.value().contains(kafkaId)).map(r -> json(r.value())).findFirst().orElseThrow();
        assertThat(resolution.path("actor").path("userId").asText()).isEqualTo("auditor");
        assertThat(resolution.path("purpose").asText()).isEqualTo(purpose);
        assertThat(resolution.path("childIds").get(0).asText()).isEqualTo(child);
        assertThat(resolution.toString()).doesNotContain("SEXUAL").doesNotContain("Angel");
    }
}
