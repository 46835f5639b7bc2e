package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.events.involvement.InvolvementNotification;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Sexual health, mental health and substance misuse: a recorded basis, withheld details, brokered contact. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SensitiveServiceTest {

    static final String LA_TEAM = "Bearer " + TestTokens.user("la-manager").roles("la-management")
            .localAuthority("E09000019").sign();
    static final String OTHER_LA_TEAM = "Bearer " + TestTokens.user("other-la-manager").roles("la-management")
            .localAuthority("E09000033").sign();
    static final String TEACHER = "Bearer " + TestTokens.user("teacher").name("Ms Ada Teacher").roles("practitioner")
            .organisation("Hillside Primary School", "URN100001").sign();
    static final String CLINIC_NURSE = "Bearer " + TestTokens.user("nurse").roles("practitioner")
            .organisation("Angel Young People's Clinic", "RV3YP").sign();

    static String sexualHealth(String submissionId, String child, String consent) {
        return """
                {"submissionId":"%s","contactPointId":"%s","serviceType":"SEXUAL_HEALTH",\
                "organisation":{"name":"Angel Young People's Clinic","code":"RV3YP"},\
                "practitioner":{"name":"Nurse Priya Shah","role":"Clinical Nurse Specialist"},\
                "contact":{"phone":"020 7946 0300","email":"clinic@angel.example.nhs.uk"},\
                "startDate":"2026-10-01"%s}""".formatted(submissionId, child,
                consent == null ? "" : ",\"consent\":" + consent);
    }

    @Test
    void sensitiveServiceNeedsARecordedBasisAndIsPublishedWithoutProviderOrContact() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("school"), child, false)).post("/involvements")
                .then().statusCode(201);

        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON)
                .body(sexualHealth(uniqueSubmissionId("sh"), child, null)).post("/involvements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("consent"))
                .body("detail", org.hamcrest.Matchers.containsString("sensitive service"));
        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON)
                .body(sexualHealth(uniqueSubmissionId("sh"), child,
                        "{\"kind\":\"PARENT_CARER_CONSENT\",\"recordedAt\":\"2026-10-01T10:00:00Z\"}"))
                .post("/involvements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("consent.givenBy", "consent.scope"));
        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON)
                .body(sexualHealth(uniqueSubmissionId("sh"), child,
                        "{\"kind\":\"CHILD_CONSENT\",\"recordedAt\":\"2026-10-01T10:00:00Z\",\"scope\":\"all\"}"))
                .post("/involvements")
                .then().statusCode(400).body("errors.field", hasItem("consent.sufficientUnderstanding"));
        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON)
                .body(sexualHealth(uniqueSubmissionId("sh"), child, "{\"kind\":\"TELEPATHY\"}"))
                .post("/involvements")
                .then().statusCode(400).body("errors[0].field", equalTo("consent.kind"));

        String id = given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON)
                .body(sexualHealth(uniqueSubmissionId("sh"), child, """
                        {"kind":"CHILD_CONSENT","recordedAt":"2026-10-01T10:00:00Z","sufficientUnderstanding":true,\
                        "scope":"that the clinic is involved, to professionals working with the child"}"""))
                .post("/involvements")
                .then().statusCode(201).body("sensitive", equalTo(true)).body("basis", equalTo("CHILD_CONSENT"))
                .extract().path("involvementId");

        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child,
                InvolvementEventTypes.STARTED, 2);
        JsonNode published = payloads(events, InvolvementEventTypes.STARTED).stream()
                .filter(e -> e.path("involvementId").asText().equals(id)).findFirst().orElseThrow();
        assertThat(published.path("sensitive").asBoolean()).isTrue();
        assertThat(published.path("serviceType").asText()).isEqualTo("SEXUAL_HEALTH");
        assertThat(published.has("organisation")).isFalse();
        assertThat(published.has("practitioner")).isFalse();
        assertThat(published.has("contact")).isFalse();
        // The submitting agency is the provider by another name: not published either.
        assertThat(published.has("sourceAgency")).isFalse();
        assertThat(events.stream().map(ConsumerRecord::value)).noneMatch(v -> v.contains("Angel")
                || v.contains("020 7946 0300") || v.contains("consent") || v.contains("CHILD_CONSENT"));

        // The school is told another service started, but not which.
        List<JsonNode> notifications = inbox(TEACHER, child);
        assertThat(notifications).hasSize(1);
        JsonNode notice = notifications.get(0);
        assertThat(notice.path("type").asText()).isEqualTo(InvolvementNotification.NEW_INVOLVEMENT);
        assertThat(notice.has("newService")).isFalse();
        assertThat(notifications.stream().map(JsonNode::toString))
                .noneMatch(v -> v.contains("Angel") || v.contains("SEXUAL") || v.contains("Sexual"));

        // A later newcomer tells the school, but never the clinic: a notice to it would name it against the child.
        given().header("Authorization", GP_AGENCY).contentType(ContentType.JSON)
                .body(gpSubmission(uniqueSubmissionId("gp"), child, false, false)).post("/involvements")
                .then().statusCode(201);
        assertThat(inbox(TEACHER, child)).extracting(n -> n.path("type").asText())
                .containsExactly(InvolvementNotification.NEW_INVOLVEMENT, InvolvementNotification.NEW_INVOLVEMENT);
        assertThat(inbox(CLINIC_NURSE, child)).isEmpty();
        assertThat(inbox(ROSEBERY_STAFF, child)).isEmpty();

        // Who sees the provider: the clinic itself and the child's LA team; not the school, not another LA.
        reading(TEACHER).get("/involvements/" + id).then().statusCode(403)
                .contentType("application/problem+json");
        reading(TEACHER).queryParam("contactPointId", child).get("/involvements")
                .then().statusCode(200).body("serviceType", not(hasItem("SEXUAL_HEALTH")))
                .body("organisation.code", hasItem("URN100001"));
        List<ConsumerRecord<String, String>> audits = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null,
                read -> read.stream().anyMatch(r -> r.value().contains(id) && r.value().contains("DENIED")));
        JsonNode denied = audits.stream().filter(r -> r.value().contains(id) && r.value().contains("DENIED"))
                .map(r -> json(r.value())).findFirst().orElseThrow(() -> new AssertionError("no DENIED audit"));
        assertThat(denied.path("action").asText()).isEqualTo("VIEW_INVOLVEMENT");
        assertThat(denied.path("actor").path("userId").asText()).isEqualTo("teacher");
        assertThat(denied.path("childIds").get(0).asText()).isEqualTo(child);
        reading(CLINIC_NURSE).get("/involvements/" + id).then().statusCode(200)
                .body("contact.phone", equalTo("020 7946 0300"));
        reading(LA_TEAM).queryParam("contactPointId", child).get("/involvements")
                .then().statusCode(200).body("$", hasSize(3))
                .body("organisation.name", hasItem("Angel Young People's Clinic"));
        // One page at a time: two, then the third by the next link, which the last page does not carry.
        String link = reading(LA_TEAM).queryParam("contactPointId", child)
                .queryParam("size", 2).get("/involvements").then().statusCode(200).body("$", hasSize(2))
                .extract().header("Link");
        assertThat(link).contains("rel=\"next\"").contains("page=1").contains("size=2");
        reading(LA_TEAM).get(link.substring(link.indexOf('<') + 1, link.indexOf('>')))
                .then().statusCode(200).body("$", hasSize(1)).header("Link", nullValue());
        reading(LA_TEAM).queryParam("contactPointId", child).queryParam("size", 5000)
                .get("/involvements").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
        reading(OTHER_LA_TEAM).queryParam("contactPointId", child).get("/involvements")
                .then().statusCode(403).contentType("application/problem+json");
        reading(LA_TEAM).queryParam("contactPointId", withBadCheckDigit(child))
                .get("/involvements").then().statusCode(400).body("errors[0].field", equalTo("contactPointId"));

        // The invalid query is audited as REJECTED; the teacher's refused view only once, by the service's own
        // VIEW_INVOLVEMENT record, not again as a bare refusal.
        // Audit events are spread over partitions: read until both records are in, then two seconds more, so that a
        // second record of the refused view (written with the first, if it were) would be read too.
        long[] bothSeenAt = {0};
        List<ConsumerRecord<String, String>> trail = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null, read -> {
            boolean both = read.stream().anyMatch(r -> r.value().contains("REJECTED")
                    && r.value().contains(withBadCheckDigit(child)))
                    && read.stream().anyMatch(r -> r.value().contains(id) && r.value().contains("DENIED"));
            if (both && bothSeenAt[0] == 0) {
                bothSeenAt[0] = System.nanoTime();
            }
            return both && System.nanoTime() - bothSeenAt[0] > java.time.Duration.ofSeconds(2).toNanos();
        });
        JsonNode rejected = trail.stream().filter(r -> r.value().contains(withBadCheckDigit(child)))
                .map(r -> json(r.value())).findFirst().orElseThrow(() -> new AssertionError("no REJECTED audit"));
        assertThat(rejected.path("action").asText()).isEqualTo("GET /involvements");
        assertThat(rejected.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("actor").path("userId").asText()).isEqualTo("la-manager");
        assertThat(trail.stream().filter(r -> r.value().contains(id) && r.value().contains("DENIED"))).hasSize(1);
    }

    @Test
    void practitionerAsksTheLaTeamToBrokerContactAndWithdrawnConsentRemovesTheInvolvementEverywhere() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String id = given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON)
                .body(sexualHealth(uniqueSubmissionId("sh"), child, """
                        {"kind":"PARENT_CARER_CONSENT","givenBy":"Grace Okafor (mother)",\
                        "recordedAt":"2026-10-01T10:00:00Z","scope":"share with the child's school and GP"}"""))
                .post("/involvements").then().statusCode(201).extract().path("involvementId");

        String requestId = given().header("Authorization", TEACHER).contentType(ContentType.JSON)
                .body("{\"reason\":\"Safeguarding concern raised in class\",\"requesterContact\":\"020 7946 0100\"}")
                .post("/involvements/" + id + "/brokering-requests")
                .then().statusCode(201).body("status", equalTo("OPEN"))
                .body("provider", org.hamcrest.Matchers.nullValue())
                // Which kind of sensitive service it is is not the requester's to know either.
                .body("serviceType", org.hamcrest.Matchers.nullValue())
                .extract().path("brokeringRequestId");
        given().header("Authorization", TEACHER).contentType(ContentType.JSON).body("{\"reason\":\"\"}")
                .post("/involvements/" + id + "/brokering-requests")
                .then().statusCode(400).body("errors.field", hasItems("reason", "requesterContact"));

        reading(LA_TEAM).get("/brokering-requests").then().statusCode(200)
                .body("brokeringRequestId", hasItem(requestId))
                .body("find { it.brokeringRequestId == '" + requestId + "' }.provider.contact.phone",
                        equalTo("020 7946 0300"))
                .body("find { it.brokeringRequestId == '" + requestId + "' }.requester.name",
                        equalTo("Ms Ada Teacher"))
                .body("find { it.brokeringRequestId == '" + requestId + "' }.serviceType",
                        equalTo("SEXUAL_HEALTH"));
        reading(OTHER_LA_TEAM).get("/brokering-requests").then().statusCode(200)
                .body("brokeringRequestId", not(hasItem(requestId)));
        reading(TEACHER).get("/brokering-requests").then().statusCode(403);
        given().header("Authorization", OTHER_LA_TEAM).contentType(ContentType.JSON)
                .body("{\"outcome\":\"DECLINED\",\"note\":\"not ours\"}")
                .post("/brokering-requests/" + requestId + "/decision").then().statusCode(403);
        given().header("Authorization", LA_TEAM).contentType(ContentType.JSON)
                .body("{\"outcome\":\"CONTACT_BROKERED\",\"note\":\"Clinic will call the DSL today\"}")
                .post("/brokering-requests/" + requestId + "/decision")
                .then().statusCode(200).body("status", equalTo("CONTACT_BROKERED"))
                .body("actedBy", equalTo("la-manager"));
        given().header("Authorization", LA_TEAM).contentType(ContentType.JSON)
                .body("{\"outcome\":\"DECLINED\",\"note\":\"changed my mind\"}")
                .post("/brokering-requests/" + requestId + "/decision").then().statusCode(409);

        given().header("Authorization", CLINIC_AGENCY).contentType(ContentType.JSON)
                .body("{\"withdrawnBy\":\"Grace Okafor (mother)\",\"withdrawnAt\":\"2026-11-01T09:00:00Z\"}")
                .post("/involvements/" + id + "/consent-withdrawal")
                .then().statusCode(200).body("status", equalTo("REMOVED"));
        List<ConsumerRecord<String, String>> events = awaitInvolvementEvents(child,
                InvolvementEventTypes.REMOVED, 1);
        assertThat(tombstones(events)).extracting(ConsumerRecord::key).containsExactly(id);
        reading(LA_TEAM).get("/involvements/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        reading(LA_TEAM).queryParam("contactPointId", child).get("/involvements")
                .then().statusCode(200).body("$", hasSize(0));
    }
}
