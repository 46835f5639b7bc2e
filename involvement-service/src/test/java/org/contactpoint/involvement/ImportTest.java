package org.contactpoint.involvement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.involvement.application.ImportWorker;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contactpoint.involvement.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

/**
 * An agency's initial load: NDJSON staged, then applied a batch at a time by the worker through the batch machinery;
 * bad lines reported with their numbers, never stopping the rest; a worker stopped mid-import and started again loses
 * and repeats nothing. The tests drive the worker themselves (it is off in the test profile; 25 lines a batch).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ImportTest {

    @Inject
    ImportWorker worker;

    @Test
    void anImportWithBadLinesAppliesTheRestAndReportsEachBadLineWithItsNumber() {
        String agencyUser = uniqueSubmissionId("importer");
        String agency = agency(agencyUser);
        String c1 = newChildId();
        String c2 = newChildId();
        String c3 = newChildId();
        List.of(c1, c2, c3).forEach(c -> sendChild(c, 1, "ACTIVE", null, "E09000019"));
        List.of(c1, c2, c3).forEach(c -> awaitChildVersion(c, 1));
        String unknown = newChildId();
        String ndjson = String.join("\n",
                schoolSubmission("imp-1", c1, false),
                "{ not json",
                schoolSubmission("imp-3", withBadCheckDigit(c1), false),
                schoolSubmission("imp-4", c1, false).replace("Hillside Primary School", "Other School")
                        .replace("URN100001", "URN555555"),
                schoolSubmission("imp-1", c1, false),
                schoolSubmission("imp-6", unknown, false),
                "",
                schoolSubmission("imp-8", c2, false),
                schoolSubmission("imp-9", c3, true),
                schoolSubmission("imp-10", c3, true),
                schoolSubmission("imp-11", c2, false).replace("Mr Daniel", "Mr\\u0000Daniel")) + "\n";

        String location = given().header("Authorization", agency).contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/involvement-imports").then().statusCode(202).body("state", equalTo("QUEUED"))
                .body("lines", equalTo(10)).header("Location", containsString("/involvement-imports/"))
                .extract().header("Location");
        drainWorker();

        JsonPath status = given().header("Authorization", agency).get(location).then().statusCode(200)
                .extract().jsonPath();
        assertThat(status.getString("state")).isEqualTo("COMPLETED");
        assertThat(status.getLong("lines")).isEqualTo(10);
        assertThat(status.getLong("processed")).isEqualTo(10);
        assertThat(status.getLong("started")).isEqualTo(3);
        assertThat(status.getLong("parked")).isEqualTo(1);
        assertThat(status.getLong("duplicates")).isEqualTo(1);
        assertThat(status.getLong("rejected")).isEqualTo(5);
        assertThat(status.getString("finishedAt")).isNotNull();

        JsonPath rejections = given().header("Authorization", agency).get(location + "/rejections?page=0&size=10")
                .then().statusCode(200).extract().jsonPath();
        assertThat(rejections.getList("line", Integer.class)).containsExactly(2, 3, 4, 10, 11);
        assertThat(rejections.getString("[0].reason")).contains("JSON");
        assertThat(rejections.getString("[1].reason")).contains("contactPointId");
        assertThat(rejections.getString("[2].reason")).contains("own organisation").contains("URN100001");
        assertThat(rejections.getString("[3].reason")).contains("lead professional");
        // A NUL no database can store: refused as the line is read, naming the field.
        assertThat(rejections.getString("[4].reason")).contains("practitioner.name");
        // Only the uploading agency sees its import.
        given().header("Authorization", agency("someone-else")).get(location).then().statusCode(404);

        // One audit record for the batch, naming its involvements by reference.
        String importId = location.substring(location.lastIndexOf('/') + 1);
        List<ConsumerRecord<String, String>> trail = readKey(Topics.INVOLVEMENT_AUDIT_EVENTS, null,
                read -> read.stream().anyMatch(r -> r.value().contains(importId)
                        && r.value().contains("\"IMPORT_INVOLVEMENTS\"")));
        assertThat(trail.stream().filter(r -> r.value().contains(importId)
                && r.value().contains("\"IMPORT_INVOLVEMENTS\"")).count()).isEqualTo(1);

        // The parked line is applied when its child arrives, as any parked submission is.
        sendChild(unknown, 1, "ACTIVE", null, "E09000019");
        awaitInvolvementEvents(unknown, InvolvementEventTypes.STARTED, 1);
    }

    @Test
    void anImportStoppedMidWayAndStartedAgainLosesAndRepeatsNothing() {
        String agencyUser = uniqueSubmissionId("resumer");
        String agency = agency(agencyUser);
        List<String> children = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String child = newChildId();
            sendChild(child, 1, "ACTIVE", null, "E09000019");
            children.add(child);
        }
        children.forEach(child -> awaitChildVersion(child, 1));
        StringBuilder ndjson = new StringBuilder();
        int n = 0;
        for (String child : children) {
            for (String service : List.of("SCHOOL", "SCHOOL_NURSE", "EDUCATION_WELFARE")) {
                ndjson.append(schoolSubmission("res-" + (n++), child, false)
                        .replace("\"SCHOOL\"", "\"" + service + "\"")).append('\n');
            }
        }
        // Whatever other tests left queued goes first, so the batches below are this import's.
        drainWorker();
        String location = given().header("Authorization", agency).contentType("application/x-ndjson")
                .body(ndjson.toString().getBytes(StandardCharsets.UTF_8)).post("/involvement-imports").then()
                .statusCode(202)
                .body("lines", equalTo(120)).extract().header("Location");

        assertThat(worker.processNextBatch()).isTrue();
        assertThat(worker.processNextBatch()).isTrue();
        // The worker dies mid-batch (kill -9): the batch in hand never commits.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            worker.applyNextBatch(25);
            throw new IllegalStateException("kill -9");
        })).hasMessageContaining("kill -9");
        given().header("Authorization", agency).get(location).then().statusCode(200)
                .body("state", equalTo("RUNNING")).body("processed", equalTo(50)).body("started", equalTo(50));
        // Started again.
        drainWorker();
        given().header("Authorization", agency).get(location).then().statusCode(200)
                .body("state", equalTo("COMPLETED")).body("processed", equalTo(120)).body("started", equalTo(120))
                .body("duplicates", equalTo(0)).body("rejected", equalTo(0));

        assertThat(queryLong("SELECT count(*) FROM involvement WHERE source_agency = ?", agencyUser)).isEqualTo(120);
        assertThat(queryLong("SELECT count(*) FROM outbox_event WHERE type = '" + InvolvementEventTypes.STARTED
                + "' AND payload LIKE '%\"sourceAgency\":\"' || ? || '\"%'", agencyUser)).isEqualTo(120);
        List<ConsumerRecord<String, String>> started = readInvolvementEvents(null,
                read -> startedBy(read, agencyUser).size() >= 120);
        List<String> ids = startedBy(started, agencyUser);
        assertThat(ids).hasSize(120);
        Set<String> distinct = ids.stream().collect(Collectors.toSet());
        assertThat(distinct).hasSize(120);
    }

    private static List<String> startedBy(List<ConsumerRecord<String, String>> records, String agency) {
        return records.stream()
                .filter(r -> InvolvementEventTypes.STARTED.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE)))
                .map(r -> json(r.value()))
                .filter(e -> agency.equals(e.path("sourceAgency").asText()))
                .map(e -> e.path("involvementId").asText()).toList();
    }

    private void drainWorker() {
        int batches = 0;
        while (worker.processNextBatch()) {
            assertThat(++batches).as("batches applied (the queue ends)").isLessThan(100_000);
        }
    }

    private static String agency(String user) {
        return "Bearer " + TestTokens.user(user).roles("agency-system")
                .organisation("Hillside Primary School", "URN100001").sign();
    }
}
