package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.audit.AuditTrailTest.AUDITOR;
import static org.contactpoint.audit.Fixtures.WORKING_HOURS;
import static org.hamcrest.Matchers.equalTo;

/**
 * A poll of an audit topic is chained as one batch: one transaction (one turn on the chain head) for the whole poll,
 * a redelivered message skipped, an invalid record dead-lettered on its own, the rest chained in the order they were
 * published and verifiable. Every record here shares one key, so they sit on one partition in one produce request and
 * reach audit-service in one poll.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BatchAppendTest {

    @Test
    void aPollWithADuplicateAndAnInvalidRecordInTheMiddleIsChainedInOneTransaction() throws Exception {
        String key = "batch-" + UUID.randomUUID();
        String child = Fixtures.newChildId();
        List<AuditEvent> valid = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            valid.add(Fixtures.search("batcher", "Ms Ada Batch", "Okafor", WORKING_HOURS.plusSeconds(i), child));
        }
        AuditEvent missingActor = new AuditEvent(key + "-actor", WORKING_HOURS, "search-gateway", null, "SEARCH",
                "SUCCESS", null, Map.of(), List.of(child), 1, null, false, List.of());
        List<ProducerRecord<String, String>> poll = List.of(
                record(key, valid.get(0).eventId(), Fixtures.json(valid.get(0))),
                record(key, valid.get(1).eventId(), Fixtures.json(valid.get(1))),
                record(key, valid.get(0).eventId(), Fixtures.json(valid.get(0))),
                record(key, missingActor.eventId(), Fixtures.json(missingActor)),
                record(key, valid.get(2).eventId(), Fixtures.json(valid.get(2))),
                record(key, valid.get(3).eventId(), Fixtures.json(valid.get(3))));
        produceTogether(poll);

        List<String> ids = valid.stream().map(AuditEvent::eventId).toList();
        Fixtures.await("the four valid records", Duration.ofSeconds(30), () -> stored(ids).size() == 4);
        List<ConsumerRecord<String, String>> dead = TestKafkaClient.readUntil(
                Topics.deadLetter(Topics.GATEWAY_AUDIT_EVENTS), Duration.ofSeconds(30),
                rs -> rs.stream().anyMatch(r -> key.equals(r.key())));
        assertThat(dead).filteredOn(r -> key.equals(r.key())).singleElement()
                .satisfies(r -> assertThat(TestKafkaClient.header(r, CloudEventHeaders.DEAD_LETTER_REASON))
                        .contains("missing actor"))
                .satisfies(r -> assertThat(TestKafkaClient.header(r, CloudEventHeaders.ID))
                        .isEqualTo(missingActor.eventId()));

        List<Stored> records = stored(ids);
        assertThat(records).extracting(Stored::eventId).as("chained once each, in the order published")
                .containsExactlyElementsOf(ids);
        assertThat(records.stream().map(Stored::transaction).distinct().count())
                .as("transactions that chained the poll").isEqualTo(1);
        given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void aBurstOfFiveHundredIsChainedInOrderInAFewTransactionsAndVerifies() throws Exception {
        String key = "burst-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            AuditEvent event = Fixtures.search("system-" + key, "Case System", "Okafor",
                    WORKING_HOURS.plusMillis(i), Fixtures.newChildId());
            ids.add(event.eventId());
            burst.add(record(key, event.eventId(), Fixtures.json(event)));
        }
        produceTogether(burst);

        Fixtures.await("500 records", Duration.ofSeconds(60), () -> stored(ids).size() == 500);
        List<Stored> records = stored(ids);
        assertThat(records).extracting(Stored::eventId).as("chain order is publication order")
                .containsExactlyElementsOf(ids);
        // One transaction per poll (at most 500 records a poll), not one per record.
        assertThat(records.stream().map(Stored::transaction).distinct().count())
                .as("transactions that chained 500 records").isLessThanOrEqualTo(5);
        given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    record Stored(long sequence, String eventId, long transaction) {
    }

    private static ProducerRecord<String, String> record(String key, String ceId, String value) {
        RecordHeaders headers = new RecordHeaders();
        Map.of(CloudEventHeaders.ID, ceId, CloudEventHeaders.TYPE, AuditEvent.TYPE, CloudEventHeaders.SOURCE, "test")
                .forEach((name, v) -> headers.add(name, v.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(Topics.GATEWAY_AUDIT_EVENTS, null, key, value, headers);
    }

    /** One producer, one partition (one key), lingering so the records travel in one produce request. */
    private static void produceTogether(List<ProducerRecord<String, String>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "200");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            for (var future : sent) {
                future.get();
            }
        }
    }

    /** The stored records among {@code eventIds}, in chain order, with the transaction that wrote each. */
    private static List<Stored> stored(List<String> eventIds) {
        try (Connection c = Fixtures.superuser(); PreparedStatement select = c.prepareStatement(
                "SELECT sequence, event_id, xmin::text::bigint FROM audit_record WHERE event_id = ANY(?) "
                        + "ORDER BY sequence")) {
            Array ids = c.createArrayOf("text", eventIds.toArray());
            select.setArray(1, ids);
            List<Stored> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new Stored(rows.getLong(1), rows.getString(2), rows.getLong(3)));
                }
            }
            return found;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
