package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.audit.messaging.out.AuditStreamRelay;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.AuditRecordEvent;
import org.contactpoint.events.audit.ChainCheckpoint;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;

/**
 * The audit stream (audit.records.v1) as a witness outside the system reads it: every record of the chain once, in
 * chain order, each checkpoint after the records it covers, however many instances publish at once.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AuditStreamTest {

    private final AuditStreamRelay relay;

    AuditStreamTest(AuditStreamRelay relay) {
        this.relay = relay;
    }

    @Test
    void theStreamCarriesEveryRecordOnceInChainOrderWhileSeveralInstancesPublishAtOnce() throws Exception {
        // Three more publishers beside the service's own relay, as three more replicas would run.
        AtomicBoolean publishing = new AtomicBoolean(true);
        ExecutorService instances = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(instances.submit(() -> {
                while (publishing.get()) {
                    relay.publishBatch();
                }
                return null;
            }));
        }
        List<String> eventIds = new ArrayList<>();
        try {
            // In several sends, so the chain grows while the stream is published.
            for (int round = 0; round < 6; round++) {
                List<TestKafkaClient.Outgoing> lookups = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    AuditEvent event = Fixtures.search("witnessed-" + round, "Ms Ada Wren", "Okafor",
                            WORKING_HOURS.plusSeconds(i), Fixtures.newChildId());
                    eventIds.add(event.eventId());
                    lookups.add(new TestKafkaClient.Outgoing(event.eventId(), Fixtures.json(event), Map.of(
                            CloudEventHeaders.ID, event.eventId(), CloudEventHeaders.TYPE, AuditEvent.TYPE,
                            CloudEventHeaders.SOURCE, "search-gateway")));
                }
                TestKafkaClient.sendAll(Topics.GATEWAY_AUDIT_EVENTS, lookups);
            }
            Map<String, Long> chained = new HashMap<>();
            Fixtures.await("the lookups chained", Duration.ofSeconds(60), () -> {
                chained.putAll(sequences(eventIds));
                return chained.size() == eventIds.size();
            });
            long last = chained.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            Fixtures.await("the stream published up to " + last, Duration.ofSeconds(60),
                    () -> Fixtures.count("SELECT published_sequence FROM audit_stream_position") >= last);
        } finally {
            publishing.set(false);
            for (Future<?> instance : running) {
                instance.get(60, TimeUnit.SECONDS);
            }
            instances.shutdownNow();
        }

        Set<String> wanted = new HashSet<>(eventIds);
        List<ConsumerRecord<String, String>> stream = TestKafkaClient.readUntil(Topics.AUDIT_RECORDS,
                Duration.ofSeconds(60), read -> recordsOf(read, wanted).size() == wanted.size());
        List<JsonNode> records = new ArrayList<>();
        Map<String, String> hashOfEvent = hashes(eventIds);
        long previous = -1;
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, String> published : stream) {
            assertThat(published.key()).isEqualTo(AuditRecordEvent.CHAIN_KEY);
            assertThat(ids.add(TestKafkaClient.header(published, CloudEventHeaders.ID)))
                    .as("ce_id %s sent once", TestKafkaClient.header(published, CloudEventHeaders.ID)).isTrue();
            JsonNode body = Fixtures.tree(published.value());
            if (ChainCheckpoint.TYPE.equals(TestKafkaClient.header(published, CloudEventHeaders.TYPE))) {
                // After the records it covers: the last record before it is the one it names.
                assertThat(records).as("records before the checkpoint at %d", body.path("sequence").asLong())
                        .isNotEmpty();
                JsonNode before = records.get(records.size() - 1);
                assertThat(before.path("sequence").asLong()).isEqualTo(body.path("sequence").asLong());
                assertThat(body.path("headHash").asText()).isEqualTo(before.path("recordHash").asText());
                continue;
            }
            long sequence = body.path("sequence").asLong();
            if (previous >= 0) {
                assertThat(sequence).as("the record after %d", previous).isEqualTo(previous + 1);
            }
            previous = sequence;
            records.add(body);
        }
        Map<String, JsonNode> ours = recordsOf(stream, wanted);
        assertThat(ours).hasSize(eventIds.size());
        for (String eventId : eventIds) {
            assertThat(ours.get(eventId).path("recordHash").asText()).as("the hash stored for %s", eventId)
                    .isEqualTo(hashOfEvent.get(eventId));
        }
    }

    /** The stream's records of the wanted events, by event id. */
    private static Map<String, JsonNode> recordsOf(List<ConsumerRecord<String, String>> read, Set<String> wanted) {
        Map<String, JsonNode> found = new HashMap<>();
        for (ConsumerRecord<String, String> record : read) {
            if (AuditRecordEvent.TYPE.equals(TestKafkaClient.header(record, CloudEventHeaders.TYPE))) {
                JsonNode body = Fixtures.tree(record.value());
                String eventId = body.path("event").path("eventId").asText();
                if (wanted.contains(eventId)) {
                    found.put(eventId, body);
                }
            }
        }
        return found;
    }

    private static Map<String, Long> sequences(List<String> eventIds) {
        Map<String, Long> found = new HashMap<>();
        query("SELECT event_id, sequence FROM audit_record WHERE event_id = ANY(?)", eventIds,
                row -> found.put(row.getString(1), row.getLong(2)));
        return found;
    }

    private static Map<String, String> hashes(List<String> eventIds) {
        Map<String, String> found = new HashMap<>();
        query("SELECT event_id, record_hash FROM audit_record WHERE event_id = ANY(?)", eventIds,
                row -> found.put(row.getString(1), row.getString(2)));
        return found;
    }

    private interface RowReader {
        void read(ResultSet row) throws Exception;
    }

    private static void query(String sql, List<String> eventIds, RowReader reader) {
        try (Connection c = Fixtures.superuser(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setArray(1, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
