package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.ADMIN;
import static org.contactpoint.identity.Scenario.CASE_SYSTEM;
import static org.contactpoint.identity.Scenario.FEED;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.SEALED;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.audits;
import static org.contactpoint.identity.Scenario.lastEvent;
import static org.contactpoint.identity.Scenario.record;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 16: the sealed-records team settles what resembles a closed identity. The same child: the record stays with
 * the closed identity, nothing is published and its later records come back to the team. Not the same child: the
 * record is matched again without the closed identity. Nobody else may settle, and each settlement is audited.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SealedReviewSettlementTest {

    private static final Duration AFTER_EVERY_HOLD = Duration.ofHours(73);

    private final NewIdentityRelease release;

    SealedReviewSettlementTest(NewIdentityRelease release) {
        this.release = release;
    }

    @Test
    void theSealedRecordsTeamSettlesAnItemAsTheSameChildOrNotAndNobodyElseCan() throws Exception {
        String oldId = as(CASE_SYSTEM).body(record("Ottoline", "Brackenbury", "2016-05-17", "NR2 4TT",
                "LA_CASE_SYSTEM", "SETTLE-1").toString()).post("/children").then().statusCode(201)
                .extract().path("contactPointId");
        String fresh = as(LA_MANAGER).body("{\"reason\":\"adoption order\",\"givenNames\":\"Wilhelmina\","
                        + "\"familyName\":\"Fairweather\"}").post("/children/" + oldId + "/new-identity")
                .then().statusCode(201).extract().path("contactPointId");
        release.release(Instant.now().plus(AFTER_EVERY_HOLD));
        String same = record("Ottoline", "Brackenbury", "2016-05-17", "NR2 4TT", "SCHOOL_CENSUS", "SETTLE-2")
                .toString();
        String other = record("Ottilie", "Brackenbury", "2016-05-17", "NR2 4TT", "GP_SYSTEM", "SETTLE-3").toString();
        as(FEED).body(same).post("/source-records").then().statusCode(202).body("outcome", equalTo("ACCEPTED_PENDING"));
        as(FEED).body(other).post("/source-records").then().statusCode(202).body("outcome", equalTo("ACCEPTED_PENDING"));
        String sameItem = sealedItem("SETTLE-2");
        String otherItem = sealedItem("SETTLE-3");

        // Only the sealed-records team settles, and only with one of the item's closed identities.
        String closed = "{\"contactPointId\":\"" + oldId + "\"}";
        as(LA_MANAGER).body(closed).post("/sealed-review-items/" + sameItem + "/same-child").then().statusCode(403);
        as(ADMIN).body(closed).post("/sealed-review-items/" + sameItem + "/same-child").then().statusCode(403);
        as(ADMIN).post("/sealed-review-items/" + otherItem + "/not-same-child").then().statusCode(403);
        as(SEALED).body("{\"contactPointId\":\"" + fresh + "\"}").post("/sealed-review-items/" + sameItem
                + "/same-child").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("contactPointId"));

        // The same child: kept with the closed identity, nothing published, audited naming the closed identity only.
        as(SEALED).body(closed).post("/sealed-review-items/" + sameItem + "/same-child").then().statusCode(200)
                .body("decision", equalTo("SAME_CHILD")).body("contactPointId", equalTo(oldId));
        as(SEALED).body(closed).post("/sealed-review-items/" + sameItem + "/same-child").then().statusCode(409);
        assertThat(childEventTypes(oldId)).containsExactly(ChildEventTypes.REGISTERED, ChildEventTypes.CLOSED);
        List<JsonNode> settled = audits(oldId, "SETTLE_SEALED_REVIEW").stream()
                .filter(a -> a.path("action").asText().equals("SETTLE_SEALED_REVIEW")).toList();
        assertThat(settled).hasSize(1);
        assertThat(settled.get(0).path("childIds").toString()).isEqualTo("[\"" + oldId + "\"]");
        assertThat(sealedQueue()).doesNotContain(sameItem);
        // Its source's later records are that child's: back to the team, never answered with an ID.
        as(FEED).body(same).post("/source-records").then().statusCode(202)
                .body("outcome", equalTo("ACCEPTED_PENDING")).body("contactPointId", equalTo(null));
        sealedItem("SETTLE-2");

        // Not the same child: matched again without the closed identity (here: a child of its own).
        JsonPath notSame = as(SEALED).post("/sealed-review-items/" + otherItem + "/not-same-child").then()
                .statusCode(200).body("decision", equalTo("NOT_SAME_CHILD"))
                .body("registration.outcome", equalTo("CREATED")).extract().jsonPath();
        String created = notSame.getString("contactPointId");
        assertThat(created).isNotIn(oldId, fresh);
        assertThat(lastEvent(created, ChildEventTypes.REGISTERED).path("name").path("givenNames").asText())
                .isEqualTo("Ottilie");
        as(FEED).body(other).post("/source-records").then().statusCode(200)
                .body("outcome", equalTo("LINKED")).body("contactPointId", equalTo(created));
        assertThat(sealedQueue()).doesNotContain("\"SETTLE-3\"");
        as(SEALED).post("/sealed-review-items/" + otherItem + "/not-same-child").then().statusCode(409);
    }

    private static String sealedQueue() {
        return as(SEALED).get("/sealed-review-items?size=200").then().statusCode(200).extract().asString();
    }

    /** The pending sealed item of this source record. */
    private static String sealedItem(String sourceRecordId) {
        String id = JsonPath.from(sealedQueue()).getString("find { it.sourceRecordId == '" + sourceRecordId + "' }.id");
        assertThat(id).as("a pending sealed item for " + sourceRecordId).isNotNull();
        return id;
    }

    private static List<String> childEventTypes(String contactPointId) throws Exception {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("""
                     SELECT type FROM outbox_event WHERE aggregatetype = 'identity.children.v1' AND aggregateid = ?
                      ORDER BY sequence""")) {
            s.setString(1, contactPointId);
            List<String> types = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
            return types;
        }
    }
}
