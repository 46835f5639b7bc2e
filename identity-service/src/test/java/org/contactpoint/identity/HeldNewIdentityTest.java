package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.Topics;
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
import static org.contactpoint.identity.Scenario.CASE_SYSTEM;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.lastEvent;
import static org.contactpoint.identity.Scenario.record;

/**
 * Issue 16: a held new identity leaves the service only at its release. Whatever is done to it, or merged into it,
 * meanwhile stays in the service (no outbox row names it); the release publishes its state then, once, and after it
 * the merges that name it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class HeldNewIdentityTest {

    private static final Duration AFTER_EVERY_HOLD = Duration.ofHours(73);

    private final NewIdentityRelease release;

    HeldNewIdentityTest(NewIdentityRelease release) {
        this.release = release;
    }

    @Test
    void changesToAHeldNewIdentityAndMergesIntoItWaitForItsReleaseAndGoOutOnce() throws Exception {
        String oldId = as(CASE_SYSTEM).body(record("Perpetua", "Heldwick", "2015-02-03", "LS1 4AP",
                "LA_CASE_SYSTEM", "HELD-1").toString()).post("/children").then().statusCode(201)
                .extract().path("contactPointId");
        String duplicate = as(CASE_SYSTEM).body(record("Zinnia", "Quillfeather", "2015-02-03", "LS1 4AP",
                "LA_CASE_SYSTEM", "HELD-2").toString()).post("/children").then().statusCode(201)
                .extract().path("contactPointId");
        String fresh = as(LA_MANAGER).body("{\"reason\":\"adoption order\",\"givenNames\":\"Marigold\","
                        + "\"familyName\":\"Thistlewood\"}").post("/children/" + oldId + "/new-identity")
                .then().statusCode(201).extract().path("contactPointId");

        // While held: the team records the new address, and merges a duplicate record into the new identity.
        as(LA_MANAGER).body("{\"address\":{\"lines\":[\"9 Quiet Lane\"],\"town\":\"Bath\",\"postcode\":\"BA1 1LT\"}}")
                .patch("/children/" + fresh).then().statusCode(200);
        as(LA_MANAGER).body("{\"survivorId\":\"" + fresh + "\",\"mergedId\":\"" + duplicate
                + "\",\"reason\":\"the same child\"}").post("/merges").then().statusCode(201);
        assertThat(childEventsNaming(fresh)).as("child events naming the held identity before its release").isEmpty();

        release.release(Instant.now().plus(AFTER_EVERY_HOLD));
        release.release(Instant.now().plus(AFTER_EVERY_HOLD));

        List<String> published = childEventsNaming(fresh);
        assertThat(published).containsExactly(fresh + " " + ChildEventTypes.REGISTERED,
                duplicate + " " + ChildEventTypes.MERGED);
        JsonNode registered = lastEvent(fresh, ChildEventTypes.REGISTERED);
        assertThat(registered.path("whereabouts").path("address").path("postcode").asText()).isEqualTo("BA1 1LT");
        JsonNode merged = lastEvent(duplicate, ChildEventTypes.MERGED);
        assertThat(merged.path("mergedInto").asText()).isEqualTo(fresh);
    }

    /** "key type" of every outbox row for identity's child topic that names the child, in publishing order. */
    private static List<String> childEventsNaming(String contactPointId) throws Exception {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("""
                     SELECT aggregateid, type FROM outbox_event
                      WHERE aggregatetype = ? AND (aggregateid = ? OR payload::text LIKE ?) ORDER BY sequence""")) {
            s.setString(1, Topics.IDENTITY_CHILDREN);
            s.setString(2, contactPointId);
            s.setString(3, "%" + contactPointId + "%");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            return rows;
        }
    }
}
