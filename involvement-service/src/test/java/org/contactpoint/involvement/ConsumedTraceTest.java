package org.contactpoint.involvement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.SCHOOL_AGENCY;
import static org.contactpoint.involvement.Fixtures.awaitInvolvementEvents;
import static org.contactpoint.involvement.Fixtures.childHeaders;
import static org.contactpoint.involvement.Fixtures.childJson;
import static org.contactpoint.involvement.Fixtures.knownChild;
import static org.contactpoint.involvement.Fixtures.newChildId;
import static org.contactpoint.involvement.Fixtures.schoolSubmission;
import static org.contactpoint.involvement.Fixtures.uniqueSubmissionId;

/**
 * Issue 20: an event this service publishes because of an event it consumed stays in the consumed event's trace.
 * identity-service merges two records of a child; the involvement re-homed in turn carries the merge's trace on, so
 * the identity change, this service's handling and whoever reads the re-homing are one trace.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ConsumedTraceTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void anInvolvementReHomedBecauseOfAMergeCarriesTheMergesTrace() {
        String duplicate = newChildId();
        String survivor = newChildId();
        knownChild(duplicate, 1, "E09000019");
        knownChild(survivor, 1, "E09000019");
        String school = given().header("Authorization", SCHOOL_AGENCY).contentType(ContentType.JSON)
                .body(schoolSubmission(uniqueSubmissionId("traced"), duplicate, false)).post("/involvements")
                .then().statusCode(201).extract().path("involvementId");

        String mergeTrace = hex(16);
        Map<String, String> headers = new HashMap<>(childHeaders("MERGED", 2));
        headers.put("traceparent", "00-" + mergeTrace + "-" + hex(8) + "-01");
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, duplicate,
                childJson(duplicate, 2, "MERGED", survivor, "E09000019", false), headers);

        List<ConsumerRecord<String, String>> rehomed = awaitInvolvementEvents(survivor,
                InvolvementEventTypes.REHOMED, 1);
        ConsumerRecord<String, String> record = rehomed.stream().filter(r -> r.key().equals(school)).findFirst()
                .orElseThrow();
        assertThat(TestKafkaClient.header(record, "traceparent")).as("the re-homed involvement's traceparent")
                .startsWith("00-" + mergeTrace + "-");
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
