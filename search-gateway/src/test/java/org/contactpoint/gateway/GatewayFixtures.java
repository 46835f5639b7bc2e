package org.contactpoint.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;

/** Builds identity and involvement events as their producers publish them, and waits for the read model. */
final class GatewayFixtures {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[][] DAMM = {
            {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3}, {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
            {1, 7, 5, 0, 9, 8, 3, 4, 2, 6}, {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
            {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7}, {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
            {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

    private GatewayFixtures() {
    }

    static String newContactPointId() {
        StringBuilder digits = new StringBuilder();
        digits.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < 9; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) {
            interim = DAMM[interim][digits.charAt(i) - '0'];
        }
        return "CP" + digits + interim;
    }

    /** A family name no other test uses, letters only. */
    static String uniqueFamilyName(String stem) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return stem + suffix;
    }

    /** A date of birth no other test uses (a random day between 2009 and 2024). */
    static LocalDate uniqueDateOfBirth() {
        return LocalDate.of(2009, 1, 1).plusDays(RANDOM.nextInt(365 * 15));
    }

    static ChildEvent child(String id, long version, String given, String family, LocalDate dob) {
        return new ChildEvent(id, version, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName(given, family), List.of(), null, dob, ChildEvent.Gender.FEMALE, null,
                new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS,
                        new ChildEvent.Address(List.of("12 Rosebery Avenue"), "London", "EC1R 4SR"), null),
                List.of(new ChildEvent.ParentCarer("Grace " + family, "MOTHER", true, "020 7946 0001",
                        "grace@example.org", null)),
                List.of(), "E09000019", null, List.of(), Instant.now());
    }

    static String sendChild(ChildEvent event, String type) {
        String eventId = UUID.randomUUID().toString();
        sendChild(event, type, eventId);
        return eventId;
    }

    static void sendChild(ChildEvent event, String type, String eventId) {
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, event.contactPointId(), write(event), headers(eventId, type));
    }

    static void sendTombstone(String contactPointId) {
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, contactPointId, null,
                headers(UUID.randomUUID().toString(), ChildEventTypes.PURGED));
    }

    static InvolvementEvent involvement(String involvementId, String childId, long version, String serviceType,
                                        String organisation, String practitioner, String phone) {
        return new InvolvementEvent(involvementId, childId, version, InvolvementEvent.Status.ACTIVE, serviceType,
                false, new InvolvementEvent.Organisation(organisation, "URN100001"),
                new InvolvementEvent.Practitioner(practitioner, "Designated Safeguarding Lead"),
                new InvolvementEvent.Contact(phone, "dsl@hillside.example.sch.uk"), LocalDate.of(2020, 9, 1), null,
                true, false, "agency-system", Instant.now());
    }

    static InvolvementEvent sensitiveInvolvement(String involvementId, String childId) {
        return new InvolvementEvent(involvementId, childId, 1, InvolvementEvent.Status.ACTIVE, null, true, null,
                null, null, null, null, false, false, "agency-system", Instant.now());
    }

    static void sendInvolvement(InvolvementEvent event) {
        TestKafkaClient.send(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, event.involvementId(), write(event),
                headers(UUID.randomUUID().toString(), InvolvementEventTypes.STARTED));
    }

    static Map<String, String> headers(String eventId, String type) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventHeaders.ID, eventId);
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, "identity-service");
        return headers;
    }

    static String write(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version of the child the read model holds, or -1. */
    static long heldVersion(String contactPointId) {
        return queryLong("SELECT version FROM child WHERE contact_point_id = ?", contactPointId);
    }

    static long involvementCount(String contactPointId) {
        return queryLong("SELECT count(*) FROM involvement WHERE contact_point_id = ?", contactPointId);
    }

    /** Whether the read model's live consumers took the message (the LA-residence consumer keeps its own rows). */
    static long inboxCount(String messageId) {
        return queryLong("SELECT count(*) FROM inbox_message WHERE message_id = ? "
                + " AND consumer IN ('search-gateway.identity-children', 'search-gateway.involvements')", messageId);
    }

    static long queryLong(String sql, String parameter) {
        try (Connection connection = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres")) {
            connection.createStatement().execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the test broker refuse every record sent to the topic (none fits its largest record size, so none is
     * acknowledged), or take them again; returns once the broker has applied the change.
     */
    static void refuseAcknowledgements(String topic, boolean refuse) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp change = refuse
                ? new AlterConfigOp(new ConfigEntry("max.message.bytes", "1"), AlterConfigOp.OpType.SET)
                : new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.kafkaBootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            admin.incrementalAlterConfigs(Map.of(resource, List.of(change))).all().get();
            await("max.message.bytes " + (refuse ? "1" : "reset") + " on " + topic, () -> {
                try {
                    String value = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                            .get("max.message.bytes").value();
                    return refuse == "1".equals(value);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Could not change " + topic, e);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A request as a user with these roles, stating DIRECT_CARE. Each user name gets its own quota. */
    static RequestSpecification as(String user, String... roles) {
        return given().header("Authorization", "Bearer " + TestTokens.user(user).roles(roles)
                        .organisation("Hillside Primary School", "URN100001").sign())
                .header("X-Purpose-Of-Use", "DIRECT_CARE");
    }
}
