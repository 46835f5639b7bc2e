package org.contactpoint.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Shared vocabulary of the scenario tests: who calls, what they send, what crossed Kafka. */
final class Scenario {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String LA = "E09000019";
    static final String CASE_SYSTEM = TestTokens.bearer("case-system", "case-management");
    static final String FEED = TestTokens.bearer("health-feed", "feed-system");
    static final String LA_MANAGER = "Bearer " + TestTokens.user("la-manager").roles("la-management")
            .localAuthority(LA).sign();
    static final String OTHER_LA_MANAGER = "Bearer " + TestTokens.user("other-manager").roles("la-management")
            .localAuthority("E08000003").sign();
    static final String SEALED = "Bearer " + TestTokens.user("sealed-officer").roles("sealed-records")
            .localAuthority(LA).sign();
    static final String ADMIN = TestTokens.bearer("admin", "administrator");
    static final String TEACHER = TestTokens.bearer("teacher", "practitioner");

    private Scenario() {
    }

    /** A request of this caller, stating why it reads (every read of a child's data must, issue 16 item 10). */
    static RequestSpecification as(String token) {
        return given().header("Authorization", token).header("X-Purpose-Of-Use", "ADMINISTRATION")
                .contentType(ContentType.JSON);
    }

    /** A complete child record as a source would send it; tests change the fields they care about. */
    static ObjectNode record(String given, String family, String dob, String postcode, String source,
                             String sourceId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("givenNames", given).put("familyName", family).put("dateOfBirth", dob).put("gender", "FEMALE");
        if (postcode != null) {
            node.putObject("address").put("town", "London").put("postcode", postcode)
                    .putArray("lines").add("1 Test Street");
        }
        node.put("responsibleLocalAuthority", LA);
        if (source != null) {
            node.put("source", source).put("sourceId", sourceId);
        }
        return node;
    }

    /** The child's events on identity.children.v1, waiting until {@code done} holds. */
    static List<ConsumerRecord<String, String>> childEvents(String contactPointId,
                                                            Predicate<List<ConsumerRecord<String, String>>> done) {
        return TestKafkaClient.readUntil(Topics.IDENTITY_CHILDREN, Duration.ofSeconds(20),
                        read -> done.test(read.stream().filter(r -> contactPointId.equals(r.key())).toList()))
                .stream().filter(r -> contactPointId.equals(r.key())).toList();
    }

    /** The latest event of a type for a child. */
    static JsonNode lastEvent(String contactPointId, String type) throws Exception {
        List<ConsumerRecord<String, String>> events = childEvents(contactPointId,
                read -> read.stream().anyMatch(r -> type.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE))));
        ConsumerRecord<String, String> last = events.stream()
                .filter(r -> type.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE)))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + type + " event for " + contactPointId));
        return last.value() == null ? null : JSON.readTree(last.value());
    }

    /**
     * The child's event of a type at a version, waiting for that very event: a child with several events of one type
     * (two updates, say) would otherwise let an earlier one end the wait.
     */
    static JsonNode eventAtVersion(String contactPointId, String type, long version) throws Exception {
        Predicate<ConsumerRecord<String, String>> wanted = r -> type.equals(TestKafkaClient.header(r, CloudEventHeaders.TYPE))
                && r.value() != null && versionOf(r) == version;
        List<ConsumerRecord<String, String>> events = childEvents(contactPointId, read -> read.stream().anyMatch(wanted));
        ConsumerRecord<String, String> event = events.stream().filter(wanted).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no " + type + " event at version " + version + " for " + contactPointId));
        return JSON.readTree(event.value());
    }

    private static long versionOf(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("version").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Audit events mentioning {@code text}, waiting until there is one of each action (audit events are spread over
     * partitions, so one action's arrival says nothing of another's).
     */
    static List<JsonNode> audits(String text, String... actions) {
        return TestKafkaClient.readUntil(Topics.IDENTITY_AUDIT_EVENTS, Duration.ofSeconds(20),
                        read -> java.util.Arrays.stream(actions).allMatch(action -> read.stream().anyMatch(
                                r -> r.value().contains(text) && r.value().contains("\"" + action + "\""))))
                .stream().filter(r -> r.value().contains(text)).map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
