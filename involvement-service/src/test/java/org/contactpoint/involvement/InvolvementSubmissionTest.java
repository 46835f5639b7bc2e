package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.events.involvement.InvolvementNotification;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Agencies submitting involvements over REST: the walking skeleton, duplicates, parking, leads, notifications. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class InvolvementSubmissionTest {

    static final String AGENCY = SCHOOL_AGENCY;
    static final String HEALTH_VISITING = agencyOf("Islington Health Visiting", "RKE01");
    static final String CHILDRENS_SERVICES = agencyOf("Islington Children's Services", "E09000019");

    @Test
    void skeletonSubmissionIsPublishedOnceAndAuditedAndTheSameSubmissionAgainChangesNothing() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String body = schoolSubmission(uniqueSubmissionId("demo-inv"), child, true);

        String id = given().header("Authorization", AGENCY).contentType(ContentType.JSON).body(body)
                .when().post("/involvements")
                .then().statusCode(201).body("status", equalTo("ACTIVE")).body("contactPointId", equalTo(child))
                .body("leadProfessional", equalTo(true))
                .extract().path("involvementId");
        given().header("Authorization", AGENCY).contentType(ContentType.JSON).body(body)
                .when().post("/involvements")
                .then().statusCode(200).body("involvementId", equalTo(id)).body("version", equalTo(1));

        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child,
                InvolvementEventTypes.STARTED, 1);
        // Give a wrongly duplicated event the time to show up before asserting there is only one.
        events = readInvolvementEvents(child, Duration.ofSeconds(2), read -> false);
        assertThat(events).hasSize(1);
        ConsumerRecord<String, String> event = events.get(0);
        assertThat(TestKafkaClient.header(event, CloudEventHeaders.SOURCE)).isEqualTo("involvement-service");
        JsonNode payload = json(event.value());
        assertThat(payload.path("involvementId").asText()).isEqualTo(id);
        assertThat(payload.path("version").asLong()).isEqualTo(1);
        assertThat(payload.path("organisation").path("code").asText()).isEqualTo("URN100001");
        assertThat(payload.path("contact").path("email").asText()).isEqualTo("dsl@hillside.example.sch.uk");
        assertThat(payload.path("sourceAgency").asText()).isEqualTo("agency-system");

        List<ConsumerRecord<String, String>> audits = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null,
                read -> read.stream().filter(r -> r.value().contains(child)).count() >= 2);
        List<JsonNode> forChild = audits.stream().filter(r -> r.value().contains(child)).map(r -> json(r.value()))
                .toList();
        assertThat(forChild).extracting(a -> a.path("action").asText())
                .contains("SUBMIT_INVOLVEMENT", "SUBMIT_INVOLVEMENT_DUPLICATE");
        assertThat(forChild.get(0).path("actor").path("userId").asText()).isEqualTo("agency-system");
    }

    @Test
    void submissionBeforeTheChildIsKnownIsParkedThenAppliedWhenTheChildArrives() {
        String child = newChildId();
        String body = schoolSubmission(uniqueSubmissionId("early"), child, false);
        String id = given().header("Authorization", AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements")
                .then().statusCode(202).body("status", equalTo("PARKED")).extract().path("involvementId");
        given().header("Authorization", AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements")
                .then().statusCode(202).body("involvementId", equalTo(id));

        // Identity's events arrive out of order: version 2 first, then the stale version 1.
        sendChild(child, 2, "ACTIVE", null, "E09000019", "NHS_NUMBER", "943" + child.substring(5));
        sendChild(child, 1, "ACTIVE", null, "E09000099");
        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child,
                InvolvementEventTypes.STARTED, 1);
        assertThat(json(events.get(0).value()).path("involvementId").asText()).isEqualTo(id);
        awaitChildVersion(child, 2);
        assertThat(queryLong("SELECT version FROM known_child WHERE contact_point_id = ?", child)).isEqualTo(2);

        // Applied: the same submission now answers with the involvement itself.
        given().header("Authorization", AGENCY).contentType(ContentType.JSON).body(body)
                .post("/involvements")
                .then().statusCode(200).body("involvementId", equalTo(id)).body("status", equalTo("ACTIVE"));
        assertThat(queryLong("SELECT count(*) FROM parked_submission WHERE contact_point_id = ?", child)).isZero();
    }

    @Test
    void submissionStraightAfterTheChildIsRegisteredWaitsBrieflyForItInsteadOfParking() {
        String child = newChildId();
        // Registered a moment ago: identity's event is on its way, not yet applied here.
        sendChild(child, 1, "ACTIVE", null, "E09000019");
        given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("quick"), child, false)).post("/involvements")
                .then().statusCode(201).body("status", equalTo("ACTIVE"));
    }

    @Test
    void agencyThatKnowsOnlyAnNhsNumberIsResolvedThroughTheIdentityProjectionOrParkedUntilItIsKnown() {
        String known = newChildId();
        String nhs = "9" + known.substring(3);
        knownChild(known, 1, "E09000019", "NHS_NUMBER", nhs);
        String byNhs = """
                {"submissionId":"%s","sourceIdentifier":{"scheme":"NHS_NUMBER","value":"%s"},"serviceType":"HEALTH_VISITOR",\
                "organisation":{"name":"Islington Health Visiting","code":"RKE01"},"contact":{"phone":"020 7946 0400"},\
                "startDate":"2021-01-04"}""";
        given().header("Authorization", HEALTH_VISITING).contentType(ContentType.JSON)
                .body(byNhs.formatted(uniqueSubmissionId("hv"), nhs)).post("/involvements")
                .then().statusCode(201).body("contactPointId", equalTo(known));

        String later = newChildId();
        String laterNhs = "8" + later.substring(3);
        String id = given().header("Authorization", HEALTH_VISITING).contentType(ContentType.JSON)
                .body(byNhs.formatted(uniqueSubmissionId("hv"), laterNhs)).post("/involvements")
                .then().statusCode(202).body("status", equalTo("PARKED")).extract().path("involvementId");
        // An LA case id names the child only when it comes from the named source system.
        String byCaseId = """
                {"submissionId":"%s","sourceIdentifier":{"scheme":"SOURCE_ID","value":"ISL-%s","source":"LA_CASE_SYSTEM"},\
                "serviceType":"CHILDRENS_SOCIAL_CARE","organisation":{"name":"Islington Children's Services","code":"E09000019"},\
                "contact":{"email":"duty@islington.example.gov.uk"},"startDate":"2022-02-01"}""".formatted(
                uniqueSubmissionId("csc"), later.substring(2));
        String csc = given().header("Authorization", CHILDRENS_SERVICES).contentType(ContentType.JSON).body(byCaseId)
                .post("/involvements").then().statusCode(202).extract().path("involvementId");
        sendChild(later, 1, "ACTIVE", null, "E09000019", "NHS_NUMBER", laterNhs, "SOURCE_ID",
                "ISL-" + later.substring(2));
        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(later,
                InvolvementEventTypes.STARTED, 1);
        assertThat(json(events.get(0).value()).path("involvementId").asText()).isEqualTo(id);
        // The fixture's identifiers come from source TEST, not LA_CASE_SYSTEM: the case-id submission stays parked.
        assertThat(queryLong("SELECT count(*) FROM parked_submission WHERE involvement_id = ?::uuid", csc))
                .isEqualTo(1);
        given().header("Authorization", CHILDRENS_SERVICES).contentType(ContentType.JSON)
                .body(byCaseId.replace("LA_CASE_SYSTEM", "TEST").replace("\"csc-", "\"csc2-"))
                .post("/involvements").then().statusCode(201).body("contactPointId", equalTo(later));
    }

    @Test
    void aSecondLeadProfessionalIsRefusedUnlessItReplacesItsOwnOrganisationsLeadAndTheOthersAreNotified() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String schoolId = given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("lead"), child, true)).post("/involvements")
                .then().statusCode(201).extract().path("involvementId");
        String gpId = given().header("Authorization", GP_AGENCY).contentType(ContentType.JSON)
                .body(gpSubmission(uniqueSubmissionId("gp"), child, false, false)).post("/involvements")
                .then().statusCode(201).body("leadProfessional", equalTo(false)).body("cafHeld", equalTo(true))
                .extract().path("involvementId");

        String refusal = given().header("Authorization", GP_AGENCY).contentType(ContentType.JSON)
                .body(gpSubmission(uniqueSubmissionId("gp"), child, true, false)).post("/involvements")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("leadProfessional"))
                .extract().asString();
        // The submitter is not told who the lead is: neither the organisation nor its involvement.
        assertThat(refusal).contains("lead professional").doesNotContain("Hillside").doesNotContain("URN100001")
                .doesNotContain(schoolId);
        // Issue 16: another organisation's lead is not the GP practice's to depose.
        String deposing = given().header("Authorization", GP_AGENCY).contentType(ContentType.JSON)
                .body(gpSubmission(uniqueSubmissionId("gp"), child, true, true)).post("/involvements")
                .then().statusCode(403).contentType("application/problem+json").extract().asString();
        assertThat(deposing).doesNotContain("Hillside").doesNotContain("URN100001").doesNotContain(schoolId);

        // The school hands its lead to a new involvement of its own.
        String newSchoolId = given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("lead"), child, true)
                        .replace("\"leadProfessional\":true", "\"leadProfessional\":true,\"replacesLead\":true"))
                .post("/involvements").then().statusCode(201).body("leadProfessional", equalTo(true))
                .extract().path("involvementId");

        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child,
                InvolvementEventTypes.UPDATED, 1);
        JsonNode update = payloads(events, InvolvementEventTypes.UPDATED).get(0);
        assertThat(update.path("involvementId").asText()).isEqualTo(schoolId);
        assertThat(update.path("leadProfessional").asBoolean()).isFalse();
        assertThat(update.path("version").asLong()).isEqualTo(2);
        // involvement.involvements.v2 is keyed by involvement: one involvement's events keep their order, different
        // involvements' need not (they may lie on different partitions).
        assertThat(payloads(events, InvolvementEventTypes.STARTED)).extracting(e -> e.path("involvementId").asText())
                .containsExactlyInAnyOrder(schoolId, gpId, newSchoolId);

        // In the school's inbox (the notifications topic is gone: a notice is for its recipient only).
        List<JsonNode> notifications = inbox(HILLSIDE_STAFF, child);
        assertThat(notifications).extracting(n -> n.path("type").asText())
                .containsExactly(InvolvementNotification.NEW_INVOLVEMENT);
        JsonNode notification = notifications.get(0);
        assertThat(notification.path("newService").path("organisationName").asText())
                .isEqualTo("Rosebery Medical Practice");
        assertThat(notification.path("message").asText()).contains("Another service is now working with this child");
    }

    @Test
    void badSubmissionsGetProblemDetailsNamingTheField() {
        String child = newChildId();
        given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission("bad-1", withBadCheckDigit(child), false)).post("/involvements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("contactPointId"));
        given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission("bad-2", child, false).replace("\"SCHOOL\"", "\"ASTROLOGER\""))
                .post("/involvements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("serviceType"));
        given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission("bad-3", child, false).replace("2020-09-01", "2020-02-30"))
                .post("/involvements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("startDate"));
        given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission("bad-4", child, false)
                        .replace("\"organisation\":{\"name\":\"Hillside Primary School\",", "\"organisation\":{"))
                .post("/involvements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("organisation.name"));
        given().header("Authorization", AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission("bad-5", child, false).replace("dsl@hillside.example.sch.uk", "not-an-email"))
                .post("/involvements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("contact.email"));
        given().contentType(ContentType.JSON).body(schoolSubmission("bad-6", child, false))
                .post("/involvements").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("teacher", "practitioner")).contentType(ContentType.JSON)
                .body(schoolSubmission("bad-7", child, false))
                .post("/involvements").then().statusCode(403).contentType("application/problem+json");
        assertThat(queryLong("SELECT count(*) FROM parked_submission WHERE contact_point_id = ?", child)).isZero();
    }
}
