package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.Topics;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 20, agencies: an agency asks where each of its submissions stands (accepted, parked waiting for its child,
 * refused and why) and lists its refused records, whichever way it sent them; nobody else's, and every read audited
 * with its purpose.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SubmissionStatusTest {

    @Test
    void anAgencyLearnsWhetherEachOfItsSubmissionsWasAcceptedParkedOrRejectedAndWhy() {
        String agency = "status-agency-" + UUID.randomUUID();
        String bearer = "Bearer " + TestTokens.user(agency).roles("agency-system")
                .organisation("Hillside Primary School", "URN100001").sign();
        String child = newChildId();
        knownChild(child, 1, "E09000019");

        String accepted = uniqueSubmissionId("status");
        String involvementId = given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(schoolSubmission(accepted, child, false)).post("/involvements")
                .then().statusCode(201).extract().path("involvementId");
        String parked = uniqueSubmissionId("status");
        String parkedInvolvement = given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(schoolSubmission(parked, newChildId(), false)).post("/involvements")
                .then().statusCode(202).extract().path("involvementId");
        // On the organisation's topic, with a wrong check digit: refused, and dead-lettered as before.
        String rejected = uniqueSubmissionId("status");
        AgencyTopicTest.submit(child, schoolSubmission(rejected, withBadCheckDigit(child), false), agency);

        reading(bearer).get("/submissions/" + accepted).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("involvementId", equalTo(involvementId));
        reading(bearer).get("/submissions/" + parked).then().statusCode(200)
                .body("status", equalTo("PARKED")).body("involvementId", equalTo(parkedInvolvement));
        ExtractableResponse<Response> refusal = awaitStatus(bearer, rejected);
        assertThat(refusal.<String>path("status")).isEqualTo("REJECTED");
        assertThat(refusal.<String>path("reason")).contains("contactPointId");
        List<ConsumerRecord<String, String>> deadLetters = readKey(Topics.deadLetter(AgencyTopicTest.SCHOOL_TOPIC),
                child, read -> read.stream().anyMatch(r -> r.value().contains(rejected)));
        assertThat(deadLetters).anyMatch(r -> r.value().contains(rejected));

        List<String> listed = reading(bearer).get("/rejected-submissions").then().statusCode(200)
                .extract().jsonPath().getList("submissionId");
        assertThat(listed).containsExactly(rejected);

        // Another agency of the same organisation, or one stating no purpose, learns nothing.
        String other = "Bearer " + TestTokens.user("status-other-" + UUID.randomUUID()).roles("agency-system")
                .organisation("Hillside Primary School", "URN100001").sign();
        reading(other).get("/submissions/" + accepted).then().statusCode(404);
        assertThat(reading(other).get("/rejected-submissions").then().statusCode(200).extract().jsonPath()
                .getList("$")).isEmpty();
        given().header("Authorization", bearer).get("/submissions/" + accepted).then().statusCode(400)
                .body("errors[0].field", equalTo("X-Purpose-Of-Use"));
        reading(HILLSIDE_STAFF).get("/rejected-submissions").then().statusCode(403);

        List<ConsumerRecord<String, String>> trail = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null,
                read -> read.stream().filter(r -> r.value().contains(agency)
                        && (r.value().contains("VIEW_SUBMISSION_STATUS")
                        || r.value().contains("LIST_REJECTED_SUBMISSIONS"))).count() >= 4);
        List<JsonNode> reads = trail.stream().filter(r -> r.value().contains(agency)).map(r -> json(r.value()))
                .filter(a -> a.path("action").asText().endsWith("SUBMISSION_STATUS")
                        || a.path("action").asText().equals("LIST_REJECTED_SUBMISSIONS")).toList();
        assertThat(reads).hasSize(4).allMatch(a -> a.path("purpose").asText().equals("DIRECT_CARE"));
    }

    /** The refusal is recorded once the poll's dead letters are sent: ask until it is there. */
    private static ExtractableResponse<Response> awaitStatus(String bearer, String submissionId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ExtractableResponse<Response> answer;
        do {
            answer = reading(bearer).get("/submissions/" + submissionId).then().extract();
            if (answer.statusCode() == 200) {
                return answer;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no status for " + submissionId + ": " + answer.statusCode() + " " + answer.asString());
    }
}
