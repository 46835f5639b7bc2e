package org.contactpoint.involvement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.involvement.messaging.in.ChildEventHandler;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.involvement.Fixtures.*;

/**
 * identity.children.v1 a poll at a time: a poll's children stored in one transaction with set-based writes, each
 * child's events in order, a redelivery changing nothing, and a bad record dead-lettered on its own.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ChildEventBatchTest {

    private final ChildEventHandler handler;

    ChildEventBatchTest(ChildEventHandler handler) {
        this.handler = handler;
    }

    @Test
    void aPollOfChildEventsIsStoredInFewTransactionsAndABadRecordIsDeadLetteredAlone() {
        List<String> children = new ArrayList<>();
        List<TestKafkaClient.Outgoing> records = new ArrayList<>();
        String bad = newChildId();
        for (int i = 0; i < 150; i++) {
            String child = newChildId();
            children.add(child);
            records.add(new TestKafkaClient.Outgoing(child, childJson(child, 1, "ACTIVE", null, "E09000019", false,
                    "NHS_NUMBER", "9" + child.substring(3)), childHeaders("ACTIVE", 1)));
            if (i == 75) {
                records.add(new TestKafkaClient.Outgoing(bad, "{\"contactPointId\":\"" + bad + "\"}",
                        childHeaders("ACTIVE", 1)));
            }
        }
        TestKafkaClient.sendAll(Topics.IDENTITY_CHILDREN, records);

        awaitCount("SELECT count(*) FROM known_child WHERE version = 1 AND contact_point_id = ANY(?)", children, 150);
        assertThat(count("SELECT count(*) FROM known_child_identifier WHERE contact_point_id = ANY(?)", children))
                .isEqualTo(150);
        // One transaction per poll, not per child: the rows a transaction writes share its id.
        assertThat(count("SELECT count(DISTINCT xmin::text) FROM known_child WHERE contact_point_id = ANY(?)",
                children)).isLessThanOrEqualTo(15);
        List<ConsumerRecord<String, String>> dead = readKey(Topics.deadLetter(Topics.IDENTITY_CHILDREN), bad,
                read -> !read.isEmpty());
        assertThat(dead).hasSize(1);
        assertThat(TestKafkaClient.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_REASON)).contains("version");
    }

    @Test
    void aChildsEventsInOnePollKeepTheirOrderAndARedeliveryChangesNothing() {
        String reordered = newChildId();
        String moved = newChildId();
        String repeated = newChildId();
        String once = UUID.randomUUID().toString();
        List<ConsumerRecord<String, String>> poll = List.of(
                record(reordered, childJson(reordered, 1, "ACTIVE", null, "E09000019", false), "1", null),
                record(moved, childJson(moved, 1, "ACTIVE", null, "E09000019", false), "1", null),
                record(reordered, childJson(reordered, 3, "ACTIVE", null, "E09000019", false, "NHS_NUMBER",
                        "9" + reordered.substring(3)), "3", null),
                // Older than what the poll has already said: dropped, as it would be on its own.
                record(reordered, childJson(reordered, 2, "ACTIVE", null, "E09000020", false), "2", null),
                record(repeated, childJson(repeated, 1, "ACTIVE", null, "E09000019", false), "1", once),
                // The same message again within the poll: applied once.
                record(repeated, childJson(repeated, 5, "ACTIVE", null, "E09000021", false), "5", once),
                // A move of local authority has consequences: applied on its own, after the plain registrations.
                record(moved, childJson(moved, 2, "ACTIVE", null, "E09000020", false), "2", null));
        handler.handle(poll);

        assertThat(text("SELECT version || ' ' || responsible_local_authority FROM known_child"
                + " WHERE contact_point_id = ?", reordered)).isEqualTo("3 E09000019");
        assertThat(text("SELECT scheme FROM known_child_identifier WHERE contact_point_id = ?", reordered))
                .isEqualTo("NHS_NUMBER");
        assertThat(text("SELECT version || ' ' || responsible_local_authority FROM known_child"
                + " WHERE contact_point_id = ?", moved)).isEqualTo("2 E09000020");
        assertThat(text("SELECT version || ' ' || responsible_local_authority FROM known_child"
                + " WHERE contact_point_id = ?", repeated)).isEqualTo("1 E09000019");
        List<String> all = List.of(reordered, moved, repeated);
        assertThat(count("SELECT count(DISTINCT xmin::text) FROM known_child WHERE contact_point_id = ANY(?)", all))
                .isEqualTo(1);
        String before = text("SELECT string_agg(xmin::text, ',' ORDER BY contact_point_id) FROM known_child"
                + " WHERE contact_point_id = ANY(?)", all);

        handler.handle(poll);

        assertThat(text("SELECT string_agg(xmin::text, ',' ORDER BY contact_point_id) FROM known_child"
                + " WHERE contact_point_id = ANY(?)", all)).isEqualTo(before);
    }

    private static ConsumerRecord<String, String> record(String key, String value, String version, String id) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.IDENTITY_CHILDREN, 0, 0, key, value);
        Map<String, String> headers = childHeaders("ACTIVE", Long.parseLong(version));
        headers.forEach((name, v) -> record.headers().add(name, (CloudEventHeaders.ID.equals(name) && id != null
                ? id : v).getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static void awaitCount(String sql, List<String> ids, long expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && count(sql, ids) < expected) {
            sleep(100);
        }
        assertThat(count(sql, ids)).isEqualTo(expected);
    }

    private static long count(String sql, List<String> ids) {
        return Long.parseLong(text(sql, ids));
    }

    private static String text(String sql, Object parameter) {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement statement = c.prepareStatement(sql)) {
            if (parameter instanceof List<?> list) {
                statement.setArray(1, c.createArrayOf("varchar", list.toArray()));
            } else {
                statement.setString(1, (String) parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
