package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** Builds and sends audit events the way the other services publish them, and reads what audit-service published. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Wednesday 18 November 2026, 10:00 in London: inside working hours. */
    static final Instant WORKING_HOURS = Instant.parse("2026-11-18T10:00:00Z");

    private Fixtures() {
    }

    static String newChildId() {
        String digits = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L));
        return "CP" + digits + ContactPointIds.checkDigit(digits);
    }

    static AuditEvent.Actor actor(String userId, String name) {
        return new AuditEvent.Actor(userId, name, List.of("practitioner"), "Hillside Primary School", "URN100001",
                "E09000033");
    }

    static AuditEvent search(String userId, String name, String familyName, Instant at, String... childIds) {
        return AuditEvent.builder(UUID.randomUUID().toString(), at, "search-gateway", actor(userId, name))
                .action("SEARCH").purpose("DIRECT_CARE")
                .query(Map.of("familyName", familyName, "dateOfBirth", "2016-03-14")).children(List.of(childIds))
                .build();
    }

    static AuditEvent view(String userId, String name, Instant at, String childId, boolean shielded,
                           String breakGlassReason, List<String> protectedChildIds) {
        return AuditEvent.builder(UUID.randomUUID().toString(), at, "search-gateway", actor(userId, name))
                .action("VIEW_RECORD").purpose("DIRECT_CARE").query(Map.of("contactPointId", childId)).child(childId)
                .breakGlass(breakGlassReason).shieldedAccessed(shielded).protectedChildren(protectedChildIds).build();
    }

    static void send(String topic, AuditEvent event) {
        send(topic, event.eventId(), json(event), AuditEvent.TYPE);
    }

    static void send(String topic, String ceId, String value, String type) {
        TestKafkaClient.send(topic, ceId, value, Map.of(CloudEventHeaders.ID, ceId, CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SOURCE, "test"));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a topic from the beginning until some record satisfies {@code wanted}; returns every record read. */
    static List<ConsumerRecord<String, String>> readUntilAny(String topic, Predicate<ConsumerRecord<String, String>> wanted) {
        return TestKafkaClient.readUntil(topic, Duration.ofSeconds(30), read -> read.stream().anyMatch(wanted));
    }

    /** The values on a topic (from the beginning) that mention {@code text}, once {@code enough} of them are there. */
    static List<JsonNode> valuesMentioning(String topic, String text, int enough) {
        List<ConsumerRecord<String, String>> read = TestKafkaClient.readUntil(topic, Duration.ofSeconds(30),
                records -> records.stream().filter(r -> r.value() != null && r.value().contains(text)).count() >= enough);
        List<JsonNode> values = new ArrayList<>();
        read.stream().filter(r -> r.value() != null && r.value().contains(text)).forEach(r -> values.add(tree(r.value())));
        return values;
    }

    /** A connection as the database superuser, the way a DBA would connect. */
    static Connection superuser() throws SQLException {
        return DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
    }

    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** Tells audit-service about a child as identity-service would (identity.children.v1). */
    static void child(String id, long version, boolean shielded, List<ChildEvent.Vulnerability> flags, String la) {
        child(id, version, shielded, flags, la, Map.of());
    }

    /** As {@link #child(String, long, boolean, List, String)}, with more headers (a {@code traceparent}). */
    static void child(String id, long version, boolean shielded, List<ChildEvent.Vulnerability> flags, String la,
                      Map<String, String> moreHeaders) {
        ChildEvent event = new ChildEvent(id, version, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName("Amara", "Okafor"), List.of(), null, LocalDate.of(2016, 3, 14),
                ChildEvent.Gender.FEMALE, null, null, List.of(), List.of(), la,
                shielded ? new ChildEvent.Shield(Instant.parse("2026-01-01T00:00:00Z"), LocalDate.of(2027, 1, 1)) : null,
                flags, Instant.parse("2026-11-01T00:00:00Z"));
        Map<String, String> headers = new java.util.HashMap<>(moreHeaders);
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.TYPE, ChildEventTypes.UPDATED);
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, id, json(event), headers);
    }

    /** The responsible LA and shield audit-service holds for the child ("LA shielded"); empty when it holds none. */
    static String profile(String child) {
        try (var c = superuser(); var rs = c.createStatement().executeQuery(
                "SELECT responsible_local_authority, shielded FROM child_profile WHERE child_id = '" + child + "'")) {
            return rs.next() ? rs.getString(1) + " " + rs.getBoolean(2) : "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many rows a query counts, asked as the superuser. */
    static long count(String sql) {
        try (var c = superuser(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Kafka header as the services write it (UTF-8). */
    static void header(org.apache.kafka.common.header.internals.RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code bytes} random bytes as lower-case hex: run prefixes, trace and span ids. */
    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }
}
