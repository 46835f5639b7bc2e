package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.audit.messaging.in.AuditEventHandler;
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
import java.time.Instant;
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
 * A poll of an audit topic is chained as one batch: one transaction (one turn on the chain head) for a poll of up to
 * 500 records (a larger one in parts of 500, each committing its own alerts),
 * a redelivered message skipped, an invalid record dead-lettered on its own, the rest chained in the order they were
 * published and verifiable. Every record here shares one key, so they sit on one partition in one produce request and
 * reach audit-service in one poll.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BatchAppendTest {

    /** A Wednesday night in London: every lookup is outside working hours. */
    private static final Instant NIGHT = Instant.parse("2026-11-18T23:00:00Z");

    @Inject
    AuditEventHandler handler;

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

    /**
     * A poll of 1,001 lookups (more than the 500 records chained in one transaction) is chained in three transactions
     * in the order consumed, and the out-of-hours alert of a practitioner whose lookups are in the first part commits
     * with that part, not with the whole poll; each practitioner still has one alert counting all their lookups. The
     * poll is handed to the consumer's handler, so the test decides where it ends.
     */
    @Test
    void aPollLargerThanATransactionIsChainedInPartsEachCommittingItsOwnAlerts() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> users = List.of("night-a-" + run, "night-b-" + run, "night-c-" + run);
        List<String> ids = new ArrayList<>();
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            String user = users.get(i / 500);
            AuditEvent event = Fixtures.search(user, "Mr Night Owl", "Okafor", NIGHT.plusMillis(i),
                    Fixtures.newChildId());
            ids.add(event.eventId());
            ProducerRecord<String, String> produced = record(event.eventId(), event.eventId(), Fixtures.json(event));
            ConsumerRecord<String, String> consumed = new ConsumerRecord<>(Topics.GATEWAY_AUDIT_EVENTS, 0, i,
                    produced.key(), produced.value());
            produced.headers().forEach(consumed.headers()::add);
            poll.add(consumed);
        }

        handler.handle(poll);

        List<Stored> records = stored(ids);
        assertThat(records).extracting(Stored::eventId).as("chain order is the order consumed")
                .containsExactlyElementsOf(ids);
        List<Long> transactions = records.stream().map(Stored::transaction).distinct().toList();
        assertThat(transactions).as("transactions that chained the poll").hasSize(3);
        assertThat(records.subList(0, 500)).extracting(Stored::transaction).containsOnly(transactions.get(0));
        assertThat(records.subList(500, 1000)).extracting(Stored::transaction).containsOnly(transactions.get(1));
        for (int part = 0; part < 3; part++) {
            String user = users.get(part);
            long raisedBy = records.get(part * 500).sequence();
            // The alert was stored by the transaction that chained the lookup that raised it: the same xmin on the
            // alert (never updated after: each practitioner's lookups are in one part) as on the lookup's record.
            try (Connection c = Fixtures.superuser(); PreparedStatement select = c.prepareStatement("""
                    SELECT a.xmin::text::bigint, a.occurrences, a.xmin = r.xmin FROM outbox_event o
                    JOIN misuse_alert a ON a.alert_id = CAST(CAST(o.payload AS json)->>'alertId' AS uuid)
                    JOIN audit_record r ON r.sequence = ?
                    WHERE o.aggregatetype = 'audit.alerts.v1' AND o.aggregateid = ? AND a.rule = 'OUT_OF_HOURS'""")) {
                select.setLong(1, raisedBy);
                select.setString(2, user);
                try (ResultSet alert = select.executeQuery()) {
                    assertThat(alert.next()).as("%s's out-of-hours alert", user).isTrue();
                    assertThat(alert.getLong(1)).as("the transaction that stored %s's alert", user)
                            .isEqualTo(transactions.get(part));
                    assertThat(alert.getInt(2)).as("%s's lookups counted on the alert", user)
                            .isEqualTo(part < 2 ? 500 : 1);
                    assertThat(alert.getBoolean(3)).as("%s's alert stored with the lookup that raised it", user)
                            .isTrue();
                    assertThat(alert.next()).as("a second alert for %s", user).isFalse();
                }
            }
        }
        given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    /**
     * A poll redelivered after a crash part-way is chained once and counted once, with no inbox row per access: the
     * chain leaves out, under the head's lock and before any rule or tally sees the part, every event it already holds.
     * The first part of the poll (500 lookups) committed; the service died before the offsets did; the poll comes
     * back in another order (a poll's order across partitions may differ from one fetch to the next), so a part mixes
     * lookups already chained with new ones. That part is still chained in one transaction, the new lookups only, and
     * each practitioner's tallies, out-of-hours alert and burst alert count every lookup once.
     */
    @Test
    void aPollRedeliveredAfterACrashPartWayIsChainedOnceAndCountedOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> users = List.of("again-a-" + run, "again-b-" + run, "again-c-" + run, "again-d-" + run);
        List<String> ids = new ArrayList<>();
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            AuditEvent event = Fixtures.search(users.get(i % 4), "Mr Night Owl", "Okafor", NIGHT.plusMillis(i),
                    Fixtures.newChildId());
            ids.add(event.eventId());
            poll.add(consumed(event, i));
        }

        handler.handle(poll.subList(0, 500));
        List<ConsumerRecord<String, String>> redelivered = new ArrayList<>(poll.subList(250, 750));
        redelivered.addAll(poll.subList(0, 250));
        redelivered.addAll(poll.subList(750, 800));
        handler.handle(redelivered);

        List<Stored> records = stored(ids);
        assertThat(records).extracting(Stored::eventId).as("each lookup chained once, in the order first consumed")
                .containsExactlyElementsOf(ids);
        assertThat(records.subList(500, 750)).extracting(Stored::transaction).as("the part mixing old and new")
                .containsOnly(records.get(500).transaction());
        assertThat(records.get(500).transaction()).isNotEqualTo(records.get(0).transaction());
        for (String user : users) {
            assertThat(Fixtures.count("SELECT lookups FROM lookup_tally WHERE user_id = '" + user + "'"))
                    .as("%s's lookups counted for the unrelated-children rule", user).isEqualTo(200);
            assertThat(Fixtures.count("SELECT children FROM lookup_tally WHERE user_id = '" + user + "'"))
                    .as("%s's children counted", user).isEqualTo(200);
            assertThat(Fixtures.count("SELECT sum(searches) FROM search_tally WHERE user_id = '" + user + "'"))
                    .as("%s's searches counted for the burst rule", user).isEqualTo(200);
            assertThat(Fixtures.count("SELECT count(*) FROM misuse_alert WHERE rule = 'OUT_OF_HOURS' AND user_id = '"
                    + user + "'")).as("%s's out-of-hours alerts", user).isEqualTo(1);
            assertThat(Fixtures.count("SELECT occurrences FROM misuse_alert WHERE rule = 'OUT_OF_HOURS'"
                    + " AND user_id = '" + user + "'")).as("%s's lookups counted on the alert", user).isEqualTo(200);
            assertThat(Fixtures.count("SELECT count(*) FROM misuse_alert WHERE rule = 'SEARCH_BURST' AND user_id = '"
                    + user + "'")).as("%s's burst alerts", user).isEqualTo(1);
            assertThat(Fixtures.count("SELECT count(*) FROM outbox_event WHERE aggregatetype = 'audit.alerts.v1'"
                    + " AND aggregateid = '" + user + "'")).as("%s's alerts on the outbox", user).isEqualTo(2);
        }
        given().header("Authorization", AUDITOR).get("/audit-chain/verification").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    /** A lookup as the consumer receives it from gateway.audit-events.v1, keyed and identified by its event id. */
    private static ConsumerRecord<String, String> consumed(AuditEvent event, long offset) {
        ProducerRecord<String, String> produced = record(event.eventId(), event.eventId(), Fixtures.json(event));
        ConsumerRecord<String, String> consumed = new ConsumerRecord<>(Topics.GATEWAY_AUDIT_EVENTS, 0, offset,
                produced.key(), produced.value());
        produced.headers().forEach(consumed.headers()::add);
        return consumed;
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
