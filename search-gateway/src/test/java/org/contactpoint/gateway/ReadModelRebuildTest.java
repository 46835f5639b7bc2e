package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.as;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;
import static org.contactpoint.gateway.GatewayFixtures.sendChild;
import static org.hamcrest.Matchers.greaterThan;

/** The read model can be thrown away and rebuilt from the topics, and comes back the same. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ReadModelRebuildTest {

    private static final List<String> SNAPSHOT = List.of(
            """
            SELECT (contact_point_id, version, status, merged_into, given_names, family_name, preferred_name,
                    former_names, date_of_birth, gender, date_of_death, whereabouts, parents_carers, identifiers,
                    responsible_local_authority, shielded, search_postcode, vulnerabilities)::text
            FROM child""",
            "SELECT child_search::text FROM child_search",
            "SELECT child_identifier::text FROM child_identifier",
            """
            SELECT (involvement_id, contact_point_id, version, status, service_type, sensitive, organisation_name,
                    organisation_code, practitioner_name, practitioner_role, contact_phone, contact_email,
                    start_date, end_date, lead_professional, caf_held)::text
            FROM involvement""",
            "SELECT contact_point_id FROM purged_child",
            // When each child came under its authority (the LA team's "moved in" report) is rebuilt with the rest.
            "SELECT local_authority_residence::text FROM local_authority_residence");

    @Test
    void rebuiltReadModelEqualsTheLiveOneAndInvalidEventsAreDeadLettered() throws Exception {
        // Some history of its own: a child, an update, a purge, and an event no one can read.
        String id = newContactPointId();
        String purged = newContactPointId();
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        sendChild(GatewayFixtures.child(id, 1, "Rhea", GatewayFixtures.uniqueFamilyName("Rebuild"), dob),
                ChildEventTypes.REGISTERED);
        sendChild(GatewayFixtures.child(purged, 1, "Gone", GatewayFixtures.uniqueFamilyName("Rebuild"), dob),
                ChildEventTypes.REGISTERED);
        GatewayFixtures.sendInvolvement(GatewayFixtures.involvement(UUID.randomUUID().toString(), id, 1, "SCHOOL",
                "Hillside Primary School", "Mr Daniel Reyes", "020 7946 0100"));
        GatewayFixtures.sendTombstone(purged);
        String broken = newContactPointId();
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, broken, "{\"contactPointId\": \"" + broken + "\", \"version\": ",
                GatewayFixtures.headers(UUID.randomUUID().toString(), ChildEventTypes.REGISTERED));
        await("child and involvement", () -> heldVersion(id) == 1 && GatewayFixtures.involvementCount(id) == 1);

        List<ConsumerRecord<String, String>> dead = TestKafkaClient.readUntil(Topics.deadLetter(Topics.IDENTITY_CHILDREN),
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> broken.equals(r.key())));
        ConsumerRecord<String, String> deadLetter = dead.stream().filter(r -> broken.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("the unreadable event was not dead-lettered"));
        assertThat(TestKafkaClient.header(deadLetter, CloudEventHeaders.DEAD_LETTER_REASON)).contains("ChildEvent");

        List<String> live = stableSnapshot();
        assertThat(live).anyMatch(row -> row.contains(id)).noneMatch(row -> row.startsWith("(" + purged));

        as("admin-rebuild", "administrator").header("X-Purpose-Of-Use", "ADMINISTRATION")
                .post("/admin/read-model/rebuild")
                .then().statusCode(200)
                .body("childEvents", greaterThan(0)).body("skippedInvalid", greaterThan(0));

        assertThat(snapshot()).isEqualTo(live);
        as("teacher-rebuild", "practitioner").get("/children/" + id).then().statusCode(200);
        as("teacher-rebuild", "practitioner").post("/admin/read-model/rebuild").then().statusCode(403);
    }

    @Test
    void aChildEventWhoseKeyIsNotItsContactPointIdIsDeadLettered() {
        // The key fixes the partition, so the order of one child's events: an event filed under another child's key
        // could overtake or be overtaken by that child's own events, and must not be applied.
        String keyed = newContactPointId();
        String inPayload = newContactPointId();
        String eventId = UUID.randomUUID().toString();
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, keyed, GatewayFixtures.write(GatewayFixtures.child(inPayload, 1,
                        "Mislaid", GatewayFixtures.uniqueFamilyName("Keyed"), GatewayFixtures.uniqueDateOfBirth())),
                GatewayFixtures.headers(eventId, ChildEventTypes.REGISTERED));

        List<ConsumerRecord<String, String>> dead = TestKafkaClient.readUntil(Topics.deadLetter(Topics.IDENTITY_CHILDREN),
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> keyed.equals(r.key())));
        ConsumerRecord<String, String> deadLetter = dead.stream().filter(r -> keyed.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("the mis-keyed event was not dead-lettered"));
        assertThat(TestKafkaClient.header(deadLetter, CloudEventHeaders.DEAD_LETTER_REASON)).contains("does not match");
        assertThat(heldVersion(inPayload)).isEqualTo(-1);
        assertThat(heldVersion(keyed)).isEqualTo(-1);
    }

    /** The read model once the consumers have caught up: two snapshots a second apart agree. */
    private static List<String> stableSnapshot() throws Exception {
        List<String> previous = snapshot();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            List<String> current = snapshot();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        throw new AssertionError("the read model did not settle");
    }

    private static List<String> snapshot() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            for (String query : SNAPSHOT) {
                List<String> table = new ArrayList<>();
                try (ResultSet result = statement.executeQuery(query)) {
                    while (result.next()) {
                        table.add(result.getString(1));
                    }
                }
                table.sort(null);
                rows.add("-- " + query.lines().reduce((a, b) -> b).orElse(""));
                rows.addAll(table);
            }
        }
        return rows;
    }
}
