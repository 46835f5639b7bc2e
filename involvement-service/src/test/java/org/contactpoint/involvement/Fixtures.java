package org.contactpoint.involvement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the scenarios share: children announced on identity's topic, submissions, and reading what was published. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20);

    /** Agency systems bound, as every credential is, to one organisation: the one their submissions are for. */
    static final String SCHOOL_AGENCY = agencyOf("Hillside Primary School", "URN100001");
    static final String GP_AGENCY = agencyOf("Rosebery Medical Practice", "F83999");
    static final String CLINIC_AGENCY = agencyOf("Angel Young People's Clinic", "RV3YP");

    private Fixtures() {
    }

    /** A bearer header for the agency system of this organisation ({@code org} and {@code org_code} claims). */
    static String agencyOf(String organisation, String code) {
        return "Bearer " + TestTokens.user("agency-system").roles("agency-system").organisation(organisation, code)
                .sign();
    }

    /** The bearer header of the agency system of the organisation a submission body names. */
    static String agencyFor(String body) {
        JsonNode organisation = json(body).path("organisation");
        return agencyOf(organisation.path("name").asText(), organisation.path("code").asText());
    }

    /** A ContactPoint ID no other scenario uses, with a correct check digit. */
    static String newChildId() {
        String digits = String.valueOf(100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
        return "CP" + digits + ContactPointIds.checkDigit(digits);
    }

    /** A ContactPoint ID with its check digit wrong. */
    static String withBadCheckDigit(String id) {
        int wrong = (id.charAt(11) - '0' + 1) % 10;
        return id.substring(0, 11) + wrong;
    }

    /** Announces a child's state on identity.children.v1, as identity-service would. */
    static void sendChild(String id, long version, String status, String mergedInto, String localAuthority,
                          String... schemeValuePairs) {
        sendChild(id, version, status, mergedInto, localAuthority, false, schemeValuePairs);
    }

    /** As identity-service announces a shielded child: with {@code shield} (never its reason). */
    static void sendShieldedChild(String id, long version, String localAuthority) {
        sendChild(id, version, "ACTIVE", null, localAuthority, true);
    }

    private static void sendChild(String id, long version, String status, String mergedInto, String localAuthority,
                                  boolean shielded, String... schemeValuePairs) {
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, id,
                childJson(id, version, status, mergedInto, localAuthority, shielded, schemeValuePairs),
                childHeaders(status, version));
    }

    /** A child's state as identity-service publishes it on identity.children.v1. */
    static String childJson(String id, long version, String status, String mergedInto, String localAuthority,
                            boolean shielded, String... schemeValuePairs) {
        ObjectNode child = JSON.createObjectNode();
        child.put("contactPointId", id).put("version", version).put("status", status);
        if (mergedInto != null) {
            child.put("mergedInto", mergedInto);
        }
        child.putObject("name").put("givenNames", "Test").put("familyName", "Child");
        child.put("dateOfBirth", "2015-05-05");
        ArrayNode identifiers = child.putArray("identifiers");
        for (int i = 0; i + 1 < schemeValuePairs.length; i += 2) {
            identifiers.addObject().put("scheme", schemeValuePairs[i]).put("value", schemeValuePairs[i + 1])
                    .put("source", "TEST");
        }
        if (localAuthority != null) {
            child.put("responsibleLocalAuthority", localAuthority);
        }
        if (shielded) {
            child.putObject("shield").put("since", "2026-11-01T09:00:00Z").put("reviewDate", "2027-05-01");
        }
        child.put("someFieldAddedLater", "ignored by readers");
        child.put("occurredAt", "2026-11-22T09:00:00Z");
        return child.toString();
    }

    /** The CloudEvents headers of a child event (a fresh id each time). */
    static Map<String, String> childHeaders(String status, long version) {
        String type = switch (status) {
            case "MERGED" -> "identity.child.merged.v1";
            default -> version == 1 ? "identity.child.registered.v1" : "identity.child.updated.v1";
        };
        return Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SOURCE, "identity-service");
    }

    static void purgeChild(String id) {
        TestKafkaClient.send(Topics.IDENTITY_CHILDREN, id, null, Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE,
                "identity.child.purged.v1", CloudEventHeaders.SOURCE, "identity-service"));
    }

    /** Announces the child and waits until the service has applied that version. */
    static void knownChild(String id, long version, String localAuthority, String... identifiers) {
        sendChild(id, version, "ACTIVE", null, localAuthority, identifiers);
        awaitChildVersion(id, version);
    }

    static void awaitChildVersion(String id, long version) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Long known = queryLong("SELECT version FROM known_child WHERE contact_point_id = ?", id);
            if (known != null && known >= version) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("involvement-service never applied version " + version + " of " + id);
    }

    static Long queryLong(String sql, String parameter) {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The walking skeleton's body, for another child and submission. */
    static String schoolSubmission(String submissionId, String childId, boolean lead) {
        return """
                {"submissionId":"%s","contactPointId":"%s","serviceType":"SCHOOL",\
                "organisation":{"name":"Hillside Primary School","code":"URN100001"},\
                "practitioner":{"name":"Mr Daniel Reyes","role":"Designated Safeguarding Lead"},\
                "contact":{"phone":"020 7946 0100","email":"dsl@hillside.example.sch.uk"},\
                "startDate":"2020-09-01","leadProfessional":%s,"cafHeld":false}""".formatted(submissionId, childId,
                lead);
    }

    static String gpSubmission(String submissionId, String childId, boolean lead, boolean replacesLead) {
        return """
                {"submissionId":"%s","contactPointId":"%s","serviceType":"GP",\
                "organisation":{"name":"Rosebery Medical Practice","code":"F83999"},\
                "practitioner":{"name":"Dr Samuel Adeyemi","role":"General Practitioner"},\
                "contact":{"phone":"020 7946 0200"},\
                "startDate":"2016-04-02","leadProfessional":%s,"replacesLead":%s,"cafHeld":true}"""
                .formatted(submissionId, childId, lead, replacesLead);
    }

    /** The header every read of a child's data carries: why the caller is looking. */
    static final String PURPOSE = "X-Purpose-Of-Use";

    /** A request of this caller that states a purpose, as every read of a child's data must. */
    static io.restassured.specification.RequestSpecification reading(String bearer) {
        return io.restassured.RestAssured.given().header("Authorization", bearer).header(PURPOSE, "DIRECT_CARE");
    }

    /** A practitioner of this organisation, who reads its inbox. */
    static String practitionerOf(String organisation, String code) {
        return "Bearer " + TestTokens.user("staff-" + code).roles("practitioner").organisation(organisation, code)
                .sign();
    }

    static final String HILLSIDE_STAFF = practitionerOf("Hillside Primary School", "URN100001");
    static final String ROSEBERY_STAFF = practitionerOf("Rosebery Medical Practice", "F83999");

    /** An organisation no other scenario uses, so its inbox holds only what this scenario caused. */
    record Organisation(String name, String code) {

        static Organisation unique(String kind) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            return new Organisation(kind + " " + suffix, "T" + suffix.toUpperCase());
        }

        /** Its agency system's bearer header. */
        String agency() {
            return agencyOf(name, code);
        }

        /** A practitioner of it. */
        String practitioner() {
            return "Bearer " + TestTokens.user("staff-" + code).roles("practitioner").organisation(name, code).sign();
        }

        /** A non-lead submission of this organisation for the child. */
        String submission(String submissionId, String childId, String serviceType) {
            return """
                    {"submissionId":"%s","contactPointId":"%s","serviceType":"%s",\
                    "organisation":{"name":"%s","code":"%s"},\
                    "contact":{"phone":"020 7946 0999"},"startDate":"2024-01-01","leadProfessional":false,\
                    "cafHeld":false}""".formatted(submissionId, childId, serviceType, name, code);
        }
    }

    /** A local authority code no other scenario uses. */
    static String uniqueLocalAuthority() {
        return "E" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    /** The bearer header of a member of this local authority's management team. */
    static String laTeamOf(String localAuthority) {
        return "Bearer " + TestTokens.user("la-" + localAuthority).roles("la-management")
                .localAuthority(localAuthority).sign();
    }

    /** Every notification in the caller's inbox, page by page, in the order the inbox gives them. */
    static List<JsonNode> inbox(String bearer) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            String body = io.restassured.RestAssured.given().header("Authorization", bearer)
                    .header(PURPOSE, "DIRECT_CARE").queryParam("page", page).queryParam("size", 200)
                    .get("/notifications").then().statusCode(200).extract().asString();
            JsonNode items = json(body);
            items.forEach(all::add);
            if (items.size() < 200) {
                return all;
            }
        }
        return all;
    }

    /** The notifications in the caller's inbox about this child. */
    static List<JsonNode> inbox(String bearer, String childId) {
        return inbox(bearer).stream().filter(n -> childId.equals(n.path("contactPointId").asText())).toList();
    }

    static String uniqueSubmissionId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Reads a topic from the beginning until {@code done} holds for the records with this key, or the wait ends. */
    static List<ConsumerRecord<String, String>> readKey(String topic, String key,
                                                        Predicate<List<ConsumerRecord<String, String>>> done) {
        return readKey(topic, key, WAIT, done);
    }

    static List<ConsumerRecord<String, String>> readKey(String topic, String key, Duration wait,
                                                        Predicate<List<ConsumerRecord<String, String>>> done) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + wait.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    sleep(200);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key == null || key.equals(record.key())) {
                        matching.add(record);
                    }
                }
                if (done.test(matching)) {
                    break;
                }
            }
        }
        return matching;
    }

    /** Waits until the records with this key hold {@code count} of a CloudEvents type; returns all with the key. */
    static List<ConsumerRecord<String, String>> awaitTypes(String topic, String key, String type, int count) {
        List<ConsumerRecord<String, String>> records = readKey(topic, key,
                read -> read.stream().filter(r -> type.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE)))
                        .count() >= count);
        long found = records.stream().filter(r -> type.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE)))
                .count();
        if (found < count) {
            throw new AssertionError("expected " + count + " " + type + " on " + topic + " for " + key + ", found "
                    + found + ": " + records.stream().map(ConsumerRecord::value).toList());
        }
        return records;
    }

    /**
     * One child's records on involvement.involvements.v2 (keyed by involvement id), read from the beginning until
     * {@code done} holds for them: those whose payload names the child (every child when null) and the tombstones of
     * the involvements those name.
     */
    static List<ConsumerRecord<String, String>> readInvolvementEvents(String child, Duration wait,
                                                                      Predicate<List<ConsumerRecord<String, String>>> done) {
        return ofChild(readKey(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, null, wait,
                read -> done.test(ofChild(read, child))), child);
    }

    static List<ConsumerRecord<String, String>> readInvolvementEvents(String child,
                                                                      Predicate<List<ConsumerRecord<String, String>>> done) {
        return readInvolvementEvents(child, WAIT, done);
    }

    /** Waits until one child's involvement records hold {@code count} of a CloudEvents type; returns all of them. */
    static List<ConsumerRecord<String, String>> awaitInvolvementEvents(String child, String type, int count) {
        List<ConsumerRecord<String, String>> records = readInvolvementEvents(child,
                read -> read.stream().filter(r -> type.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE)))
                        .count() >= count);
        long found = records.stream().filter(r -> type.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE)))
                .count();
        if (found < count) {
            throw new AssertionError("expected " + count + " " + type + " on " + Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID
                    + " for " + child + ", found " + found + ": " + records.stream().map(ConsumerRecord::value).toList());
        }
        return records;
    }

    /** The tombstones among these records (removed involvements), each with the removed type. */
    static List<ConsumerRecord<String, String>> tombstones(List<ConsumerRecord<String, String>> records) {
        List<ConsumerRecord<String, String>> tombstones = records.stream().filter(r -> r.value() == null).toList();
        tombstones.forEach(t -> assertThat(TestKafkaClient.header(t, CloudEventHeaders.TYPE))
                .isEqualTo(InvolvementEventTypes.REMOVED));
        return tombstones;
    }

    private static List<ConsumerRecord<String, String>> ofChild(List<ConsumerRecord<String, String>> records,
                                                                String child) {
        Set<String> involvements = new HashSet<>();
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                if (involvements.contains(record.key())) {
                    matching.add(record);
                }
            } else if (child == null || child.equals(json(record.value()).path("contactPointId").asText())) {
                involvements.add(record.key());
                matching.add(record);
            }
        }
        return matching;
    }

    static List<JsonNode> payloads(List<ConsumerRecord<String, String>> records, String type) {
        return records.stream().filter(r -> type.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE)))
                .map(r -> json(r.value())).toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> headers(String... pairs) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            headers.put(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
