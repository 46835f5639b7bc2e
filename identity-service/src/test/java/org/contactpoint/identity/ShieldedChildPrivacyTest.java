package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.identity.messaging.in.SourceRecordHandler;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.ADMIN;
import static org.contactpoint.identity.Scenario.CASE_SYSTEM;
import static org.contactpoint.identity.Scenario.FEED;
import static org.contactpoint.identity.Scenario.LA;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.OTHER_LA_MANAGER;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.eventAtVersion;
import static org.contactpoint.identity.Scenario.record;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** A shield holds on every path: through a merge and its undoing, and when a source record finds the child. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ShieldedChildPrivacyTest {

    private static final String OTHER_LA = "E08000003";
    private static final String SHIELD = "{\"reason\":\"fled domestic abuse\",\"reviewDate\":\""
            + LocalDate.now().plusMonths(6) + "\"}";

    @Test
    void aShieldAndAnAddressChangeMadeWhileMergedSurviveTheUnmergeOnBothRecords() throws Exception {
        String survivor = register("Leocadia", "Thistlewood", "2014-03-12", "UM-1");
        String duplicate = register("Ermengarde", "Pennyfeather", "2013-07-30", "UM-2");
        String mergeId = merge(survivor, duplicate);

        as(LA_MANAGER).body(SHIELD).put("/children/" + survivor + "/shield").then().statusCode(200);
        as(LA_MANAGER).body("{\"address\":{\"lines\":[\"4 Refuge Row\"],\"town\":\"Leeds\",\"postcode\":\"LS2 7EW\"}}")
                .patch("/children/" + survivor).then().statusCode(200);

        JsonPath unmerged = as(LA_MANAGER).body("{}").post("/merges/" + mergeId + "/unmerge").then().statusCode(200)
                .extract().jsonPath();
        as(LA_MANAGER).get("/children/" + survivor).then().statusCode(200)
                .body("shield.reason", equalTo("fled domestic abuse"))
                .body("whereabouts.address.postcode", equalTo("LS2 7EW"));
        as(LA_MANAGER).get("/children/" + duplicate).then().statusCode(200).body("status", equalTo("ACTIVE"))
                .body("shield.reason", equalTo("fled domestic abuse"))
                .body("whereabouts.address.postcode", equalTo("N1 1AA"));

        // Downstream stores learn the shield from the events the unmerge published, on both records.
        JsonNode duplicateEvent = eventAtVersion(duplicate, ChildEventTypes.UNMERGED, unmerged.getLong("mergedVersion"));
        assertThat(duplicateEvent.path("shield").path("since").isMissingNode()).isFalse();
        JsonNode survivorEvent = eventAtVersion(survivor, ChildEventTypes.UPDATED, unmerged.getLong("survivorVersion"));
        assertThat(survivorEvent.path("shield").path("since").isMissingNode()).isFalse();
        assertThat(survivorEvent.path("whereabouts").toString()).contains("LS2 7EW");
    }

    @Test
    void aMergeOfAShieldedAndAnUnshieldedRecordLeavesTheSurvivorShieldedAndUnmergeLiftsNeither()
            throws Exception {
        String survivor = register("Philippa", "Oakenshott", "2012-02-14", "UM-3");
        String shielded = register("Clothilde", "Marchbanks", "2012-11-05", "UM-4");
        as(LA_MANAGER).body(SHIELD).put("/children/" + shielded + "/shield").then().statusCode(200);

        String mergeId = merge(survivor, shielded);
        as(LA_MANAGER).get("/children/" + survivor).then().statusCode(200).body("shield", notNullValue());

        JsonPath unmerged = as(LA_MANAGER).body("{}").post("/merges/" + mergeId + "/unmerge").then().statusCode(200)
                .extract().jsonPath();
        // The records were one child while merged: what the survivor held may be where the shielded child lives.
        as(LA_MANAGER).get("/children/" + survivor).then().statusCode(200).body("shield", notNullValue());
        as(LA_MANAGER).get("/children/" + shielded).then().statusCode(200).body("shield", notNullValue());
        JsonNode survivorEvent = eventAtVersion(survivor, ChildEventTypes.UPDATED, unmerged.getLong("survivorVersion"));
        assertThat(survivorEvent.has("shield")).isTrue();
    }

    @Test
    void undoingAMergeWhoseSurvivorWasItselfMergedLaterIsRefused() {
        String first = register("Wilhelmina", "Cattermole", "2011-05-09", "UM-5");
        String second = register("Gwendolen", "Fairweather", "2011-06-10", "UM-6");
        String third = register("Rosalind", "Underhay", "2011-07-11", "UM-7");
        String earlier = merge(second, first);
        merge(third, second);

        as(LA_MANAGER).body("{}").post("/merges/" + earlier + "/unmerge").then().statusCode(409)
                .contentType("application/problem+json");
        as(LA_MANAGER).get("/children/" + second).then().statusCode(200).body("contactPointId", equalTo(third))
                .body("resolvedFrom", equalTo(second));
        as(LA_MANAGER).get("/children/" + first).then().statusCode(200).body("contactPointId", equalTo(third));
    }

    @Test
    void aRecordThatLinksToAShieldedChildIsAcceptedPendingAndGoesToTheChildsOwnTeam() throws Exception {
        ObjectNode health = record("Anneliese", "Vexborough", "2013-09-21", "BS3 4HH", "HEALTH_DEMOGRAPHICS", "SL-1");
        health.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "9871234562");
        String child = as(FEED).body(health.toString()).post("/source-records").then().statusCode(201)
                .extract().path("contactPointId");
        as(LA_MANAGER).body(SHIELD).put("/children/" + child + "/shield").then().statusCode(200);

        // Another authority's school knows her NHS number: it learns nothing that identifies or locates her.
        ObjectNode school = record("Anneliese", "Vexborough", "2013-09-21", "M1 1AE", "SCHOOL_CENSUS", "SL-2");
        school.put("responsibleLocalAuthority", OTHER_LA);
        school.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "9871234562");
        String answer = as(FEED).body(school.toString()).post("/source-records").then().statusCode(202)
                .body("outcome", equalTo("ACCEPTED_PENDING")).body("contactPointId", nullValue())
                .body("reviewId", nullValue()).body("score", nullValue()).extract().asString();
        assertThat(answer).doesNotContain(child).doesNotContain("BS3").doesNotContain(LA);
        // Sent again while it waits: the same answer, no second item.
        as(FEED).body(school.toString()).post("/source-records").then().statusCode(202)
                .body("outcome", equalTo("ACCEPTED_PENDING")).body("contactPointId", nullValue());

        // A registration by a case-management system that matches her by name, date of birth and sex alone.
        ObjectNode byName = record("Anneliese", "Vexborough", "2013-09-21", null, "LA_CASE_SYSTEM", "SL-3");
        byName.put("responsibleLocalAuthority", OTHER_LA);
        as(CASE_SYSTEM).body(byName.toString()).post("/children").then().statusCode(202)
                .body("outcome", equalTo("ACCEPTED_PENDING")).body("contactPointId", nullValue());
        // In a batch, too.
        ObjectNode batched = record("Anneliese", "Vexborough", "2013-09-21", "M1 1AE", "BENEFITS", "SL-4");
        batched.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "987 123 4562");
        String batch = as(FEED).body("{\"records\":[" + batched + "]}").post("/source-records/batch").then()
                .statusCode(200).body("[0].outcome", equalTo("ACCEPTED_PENDING"))
                .body("[0].contactPointId", nullValue()).extract().asString();
        assertThat(batch).doesNotContain(child).doesNotContain("BS3");

        // The child's own team sees each in its queue; the submitting authority's team does not.
        String ours = SourceFeedMatchingTest.wholeQueue(LA_MANAGER);
        assertThat(ours).contains("\"SL-2\"").contains("\"SL-3\"").contains("\"SL-4\"").contains(child);
        assertThat(SourceFeedMatchingTest.wholeQueue(OTHER_LA_MANAGER)).doesNotContain(child)
                .doesNotContain("\"SL-2\"");
        String itemId = JsonPath.from(ours).getString("find { it.sourceRecordId == 'SL-2' }.id");
        as(OTHER_LA_MANAGER).get("/review-items/" + itemId).then().statusCode(403);

        // Accepted by her team: the school's record is linked, and the school is still told nothing.
        as(LA_MANAGER).body("{\"contactPointId\":\"" + child + "\"}").post("/review-items/" + itemId + "/accept")
                .then().statusCode(200).body("contactPointId", equalTo(child));
        as(FEED).body(school.toString()).post("/source-records").then().statusCode(202)
                .body("outcome", equalTo("ACCEPTED_PENDING")).body("contactPointId", nullValue());
        as(LA_MANAGER).get("/children/" + child).then().statusCode(200)
                .body("identifiers.findAll { it.scheme == 'SOURCE_ID' }.value", org.hamcrest.Matchers.hasItem("SL-2"));

        // The Kafka feed routes the same way.
        ObjectNode onKafka = record("Anneliese", "Vexborough", "2013-09-21", "M1 1AE", "SCHOOL_CENSUS", "SL-5");
        onKafka.put("responsibleLocalAuthority", OTHER_LA);
        onKafka.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "9871234562");
        TestKafkaClient.send(Topics.IDENTITY_SOURCE_RECORDS, "SL-5", onKafka.toString(), Map.of(
                CloudEventHeaders.TYPE, SourceRecordHandler.TYPE, CloudEventHeaders.SOURCE, "school-census"));
        Scenario.audits("SL-5", "SUBMIT_SOURCE_RECORD");
        assertThat(SourceFeedMatchingTest.wholeQueue(LA_MANAGER)).contains("\"SL-5\"");
        assertThat(SourceFeedMatchingTest.wholeQueue(OTHER_LA_MANAGER)).doesNotContain("\"SL-5\"");
    }

    @Test
    void aRecordThatResemblesAShieldedChildGoesToItsOwnTeamWithNoLocationCompared() {
        String shielded = as(FEED).body(record("Evangelina", "Szczepanska", "2010-04-27", "BS7 8QT",
                "HEALTH_DEMOGRAPHICS", "SR-1").toString()).post("/source-records").then().statusCode(201)
                .extract().path("contactPointId");
        as(LA_MANAGER).body(SHIELD).put("/children/" + shielded + "/shield").then().statusCode(200);

        // The same given name, a family name spelt a little differently, a date a digit out: from another authority.
        ObjectNode resembling = record("Evangelina", "Szczepanski", "2010-04-28", "M1 1AE", "SCHOOL_CENSUS", "SR-2");
        resembling.put("responsibleLocalAuthority", OTHER_LA);
        String reviewId = as(FEED).body(resembling.toString()).post("/source-records").then().statusCode(202)
                .body("outcome", equalTo("REVIEW")).extract().path("reviewId");

        assertThat(SourceFeedMatchingTest.wholeQueue(OTHER_LA_MANAGER)).doesNotContain(reviewId);
        as(OTHER_LA_MANAGER).get("/review-items/" + reviewId).then().statusCode(403);
        for (String reader : new String[]{LA_MANAGER, ADMIN}) {
            JsonPath item = as(reader).get("/review-items/" + reviewId).then().statusCode(200).extract().jsonPath();
            String candidate = "candidates.find { it.contactPointId == '" + shielded + "' }";
            assertThat(item.getString("localAuthority")).isEqualTo(LA);
            assertThat(item.getBoolean(candidate + ".shielded")).isTrue();
            assertThat(item.getString(candidate + ".postcode")).isNull();
            assertThat(item.getString(candidate + ".responsibleLocalAuthority")).isNull();
            assertThat(item.getList(candidate + ".comparisons.field")).doesNotContain("postcode");
        }
        assertThat(SourceFeedMatchingTest.wholeQueue(LA_MANAGER)).contains(reviewId);
    }

    private static String register(String given, String family, String dob, String sourceId) {
        return as(CASE_SYSTEM).body(record(given, family, dob, "N1 1AA", "LA_CASE_SYSTEM", sourceId).toString())
                .post("/children").then().statusCode(201).extract().path("contactPointId");
    }

    private static String merge(String survivor, String merged) {
        return as(LA_MANAGER).body("{\"survivorId\":\"" + survivor + "\",\"mergedId\":\"" + merged
                + "\",\"reason\":\"same child\"}").post("/merges").then().statusCode(201).extract().path("mergeId");
    }
}
