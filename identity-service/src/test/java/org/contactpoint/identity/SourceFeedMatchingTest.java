package org.contactpoint.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.identity.messaging.in.SourceRecordHandler;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.FEED;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.OTHER_LA_MANAGER;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.record;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Records from several sources, over REST and Kafka, matched into one identity per child. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SourceFeedMatchingTest {

    @Test
    void recordsFromSeveralSourcesBecomeOneChild() throws Exception {
        ObjectNode health = record("Zephyrine", "Quillfeather", "2017-04-09", "SE15 4QL", "HEALTH_DEMOGRAPHICS",
                "H-100");
        health.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "4010232137");
        String id = as(FEED).body(health.toString()).post("/source-records").then().statusCode(201)
                .body("outcome", equalTo("CREATED")).extract().path("contactPointId");

        // The school census spells her name differently and swaps day and month.
        as(FEED).body(record("Zephyrin", "Quilfeather", "2017-09-04", "SE15 4QL", "SCHOOL_CENSUS", "S-9").toString())
                .post("/source-records").then().statusCode(200).body("outcome", equalTo("LINKED"))
                .body("contactPointId", equalTo(id)).body("score", notNullValue());
        // Benefits know her by a new family name, but have her NHS number: deterministic.
        ObjectNode benefits = record("Zephyrine", "Okoro", "2017-04-09", "M14 5RG", "BENEFITS", "B-3");
        benefits.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "401 023 2137");
        as(FEED).body(benefits.toString()).post("/source-records").then().statusCode(200)
                .body("outcome", equalTo("LINKED")).body("contactPointId", equalTo(id)).body("score", nullValue());
        // The same school record again changes nothing.
        as(FEED).body(record("Zephyrin", "Quilfeather", "2017-09-04", "SE15 4QL", "SCHOOL_CENSUS", "S-9").toString())
                .post("/source-records").then().statusCode(200).body("contactPointId", equalTo(id));

        // Children's social care flags her as looked after; downstream services learn it from the event.
        ObjectNode socialCare = record("Zephyrine", "Quillfeather", "2017-04-09", "SE15 4QL", "CHILDRENS_SOCIAL_CARE",
                "CSC-5");
        socialCare.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "4010232137");
        socialCare.putArray("vulnerabilities").add("LOOKED_AFTER");
        as(FEED).body(socialCare.toString()).post("/source-records").then().statusCode(200)
                .body("contactPointId", equalTo(id));
        // Earlier links published updates too: wait for the one that carries the flag, not merely the first.
        List<ConsumerRecord<String, String>> updates = Scenario.childEvents(id, read -> read.stream()
                .anyMatch(r -> r.value() != null && r.value().contains("LOOKED_AFTER")));
        assertThat(Scenario.JSON.readTree(updates.get(updates.size() - 1).value()).path("vulnerabilities").toString())
                .isEqualTo("[\"LOOKED_AFTER\"]");

        as(LA_MANAGER).get("/children/" + id).then().statusCode(200)
                .body("identifiers.source", hasItem("SCHOOL_CENSUS"))
                .body("identifiers.source", hasItem("BENEFITS"))
                .body("name.familyName", equalTo("Quillfeather"));
        assertThat(decisions("S-9")).containsOnly("LINKED");
        assertThat(Scenario.audits(id, "VIEW_CHILD")).filteredOn(a -> a.path("action").asText().equals("VIEW_CHILD"))
                .allSatisfy(a -> assertThat(a.path("protectedChildIds").toString()).contains(id));
        as(Scenario.CASE_SYSTEM).body(health.toString()).post("/source-records").then().statusCode(403);
    }

    @Test
    void uncertainMatchesWaitForAPersonWhoseDecisionSticks() {
        String id = as(FEED).body(record("Bartholomew", "Iwu", "2012-11-23", "NE6 2AB", "HEALTH_DEMOGRAPHICS",
                "H-200").toString()).post("/source-records").then().statusCode(201).extract().path("contactPointId");

        // A nickname, a house move and a date a day out: not sure enough to link, too close to create.
        ObjectNode doubtful = record("Bart", "Iwu", "2012-11-24", "LS6 3HN", "SCHOOL_CENSUS", "S-200");
        String reviewId = as(FEED).body(doubtful.toString()).post("/source-records").then().statusCode(202)
                .body("outcome", equalTo("REVIEW")).body("contactPointId", nullValue())
                .extract().path("reviewId");
        as(FEED).body(doubtful.toString()).post("/source-records").then().statusCode(202)
                .body("reviewId", equalTo(reviewId));

        JsonPath queue = JsonPath.from(wholeQueue(LA_MANAGER));
        Map<String, Object> item = queue.getMap("find { it.id == '" + reviewId + "' }");
        assertThat(item).as("item in the queue").isNotNull();
        assertThat(queue.getString("find { it.id == '" + reviewId + "' }.candidates[0].contactPointId"))
                .isEqualTo(id);
        assertThat(queue.getList("find { it.id == '" + reviewId + "' }.candidates[0].comparisons.field"))
                .containsExactly("givenNames", "familyName", "dateOfBirth", "gender", "postcode", "carers");
        assertThat(queue.getList("find { it.id == '" + reviewId + "' }.candidates[0].comparisons.level"))
                .containsExactly("NICKNAME", "EXACT", "ONE_DIGIT", "EXACT", "DIFFERENT", "NOT_COMPARED");
        assertThat(queue.getString("find { it.id == '" + reviewId + "' }.record.givenNames")).isEqualTo("Bart");
        assertThat(JsonPath.from(wholeQueue(OTHER_LA_MANAGER)).getList("id")).doesNotContain(reviewId);
        as(LA_MANAGER).queryParam("size", "0").get("/review-items").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("size"));
        as(OTHER_LA_MANAGER).body("{\"contactPointId\":\"" + id + "\"}").post("/review-items/" + reviewId
                + "/accept").then().statusCode(403);
        as(Scenario.FEED).get("/review-items").then().statusCode(403);

        as(LA_MANAGER).body("{\"contactPointId\":\"" + id + "\"}").post("/review-items/" + reviewId + "/accept")
                .then().statusCode(200).body("outcome", equalTo("LINKED")).body("contactPointId", equalTo(id));
        as(LA_MANAGER).body("{\"contactPointId\":\"" + id + "\"}").post("/review-items/" + reviewId + "/accept")
                .then().statusCode(409);
        // The person's decision beats the matcher: the same record now links straight away.
        as(FEED).body(doubtful.toString()).post("/source-records").then().statusCode(200)
                .body("outcome", equalTo("LINKED")).body("contactPointId", equalTo(id));

        // Rejected: a new child, and the rejected candidate is never suggested for that record again.
        ObjectNode other = record("Bart", "Iwu", "2012-11-25", "LS6 3HN", "LA_CASE_SYSTEM", "L-77");
        String secondReview = as(FEED).body(other.toString()).post("/source-records").then().statusCode(202)
                .extract().path("reviewId");
        String created = as(LA_MANAGER).body("{}").post("/review-items/" + secondReview + "/reject").then()
                .statusCode(200).body("outcome", equalTo("CREATED")).extract().path("contactPointId");
        assertThat(created).isNotEqualTo(id);
        other.put("sourceId", "L-77");
        as(FEED).body(other.toString()).post("/source-records").then().statusCode(200)
                .body("contactPointId", equalTo(created));
        assertThat(Scenario.audits(reviewId, "ACCEPT_MATCH")).extracting(a -> a.path("action").asText())
                .contains("ACCEPT_MATCH");
    }

    @Test
    void aRecordThatMightBeAShieldedChildNeverCreatesAVisibleRecord() {
        String shielded = as(FEED).body(record("Marisol", "Etxeberria", "2011-08-17", "BS5 9QP", "HEALTH_DEMOGRAPHICS",
                "H-300").toString()).post("/source-records").then().statusCode(201).extract().path("contactPointId");
        as(LA_MANAGER).body("{\"reason\":\"refuge\",\"reviewDate\":\"2030-01-01\"}")
                .put("/children/" + shielded + "/shield").then().statusCode(200);
        String control = as(FEED).body(record("Valentina", "Arrizabalaga", "2011-08-17", "BS5 9QP",
                "HEALTH_DEMOGRAPHICS", "H-301").toString()).post("/source-records").then().statusCode(201)
                .extract().path("contactPointId");
        assertThat(control).isNotNull();

        // Same given name, a date one digit out, a different family name and address: weak evidence.
        as(FEED).body(record("Valentina", "Goikoetxea", "2011-08-18", "B12 0XY", "SCHOOL_CENSUS", "S-301")
                .toString()).post("/source-records").then().statusCode(201).body("outcome", equalTo("CREATED"));
        // Submitted for another local authority, queued for the shielded child's own team; nobody's review item
        // says where she lives.
        ObjectNode resembling = record("Marisol", "Goikoetxea", "2011-08-18", "B12 0XY", "SCHOOL_CENSUS", "S-300");
        resembling.put("responsibleLocalAuthority", "E08000003");
        String reviewId = as(FEED).body(resembling.toString()).post("/source-records").then().statusCode(202)
                .body("outcome", equalTo("REVIEW")).extract().path("reviewId");
        String candidate = "candidates.find { it.contactPointId == '" + shielded + "' }";
        as(OTHER_LA_MANAGER).get("/review-items/" + reviewId).then().statusCode(403);
        assertThat(wholeQueue(OTHER_LA_MANAGER)).doesNotContain(reviewId);
        JsonPath seenByOwn = as(LA_MANAGER).get("/review-items/" + reviewId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(seenByOwn.getBoolean(candidate + ".shielded")).isTrue();
        assertThat(seenByOwn.getString(candidate + ".postcode")).isNull();
        assertThat(seenByOwn.prettify()).doesNotContain("BS5");
        assertThat(wholeQueue(LA_MANAGER)).contains(reviewId).doesNotContain("BS5");
        assertThat(as(Scenario.ADMIN).get("/review-items/" + reviewId).then().statusCode(200).extract().jsonPath()
                .getString(candidate + ".postcode")).isNull();
    }

    @Test
    void anItemOfNoLocalAuthorityIsForAdministratorsAndOldShortPostcodesDoNotBreakIt() throws Exception {
        ObjectNode known = record("Bartholomew", "Nwachukwu", "2012-10-13", "NE6 2AB", "HEALTH_DEMOGRAPHICS", "H-500");
        known.remove("responsibleLocalAuthority");
        as(FEED).body(known.toString()).post("/source-records").then().statusCode(201);
        ObjectNode doubtful = record("Bart", "Nwachukwu", "2012-10-14", "LS6 3HN", "SCHOOL_CENSUS", "S-500");
        doubtful.remove("responsibleLocalAuthority");
        String reviewId = as(FEED).body(doubtful.toString()).post("/source-records").then().statusCode(202)
                .extract().path("reviewId");

        as(LA_MANAGER).get("/review-items/" + reviewId).then().statusCode(403)
                .contentType("application/problem+json");
        as(LA_MANAGER).body("{}").post("/review-items/" + reviewId + "/reject").then().statusCode(403);
        assertThat(JsonPath.from(wholeQueue(LA_MANAGER)).getList("id")).doesNotContain(reviewId);
        as(Scenario.ADMIN).get("/review-items/" + reviewId).then().statusCode(200);

        // A record stored before postcodes were checked, with only part of one.
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement update = c.prepareStatement("UPDATE match_decision SET record = jsonb_set(record,"
                     + " '{address,postcode}', '\"n1\"') WHERE id = ?::uuid")) {
            update.setString(1, reviewId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        as(Scenario.ADMIN).body("{}").post("/review-items/" + reviewId + "/reject").then().statusCode(200)
                .body("outcome", equalTo("CREATED"));
    }

    @Test
    void aBadRecordInABatchIsReportedAndTheRestGoAhead() {
        String batch = """
                {"records": [
                  %s,
                  {"givenNames":"Ottilie","familyName":"Brackenbury","dateOfBirth":"2014-02-02","gender":"FEMALE",
                   "source":"SCHOOL_CENSUS","sourceId":"BAT-2",
                   "identifiers":[{"scheme":"NHS_NUMBER","value":"4010232138"}]},
                  {"givenNames":"Ottilie","familyName":"Brackenbury","dateOfBirth":"2014-13-02","gender":"FEMALE",
                   "source":"SCHOOL_CENSUS","sourceId":"BAT-3"},
                  {"givenNames":"Ottilie","familyName":"Brackenbury","dateOfBirth":"2014-02-02","gender":"ROBOT",
                   "source":"SCHOOL_CENSUS","sourceId":"BAT-4"},
                  {"givenNames":"Ottilie","familyName":"Brackenbury","dateOfBirth":"2001-02-02","gender":"FEMALE",
                   "source":"SCHOOL_CENSUS","sourceId":"BAT-5"},
                  %s,
                  {"givenNames":"Ottilie","familyName":"Brack\\u0000enbury","dateOfBirth":"2014-02-02",
                   "gender":"FEMALE","source":"SCHOOL_CENSUS","sourceId":"BAT-7"},
                  {"givenNames":"Ottoline","familyName":"Wetherall","dateOfBirth":"2013-05-05","gender":"FEMALE",
                   "source":"SCHOOL_CENSUS","sourceId":"BAT-8"}
                ]}""".formatted(
                record("Ottilie", "Brackenbury", "2014-02-02", "L8 1TT", "SCHOOL_CENSUS", "BAT-1"),
                record("Ottilie", "Brackenbury", "2014-02-02", "L8 1TT", "HEALTH_DEMOGRAPHICS", "BAT-6"));
        JsonPath results = as(FEED).body(batch).post("/source-records/batch").then().statusCode(200)
                .extract().jsonPath();
        // Record 6 has a NUL in its name, which no database can store: refused as it is read, naming the field
        // (issue 16: before, PostgreSQL refused it as an unexpected failure), that record alone.
        assertThat(results.getList("outcome")).containsExactly("CREATED", "REJECTED", "REJECTED", "REJECTED",
                "REJECTED", "LINKED", "REJECTED", "CREATED");
        assertThat(results.getString("[6].errors[0].field")).isEqualTo("familyName");
        assertThat(results.getString("[6].errors[0].reason")).isEqualTo("contains a NUL character");
        assertThat(results.getString("[1].errors[0].field")).isEqualTo("identifiers[0].value");
        assertThat(results.getString("[2].errors[0].field")).isEqualTo("dateOfBirth");
        assertThat(results.getString("[3].errors[0].field")).isEqualTo("gender");
        assertThat(results.getString("[3].errors[0].reason")).isEqualTo("is not one of the accepted values");
        assertThat(results.getString("[4].errors[0].field")).isEqualTo("dateOfBirth");
        assertThat(results.getString("[5].contactPointId")).isEqualTo(results.getString("[0].contactPointId"));

        as(FEED).body("{\"records\": []}").post("/source-records/batch").then().statusCode(400)
                .contentType("application/problem+json");
        as(FEED).body("{\"records\": [").post("/source-records/batch").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void bulkFeedOnKafkaMatchesRecordsAndDeadLettersBadOnes() throws Exception {
        Map<String, String> headers = Map.of(CloudEventHeaders.TYPE, SourceRecordHandler.TYPE,
                CloudEventHeaders.SOURCE, "school-census");
        TestKafkaClient.send(Topics.IDENTITY_SOURCE_RECORDS, "K-1", "{\"givenNames\": \"Half", headers);
        TestKafkaClient.send(Topics.IDENTITY_SOURCE_RECORDS, "K-2",
                record("Anselm", "Vandersteen", "2003-01-01", "N7 0AA", "SCHOOL_CENSUS", "K-2").toString(), headers);
        TestKafkaClient.send(Topics.IDENTITY_SOURCE_RECORDS, "K-3",
                record("Anselm", "Vandersteen", "2015-01-01", "N7 0AA", "SCHOOL_CENSUS", "K-3").toString(),
                Map.of(CloudEventHeaders.TYPE, "identity.something-else.v1"));
        TestKafkaClient.send(Topics.IDENTITY_SOURCE_RECORDS, "K-4",
                record("Anselm", "Vandersteen", "2015-01-01", "N7 0AA", "SCHOOL_CENSUS", "K-4").toString(), headers);
        TestKafkaClient.send(Topics.IDENTITY_SOURCE_RECORDS, "K-5",
                record("Anselm", "Vandersteen", "2015-01-01", "N7 0AA", "HEALTH_DEMOGRAPHICS", "K-5").toString(),
                headers);

        // Other tests (the fuzzer) dead-letter records on the same topic: judge only this test's keys.
        Set<String> bad = Set.of("K-1", "K-2", "K-3");
        List<ConsumerRecord<String, String>> dead = TestKafkaClient.readUntil(
                Topics.deadLetter(Topics.IDENTITY_SOURCE_RECORDS), Duration.ofSeconds(30),
                read -> read.stream().filter(r -> bad.contains(r.key())).count() >= 3)
                .stream().filter(r -> bad.contains(r.key())).toList();
        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("K-1", "K-2", "K-3");
        assertThat(dead).allSatisfy(r -> assertThat(TestKafkaClient.header(r, CloudEventHeaders.DEAD_LETTER_REASON))
                .isNotBlank());
        ConsumerRecord<String, String> tooOld = dead.stream().filter(r -> "K-2".equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(TestKafkaClient.header(tooOld, CloudEventHeaders.DEAD_LETTER_REASON)).contains("dateOfBirth");

        // The good records behind the bad ones were matched into one child.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (decisions("K-5").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(decisions("K-4")).containsExactly("CREATED");
        assertThat(decisions("K-5")).containsExactly("LINKED");
    }

    private static List<String> decisions(String sourceRecordId) throws RuntimeException {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement select = c.prepareStatement(
                     "SELECT outcome FROM match_decision WHERE source_record_id = ? ORDER BY decided_at")) {
            select.setString(1, sourceRecordId);
            ResultSet rs = select.executeQuery();
            List<String> outcomes = new java.util.ArrayList<>();
            while (rs.next()) {
                outcomes.add(rs.getString(1));
            }
            return outcomes;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every page of the caller's review queue as one JSON array, following the next links (each page checked to be at
     * most the size asked for): other tests leave items in the same queue, so this one's may not be on the first page.
     */
    static String wholeQueue(String token) {
        StringBuilder items = new StringBuilder();
        String uri = "/review-items?size=20";
        for (int pages = 0; uri != null; pages++) {
            assertThat(pages).as("pages of the review queue").isLessThan(500);
            var response = as(token).get(uri).then().statusCode(200).extract();
            String page = response.asString().trim();
            assertThat(JsonPath.from(page).getList("$")).hasSizeLessThanOrEqualTo(20);
            if (page.length() > 2) {
                items.append(items.isEmpty() ? "" : ",").append(page, 1, page.length() - 1);
            }
            String link = response.header("Link");
            uri = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        }
        return "[" + items + "]";
    }
}
