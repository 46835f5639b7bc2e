package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.Topics;
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
import static org.contactpoint.identity.Scenario.JSON;
import static org.contactpoint.identity.Scenario.LA_MANAGER;
import static org.contactpoint.identity.Scenario.SEALED;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.record;

/**
 * Issue 16 items 7 and 2 of session 10: no audit record names a held new identity before its release. What is done to
 * it meanwhile is audited at once, as always, but under the sealed link's audit reference (an opaque id the
 * sealed-records team resolves through the link), never its ContactPoint ID, nor the old identity's: a trail reader
 * cannot pair the two, neither by an ID nor through a child merged into the new identity.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class HeldIdentityAuditTest {

    private static final Duration AFTER_EVERY_HOLD = Duration.ofHours(73);

    private final NewIdentityRelease release;

    HeldIdentityAuditTest(NewIdentityRelease release) {
        this.release = release;
    }

    @Test
    void accessesToAHeldNewIdentityAreAuditedUnderItsSealedReferenceAndNameItOnlyAfterItsRelease() throws Exception {
        String oldId = as(CASE_SYSTEM).body(record("Ottoline", "Sealbury", "2014-06-07", "LS2 7EW",
                "LA_CASE_SYSTEM", "HELD-AUDIT-1").toString()).post("/children").then().statusCode(201)
                .extract().path("contactPointId");
        String duplicate = as(CASE_SYSTEM).body(record("Clementine", "Yarrowby", "2014-06-07", "LS2 7EW",
                "LA_CASE_SYSTEM", "HELD-AUDIT-2").toString()).post("/children").then().statusCode(201)
                .extract().path("contactPointId");
        String fresh = as(LA_MANAGER).body("{\"reason\":\"adoption order\",\"givenNames\":\"Rosalind\","
                        + "\"familyName\":\"Brackenridge\"}").post("/children/" + oldId + "/new-identity")
                .then().statusCode(201).extract().path("contactPointId");

        // While held: the team reads the new record, records its new address and merges a duplicate into it.
        as(LA_MANAGER).get("/children/" + fresh).then().statusCode(200);
        as(LA_MANAGER).body("{\"address\":{\"lines\":[\"3 Hidden Row\"],\"town\":\"Wells\",\"postcode\":\"BA5 2PD\"}}")
                .patch("/children/" + fresh).then().statusCode(200);
        as(LA_MANAGER).body("{\"survivorId\":\"" + fresh + "\",\"mergedId\":\"" + duplicate
                + "\",\"reason\":\"the same child\"}").post("/merges").then().statusCode(201);

        assertThat(auditEventsMentioning(fresh)).as("audit events naming the held identity before its release")
                .isEmpty();
        String reference = as(SEALED).get("/children/" + oldId + "/sealed-links").then().statusCode(200)
                .extract().path("find { it.direction == 'NEW_IDENTITY' }.auditReference");
        assertThat(reference).isNotBlank();
        List<JsonNode> held = auditEventsMentioning(reference).stream().map(HeldIdentityAuditTest::json).toList();
        assertThat(held).extracting(e -> e.path("action").asText())
                .contains("VIEW_CHILD", "UPDATE_CHILD", "MERGE_CHILDREN");
        // Audited at once, by who did it (the team's three, and the sealed-records officer's read of the links);
        // naming neither identity (the merged duplicate alone is a child of its own).
        assertThat(held).filteredOn(e -> !"VIEW_SEALED_LINKS".equals(e.path("action").asText()))
                .extracting(e -> e.path("actor").path("userId").asText()).containsOnly("la-manager");
        assertThat(held).allSatisfy(e -> {
            assertThat(e.toString()).doesNotContain(oldId).doesNotContain(fresh);
            assertThat(e.path("query").path("heldIdentity").asText()).isEqualTo(reference);
        });

        release.release(Instant.now().plus(AFTER_EVERY_HOLD));
        assertThat(auditEventsMentioning(fresh)).as("the release's own audit event").hasSize(1);
    }

    /** The payloads of identity's audit outbox rows containing {@code text}, in the order they were recorded. */
    private static List<String> auditEventsMentioning(String text) throws Exception {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("""
                     SELECT payload::text FROM outbox_event
                      WHERE aggregatetype = ? AND payload::text LIKE ? ORDER BY sequence""")) {
            s.setString(1, Topics.IDENTITY_AUDIT_EVENTS);
            s.setString(2, "%" + text + "%");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
