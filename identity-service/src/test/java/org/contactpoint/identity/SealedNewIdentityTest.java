package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.identity.application.NewIdentityRelease;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.ADMIN;
import static org.contactpoint.identity.Scenario.CASE_SYSTEM;
import static org.contactpoint.identity.Scenario.FEED;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.SEALED;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.lastEvent;
import static org.contactpoint.identity.Scenario.record;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 16, item 7: a sealed new identity cannot be re-linked. It copies nothing that locates the child, takes a
 * name the old one cannot find, is published apart from the old identity's close, and whatever resembles the old
 * identity waits for the sealed-records team instead of linking to either.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SealedNewIdentityTest {

    /** Longer than the longest configured hold: every new identity made so far is due. */
    private static final Duration AFTER_EVERY_HOLD = Duration.ofHours(73);

    private final NewIdentityRelease release;

    SealedNewIdentityTest(NewIdentityRelease release) {
        this.release = release;
    }

    @Test
    void aNewIdentityTakesANewNameAndNothingThatLocatesTheChild() throws Exception {
        ObjectNode old = record("Philippa", "Quenby", "2016-08-23", "SE15 4QP", "LA_CASE_SYSTEM", "SEAL-1");
        old.put("preferredName", "Pippa");
        old.putArray("formerNames").addObject().put("givenNames", "Philippa").put("familyName", "Marchbanks")
                .put("kind", "FORMER");
        old.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "4815162344");
        String oldId = as(CASE_SYSTEM).body(old.toString()).post("/children").then().statusCode(201)
                .extract().path("contactPointId");
        as(LA_MANAGER).body("{\"parentsCarers\":[{\"name\":\"Harriet Quenby\",\"relationship\":\"mother\","
                + "\"parentalResponsibility\":true}]}").patch("/children/" + oldId).then().statusCode(200);

        // The old name is never kept by default, nor one that sounds like any name of the old identity.
        newIdentity400(oldId, "{\"reason\":\"adoption order\",\"familyName\":\"Tremayne\"}", "givenNames");
        newIdentity400(oldId, "{\"reason\":\"adoption order\",\"givenNames\":\"Filippa\",\"familyName\":\"Tremayne\"}",
                "givenNames");
        newIdentity400(oldId, "{\"reason\":\"adoption order\",\"givenNames\":\"Imogen\",\"familyName\":\"Marchbank\"}",
                "familyName");
        as(LA_MANAGER).get("/children/" + oldId).then().statusCode(200).body("status", equalTo("ACTIVE"));

        String fresh = as(LA_MANAGER).body("{\"reason\":\"adoption order\",\"givenNames\":\"Imogen\","
                        + "\"familyName\":\"Tremayne\"}").post("/children/" + oldId + "/new-identity")
                .then().statusCode(201)
                .body("name.givenNames", equalTo("Imogen")).body("name.familyName", equalTo("Tremayne"))
                .body("dateOfBirth", equalTo("2016-08-23"))
                .body("whereabouts.kind", equalTo("NO_KNOWN_ADDRESS")).body("whereabouts.address", nullValue())
                .body("formerNames", empty()).body("preferredName", nullValue())
                .body("parentsCarers", empty()).body("identifiers", empty())
                .extract().path("contactPointId");
        String body = as(LA_MANAGER).get("/children/" + fresh).then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("SE15").doesNotContain("Quenby").doesNotContain("Marchbanks")
                .doesNotContain("Pippa").doesNotContain("Harriet").doesNotContain("4815162344");

        // Once published, the new identity is in the blocking index under none of the old identity's keys.
        release.release(Instant.now().plus(AFTER_EVERY_HOLD));
        Set<String> oldKeys = matchKeys(oldId);
        Set<String> newKeys = matchKeys(fresh);
        assertThat(oldKeys).isNotEmpty();
        assertThat(newKeys).isNotEmpty().doesNotContainAnyElementsOf(oldKeys);
    }

    @Test
    void theNewIdentityIsPublishedLaterApartFromTheCloseAndRefersToNothingOld() throws Exception {
        String oldId = register("Marigold", "Fennimore", "2015-02-17", "CF10 1EP", "SEAL-2");
        Instant asked = Instant.now();
        String fresh = as(LA_MANAGER).body("{\"reason\":\"protection\",\"givenNames\":\"Beatrix\","
                        + "\"familyName\":\"Oyelaran\"}").post("/children/" + oldId + "/new-identity")
                .then().statusCode(201).extract().path("contactPointId");

        // The close goes out now; the registration is held, at least the shortest configured delay away.
        JsonNode closed = lastEvent(oldId, ChildEventTypes.CLOSED);
        List<OutboxRow> oldRows = outbox(oldId);
        assertThat(outbox(fresh)).as("outbox rows of the new identity right after it was made").isEmpty();
        Instant releaseAt = releaseAt(fresh);
        assertThat(releaseAt).isAfterOrEqualTo(asked.plus(Duration.ofHours(6)))
                .isBeforeOrEqualTo(Instant.now().plus(Duration.ofHours(72)));

        // Other traffic meanwhile; then the scheduled release publishes it, in a transaction of its own.
        register("Wilhelmina", "Strangways", "2012-12-12", "BS1 4DJ", "SEAL-3");
        assertThat(release.release(Instant.now().plus(AFTER_EVERY_HOLD))).isPositive();
        JsonNode registered = lastEvent(fresh, ChildEventTypes.REGISTERED);

        OutboxRow close = oldRows.stream().filter(r -> r.type().equals(ChildEventTypes.CLOSED)).findFirst()
                .orElseThrow();
        List<OutboxRow> freshRows = outbox(fresh);
        assertThat(freshRows).hasSize(1);
        OutboxRow open = freshRows.get(0);
        assertThat(open.type()).isEqualTo(ChildEventTypes.REGISTERED);
        assertThat(open.createdAt()).as("not written in the close's transaction").isAfter(close.createdAt());
        assertThat(open.sequence() - close.sequence()).as("not adjacent to the close").isGreaterThan(1);
        assertThat(Instant.parse(registered.path("occurredAt").asText()))
                .isAfterOrEqualTo(Instant.parse(closed.path("occurredAt").asText()).plus(Duration.ofHours(6)));

        // Nothing in the new identity's event refers to the old one.
        assertThat(registered.toString()).doesNotContain(oldId).doesNotContain("Marigold")
                .doesNotContain("Fennimore").doesNotContain("CF10").doesNotContain("SEAL-2");
        assertThat(registered.path("mergedInto").isMissingNode() || registered.path("mergedInto").isNull()).isTrue();
        assertThat(registered.path("previousResponsibleLocalAuthority").isMissingNode()
                || registered.path("previousResponsibleLocalAuthority").isNull()).isTrue();
        assertThat(registered.path("identifiers").size()).isZero();
        assertThat(registered.path("formerNames").size()).isZero();
    }

    @Test
    void recordsResemblingTheOldIdentityWaitForTheSealedRecordsTeamOnEveryPath() throws Exception {
        ObjectNode old = record("Theodora", "Wrenfield", "2017-04-09", "YO1 7HH", "LA_CASE_SYSTEM", "SEAL-4");
        old.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "4815162352");
        String oldId = as(CASE_SYSTEM).body(old.toString()).post("/children").then().statusCode(201)
                .extract().path("contactPointId");
        String fresh = as(LA_MANAGER).body("{\"reason\":\"adoption order\",\"givenNames\":\"Juniper\","
                        + "\"familyName\":\"Ashdown\"}").post("/children/" + oldId + "/new-identity")
                .then().statusCode(201).extract().path("contactPointId");
        release.release(Instant.now().plus(AFTER_EVERY_HOLD));
        // The new family records the child's new address: a record of the old name at it must still not find her.
        as(LA_MANAGER).body("{\"address\":{\"lines\":[\"9 Quiet Lane\"],\"town\":\"Bath\",\"postcode\":\"BA1 1LT\"}}")
                .patch("/children/" + fresh).then().statusCode(200);

        // Single path: the same NHS number, the same source record, a near copy of the old record.
        ObjectNode sameNhs = record("Theodora", "Wrenfield", "2017-04-09", null, "GP_SYSTEM", "SEAL-5");
        sameNhs.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "4815162352");
        pending(as(FEED).body(sameNhs.toString()).post("/source-records").then().statusCode(202).extract().jsonPath());
        pending(as(CASE_SYSTEM).body(record("Theodora", "Wrenfield", "2017-04-09", "YO1 7HH", "LA_CASE_SYSTEM",
                "SEAL-4").toString()).post("/children").then().statusCode(202).extract().jsonPath());
        pending(as(FEED).body(record("Theadora", "Wrenfield", "2017-04-09", "BA1 1LT", "SCHOOL_CENSUS", "SEAL-6")
                .toString()).post("/source-records").then().statusCode(202).extract().jsonPath());

        // Batch path: the same rule.
        ObjectNode batchNhs = record("Theodora", "Wrenfield", "2017-04-09", null, "HEALTH_DEMOGRAPHICS", "SEAL-7");
        batchNhs.putArray("identifiers").addObject().put("scheme", "NHS_NUMBER").put("value", "4815162352");
        String batch = "{\"records\":[" + batchNhs + ","
                + record("Theodora", "Wrenfield", "2017-04-10", "YO1 7HH", "EARLY_YEARS", "SEAL-8") + "]}";
        JsonPath results = as(FEED).body(batch).post("/source-records/batch").then().statusCode(200)
                .extract().jsonPath();
        assertThat(results.getList("outcome")).containsExactly("ACCEPTED_PENDING", "ACCEPTED_PENDING");
        assertThat(results.getList("contactPointId")).containsOnlyNulls();
        assertThat(results.getString("[0].reviewId")).isNull();
        assertThat(results.getString("[1].reviewId")).isNull();

        // Neither identity gained anything from them.
        as(LA_MANAGER).get("/children/" + fresh).then().statusCode(200).body("identifiers", empty());

        // Only the sealed-records team sees them, stating why.
        String sealedQueue = as(SEALED).get("/sealed-review-items?size=200").then().statusCode(200)
                .extract().asString();
        for (String sourceId : List.of("SEAL-5", "SEAL-4", "SEAL-6", "SEAL-7", "SEAL-8")) {
            assertThat(sealedQueue).contains("\"" + sourceId + "\"");
        }
        io.restassured.RestAssured.given().header("Authorization", SEALED).get("/sealed-review-items")
                .then().statusCode(400).body("errors.field", hasItem("X-Purpose-Of-Use"));
        as(LA_MANAGER).get("/sealed-review-items").then().statusCode(403);
        as(ADMIN).get("/sealed-review-items").then().statusCode(403);
        String laQueue = as(LA_MANAGER).get("/review-items?size=200").then().statusCode(200).extract().asString();
        String adminQueue = as(ADMIN).get("/review-items?size=200").then().statusCode(200).extract().asString();
        for (String sourceId : List.of("SEAL-5", "SEAL-6", "SEAL-7", "SEAL-8")) {
            assertThat(laQueue).doesNotContain("\"" + sourceId + "\"");
            assertThat(adminQueue).doesNotContain("\"" + sourceId + "\"");
        }
        String itemId = JsonPath.from(sealedQueue).getString("find { it.sourceRecordId == 'SEAL-6' }.id");
        as(ADMIN).get("/review-items/" + itemId).then().statusCode(404);
        as(ADMIN).body("{\"contactPointId\":\"" + fresh + "\"}").post("/review-items/" + itemId + "/accept")
                .then().statusCode(404);
    }

    @Test
    void aClosedIdentityMissingFromTheIndexIsPutBackInIt() throws Exception {
        String oldId = register("Cressida", "Polglase", "2014-10-30", "TR1 2HE", "SEAL-9");
        as(LA_MANAGER).body("{\"reason\":\"protection\",\"givenNames\":\"Rosalind\",\"familyName\":\"Ekwueme\"}")
                .post("/children/" + oldId + "/new-identity").then().statusCode(201);
        // As it was closed before issue 16: taken out of the blocking index.
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("""
                DELETE FROM child_match_key WHERE child_id = (SELECT id FROM child WHERE contact_point_id = ?)""")) {
            s.setString(1, oldId);
            assertThat(s.executeUpdate()).isPositive();
        }

        assertThat(release.indexClosedIdentities(10_000)).isPositive();
        assertThat(matchKeys(oldId)).isNotEmpty();
        pending(as(FEED).body(record("Cressida", "Polglase", "2014-10-30", "TR1 2HE", "SCHOOL_CENSUS", "SEAL-10")
                .toString()).post("/source-records").then().statusCode(202).extract().jsonPath());
    }

    private static void pending(JsonPath answer) {
        assertThat(answer.getString("outcome")).isEqualTo("ACCEPTED_PENDING");
        assertThat(answer.getString("contactPointId")).isNull();
        assertThat(answer.getString("reviewId")).isNull();
    }

    private static void newIdentity400(String contactPointId, String body, String field) {
        as(LA_MANAGER).body(body).post("/children/" + contactPointId + "/new-identity").then()
                .log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    private static String register(String given, String family, String dob, String postcode, String sourceId) {
        return as(CASE_SYSTEM).body(record(given, family, dob, postcode, "LA_CASE_SYSTEM", sourceId).toString())
                .post("/children").then().statusCode(201).extract().path("contactPointId");
    }

    private record OutboxRow(long sequence, String type, Instant createdAt) {
    }

    private static List<OutboxRow> outbox(String contactPointId) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(
                "SELECT sequence, type, created_at FROM outbox_event WHERE aggregateid = ? ORDER BY sequence")) {
            s.setString(1, contactPointId);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
            return rows;
        }
    }

    private static Instant releaseAt(String contactPointId) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(
                "SELECT release_at FROM child WHERE contact_point_id = ?")) {
            s.setString(1, contactPointId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Timestamp at = rs.getTimestamp(1);
                return at == null ? null : at.toInstant();
            }
        }
    }

    private static Set<String> matchKeys(String contactPointId) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("""
                SELECT k.key FROM child_match_key k JOIN child c ON c.id = k.child_id
                 WHERE c.contact_point_id = ? AND k.key NOT LIKE 'bx:%'""")) {
            // bx: only counts the children born that day (the new identity keeps the date of birth by design).
            s.setString(1, contactPointId);
            Set<String> keys = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        }
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
    }
}
