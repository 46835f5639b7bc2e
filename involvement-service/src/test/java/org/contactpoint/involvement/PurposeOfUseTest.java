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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every read of a child's involvements states why (X-Purpose-Of-Use, the gateway's vocabulary), and the audit record
 * of the read carries it: a read without one is refused before anything is read.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PurposeOfUseTest {

    @Test
    void readsOfAChildsInvolvementsNeedAPurposeAndTheTrailRecordsIt() {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String id = given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("purpose"), child, false)).post("/involvements")
                .then().statusCode(201).extract().path("involvementId");
        String laTeam = SensitiveServiceTest.LA_TEAM;

        for (String purpose : new String[] {null, "", "NOSINESS"}) {
            var list = given().header("Authorization", laTeam).queryParam("contactPointId", child);
            var one = given().header("Authorization", laTeam);
            var queue = given().header("Authorization", laTeam);
            if (purpose != null) {
                list.header(PURPOSE, purpose);
                one.header(PURPOSE, purpose);
                queue.header(PURPOSE, purpose);
            }
            list.get("/involvements").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(PURPOSE)).body("detail", containsString("DIRECT_CARE"));
            one.get("/involvements/" + id).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(PURPOSE));
            queue.get("/brokering-requests").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(PURPOSE));
        }

        given().header("Authorization", laTeam).header(PURPOSE, "SAFEGUARDING").get("/involvements/" + id)
                .then().statusCode(200);
        given().header("Authorization", laTeam).header(PURPOSE, "CHILD_PROTECTION_ENQUIRY")
                .queryParam("contactPointId", child).get("/involvements").then().statusCode(200);
        given().header("Authorization", laTeam).header(PURPOSE, "ADMINISTRATION").get("/brokering-requests")
                .then().statusCode(200);

        List<ConsumerRecord<String, String>> trail = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null,
                read -> read.stream().filter(r -> r.value().contains(child)
                        && (r.value().contains("VIEW_INVOLVEMENT") || r.value().contains("LIST_INVOLVEMENTS")))
                        .count() >= 2);
        List<JsonNode> reads = trail.stream().filter(r -> r.value().contains(child)).map(r -> json(r.value()))
                .filter(a -> a.path("outcome").asText().equals("SUCCESS")).toList();
        assertThat(reads).filteredOn(a -> a.path("action").asText().equals("VIEW_INVOLVEMENT"))
                .extracting(a -> a.path("purpose").asText()).containsExactly("SAFEGUARDING");
        assertThat(reads).filteredOn(a -> a.path("action").asText().equals("LIST_INVOLVEMENTS"))
                .extracting(a -> a.path("purpose").asText()).containsExactly("CHILD_PROTECTION_ENQUIRY");
        List<ConsumerRecord<String, String>> queues = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null,
                read -> read.stream().anyMatch(r -> r.value().contains("LIST_BROKERING_REQUESTS")
                        && r.value().contains("ADMINISTRATION")));
        assertThat(queues).anyMatch(r -> r.value().contains("LIST_BROKERING_REQUESTS")
                && r.value().contains("ADMINISTRATION"));
    }
}
