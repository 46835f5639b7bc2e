package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's alert target under a burst, as a diagnostic, not a test: surefire does not run it (the name does not end
 * in Test); run it alone, on a quiet machine:
 * <pre>
 * ./mvnw -q -B -pl audit-service -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=AlertLatencyProbe \
 *     [-Dprobe.rate=1500 -Dprobe.seconds=20 -Dprobe.users=8000 -Dprobe.passes=2 -Dprobe.traced=true] \
 *     [-DargLine="-Xshare:off -XX:StartFlightRecording=filename=target/probe.jfr,settings=profile"]
 * </pre>
 * On the real PostgreSQL and Kafka of every component test, it publishes audit events as the gateway does (topic
 * {@code gateway.audit-events.v1}, key the event id, the CloudEvents headers of service-support's AuditPublisher, a
 * {@code traceparent} as a traced lookup has, acks=all, idempotent, 1 ms linger) at a fixed rate, SEARCHes by
 * {@code users} practitioners in turn, all outside working hours (this profile makes today a non-working day), so
 * each practitioner's first lookup raises an out-of-hours alert. Each pass has new practitioners, so each raises
 * {@code users} first-night alerts; the first pass warms the JVM, the last is the measured one. Reported per second:
 * records stored (the chain head's growth), the backlog (acknowledged by the broker, not yet chained, as records and
 * as seconds of lookups at the rate) and alerts seen; per pass: stored per second, the peak backlog and the
 * out-of-hours alerts' latency, p50/p99/max and how many took over 2 s: from the triggering lookup's
 * {@code occurredAt} to the alert's arrival on {@code audit.alerts.v1} (when this probe's consumer, polling the topic
 * throughout, receives it: the target's measure, an upper bound of the broker's append by a poll turn), and beside it
 * to the record's timestamp (stamped as the outbox relay sends it); and the arrival latency by the second of the
 * triggering lookup, to show whether alerts fall behind as the burst goes on.
 * <p>
 * What it asserts does not depend on the clock: once the pass has drained, every lookup is one record in the chain,
 * each practitioner got exactly one out-of-hours alert (repeated lookups aggregated on it: the practitioners' alerts'
 * {@code occurrences} add up to the lookups), and each alert continues the trace of the lookup that raised it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(AlertLatencyProbe.OutOfHoursToday.class)
class AlertLatencyProbe {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** Today is not a working day (production's hours otherwise), and the rules' thresholds are production's. */
    public static class OutOfHoursToday implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            DayOfWeek today = LocalDate.now(LONDON).getDayOfWeek();
            String workingDays = Arrays.stream(DayOfWeek.values()).filter(d -> d != today)
                    .map(DayOfWeek::name).collect(Collectors.joining(","));
            return Map.of("contactpoint.rules.out-of-hours.working-days", workingDays,
                    "contactpoint.rules.search-burst.searches", "30",
                    "contactpoint.rules.unrelated-children.children", "15");
        }
    }

    private final int rate = Integer.getInteger("probe.rate", 1500);
    private final int seconds = Integer.getInteger("probe.seconds", 20);
    private final int users = Integer.getInteger("probe.users", 8000);
    private final int passes = Integer.getInteger("probe.passes", 2);
    private final boolean traced = Boolean.parseBoolean(System.getProperty("probe.traced", "true"));

    @Test
    void burstOutOfHours() throws Exception {
        System.out.printf(Locale.ROOT, "%nprobe: %d lookups/s for %d s, %d practitioners in turn, %d passes, traced %s%n",
                rate, seconds, users, passes, traced);
        List<String> summaries = new ArrayList<>();
        for (int pass = 1; pass <= passes; pass++) {
            summaries.add(pass(pass));
        }
        System.out.println();
        summaries.forEach(System.out::println);
    }

    private String pass(int pass) throws Exception {
        String prefix = "probe-" + Fixtures.randomHex(3) + "-p" + pass + "-u";
        Map<String, Instant> firstLookup = new ConcurrentHashMap<>();
        Map<String, Set<String>> traces = new ConcurrentHashMap<>();
        Map<String, Instant> lookupByTrace = new ConcurrentHashMap<>();
        Map<String, Alert> alertsSeen = new ConcurrentHashMap<>();
        AtomicLong duplicateAlerts = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long total = (long) rate * seconds;
        // The spans of earlier passes, kept in memory by the tests' exporter, would only burden the heap.
        RecordedSpans.EXPORTER.reset();
        long startSequence = headSequence();
        Map<String, Long> cpuBefore = cpuByThreadGroup();
        cpuBefore.put("postgres", PostgresCpu.nanos());

        try (KafkaProducer<String, String> producer = producer();
             KafkaConsumer<String, String> alerts = alertConsumer()) {
            Thread sender = new Thread(() -> send(producer, prefix, total, firstLookup, traces, lookupByTrace, acknowledged,
                    failed),
                    "probe-sender");
            long start = System.nanoTime();
            sender.start();
            List<long[]> perSecond = new ArrayList<>();
            long lastStored = 0;
            long peakBacklog = 0;
            long nextTick = start + 1_000_000_000L;
            long deadline = start + Duration.ofSeconds(seconds + 180L).toNanos();
            System.out.printf(Locale.ROOT, "%npass %d (%s) from %s: second, acknowledged, stored, stored/s, backlog, "
                    + "backlog s, alerts%n", pass, pass == passes ? "measured" : "warm-up", Instant.now());
            while (System.nanoTime() < deadline) {
                var polled = alerts.poll(Duration.ofMillis(50));
                long receivedAt = System.currentTimeMillis();
                for (ConsumerRecord<String, String> alert : polled) {
                    seen(alert, receivedAt, prefix, firstLookup, lookupByTrace, alertsSeen, duplicateAlerts);
                }
                if (System.nanoTime() < nextTick) {
                    continue;
                }
                nextTick += 1_000_000_000L;
                long stored = headSequence() - startSequence;
                long acked = acknowledged.get();
                long backlog = Math.max(0, acked - stored);
                peakBacklog = Math.max(peakBacklog, backlog);
                long second = perSecond.size() + 1;
                perSecond.add(new long[]{second, acked, stored, stored - lastStored, backlog});
                System.out.printf(Locale.ROOT, "  %3d %7d %7d %6d %7d %6.2f %6d%n", second, acked, stored,
                        stored - lastStored, backlog, backlog / (double) rate, alertsSeen.size());
                lastStored = stored;
                if (!sender.isAlive() && stored >= acked && alertsSeen.size() >= Math.min(users, total)) {
                    break;
                }
            }
            sender.join();
            System.out.printf(Locale.ROOT, "pass %d until %s%n", pass, Instant.now());
            long stored = headSequence() - startSequence;
            Map<String, Long> cpuAfter = cpuByThreadGroup();
            cpuAfter.put("postgres", cpuBefore.get("postgres") < 0 ? -1 : PostgresCpu.nanos());
            String cpu = cpuAfter.entrySet().stream().filter(e -> e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)
                            > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(),
                            (e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)) / 1e6 / Math.max(1, stored)))
                    .collect(Collectors.joining(", "));
            double elapsed = perSecond.size();
            String latency = latency(alertsSeen.values().stream().mapToLong(Alert::arrivalMs)) + " (relay's stamp: "
                    + latency(alertsSeen.values().stream().mapToLong(Alert::stampMs)) + ")";
            System.out.println("  arrival latency by the second of the lookup (alerts, p50, p99 ms):");
            long sendStart = firstLookup.values().stream().mapToLong(Instant::toEpochMilli).min().orElse(0);
            alertsSeen.values().stream().collect(Collectors.groupingBy(
                            a -> (a.lookupMs() - sendStart) / 1000, java.util.TreeMap::new, Collectors.toList()))
                    .forEach((second, inSecond) -> {
                        long[] sorted = inSecond.stream().mapToLong(Alert::arrivalMs).sorted().toArray();
                        System.out.printf(Locale.ROOT, "  %3d %6d %6d %6d%n", second + 1, sorted.length,
                                percentile(sorted, 50), percentile(sorted, 99));
                    });
            System.out.println("  " + stages(prefix, alertsSeen));
            assertDrained(pass, prefix, total, stored, traces, alertsSeen, duplicateAlerts.get());
            // The rate while lookups were arriving: records chained in the sending seconds, over those seconds.
            long storedWhileSending = perSecond.stream().filter(s -> s[0] <= seconds).mapToLong(s -> s[3]).sum();
            return String.format(Locale.ROOT, "pass %d (%s): sent %d (failed %d), stored %d in %.0f s "
                            + "(%.0f/s while sending, %.0f/s overall); peak backlog %d records = %.2f s of lookups; "
                            + "OUT_OF_HOURS alerts %d of %d: %s; CPU ms per record by thread: %s",
                    pass, pass == passes ? "measured" : "warm-up", acknowledged.get(), failed.get(), stored, elapsed,
                    storedWhileSending / (double) Math.min(seconds, perSecond.size()), stored / elapsed,
                    peakBacklog, peakBacklog / (double) rate, alertsSeen.size(), Math.min(users, total), latency, cpu);
        }
    }

    /** Sends {@code total} lookups at the rate, practitioner after practitioner, as the gateway publishes them. */
    private void send(KafkaProducer<String, String> producer, String prefix, long total, Map<String, Instant> first,
                      Map<String, Set<String>> traces, Map<String, Instant> lookupByTrace, AtomicLong acknowledged,
                      AtomicLong failed) {
        long start = System.nanoTime();
        for (long n = 0; n < total; n++) {
            long due = start + n * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String user = prefix + (n % users);
            Instant now = Instant.now();
            first.putIfAbsent(user, now);
            AuditEvent event = lookup(user, now);
            RecordHeaders headers = new RecordHeaders();
            Fixtures.header(headers, CloudEventHeaders.ID, event.eventId());
            Fixtures.header(headers, CloudEventHeaders.TYPE, AuditEvent.TYPE);
            Fixtures.header(headers, CloudEventHeaders.SOURCE, "search-gateway");
            Fixtures.header(headers, CloudEventHeaders.TIME, event.occurredAt().toString());
            Fixtures.header(headers, CloudEventHeaders.SUBJECT, event.eventId());
            Fixtures.header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
            Fixtures.header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
            if (traced) {
                String traceId = Fixtures.randomHex(16);
                traces.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(traceId);
                lookupByTrace.put(traceId, now);
                Fixtures.header(headers, "traceparent", "00-" + traceId + "-" + Fixtures.randomHex(8) + "-01");
            }
            producer.send(new ProducerRecord<>(Topics.GATEWAY_AUDIT_EVENTS, null, event.eventId(),
                    Fixtures.json(event), headers), (metadata, e) -> {
                if (e == null) {
                    acknowledged.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
        }
        producer.flush();
    }

    /** An exact search as the gateway records it: the criteria, the one child found, nothing shielded. */
    private static AuditEvent lookup(String user, Instant at) {
        AuditEvent.Actor actor = new AuditEvent.Actor(user, "Practitioner " + user.substring(user.lastIndexOf('u')),
                List.of("practitioner"), "Hillside Primary School", "URN100001", "E09000033");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("familyName", "Okafor");
        query.put("givenName", "Amara");
        query.put("dateOfBirth", "2016-03-14");
        return AuditEvent.builder(UUID.randomUUID().toString(), at, "search-gateway", actor).action("SEARCH")
                .purpose("DIRECT_CARE").query(query).children(List.of(Fixtures.newChildId())).shieldedAccessed(false)
                .protectedChildren(List.of()).build();
    }

    /**
     * An out-of-hours alert as it arrived: when the lookup that raised it occurred (found by its trace; untraced, the
     * user's first lookup), the latency to its arrival here and to the relay's stamp on the record, and the trace id
     * its {@code traceparent} continues (null: none).
     */
    private record Alert(String alertId, long lookupMs, long arrivalMs, long stampMs, String traceId) {
    }

    private static void seen(ConsumerRecord<String, String> alert, long receivedAt, String prefix,
                             Map<String, Instant> first, Map<String, Instant> lookupByTrace, Map<String, Alert> seen,
                             AtomicLong duplicates) {
        if (alert.key() == null || !alert.key().startsWith(prefix) || alert.value() == null) {
            return;
        }
        JsonNode value = Fixtures.tree(alert.value());
        Instant lookup = first.get(alert.key());
        if ("OUT_OF_HOURS".equals(value.path("rule").asText()) && lookup != null) {
            var traceparent = alert.headers().lastHeader("traceparent");
            String traceId = traceparent == null ? null
                    : new String(traceparent.value(), StandardCharsets.UTF_8).split("-")[1];
            long at = (traceId == null ? lookup : lookupByTrace.getOrDefault(traceId, lookup)).toEpochMilli();
            String alertId = value.path("alertId").asText();
            Alert earlier = seen.putIfAbsent(alert.key(), new Alert(alertId, at, receivedAt - at, alert.timestamp() - at,
                    traceId));
            // The relay publishes at least once (a batch whose acknowledgement timed out is sent again): the same
            // alert twice is one alert; another alert for the same practitioner and night is a second one.
            if (earlier != null && !earlier.alertId().equals(alertId)) {
                duplicates.incrementAndGet();
            }
        }
    }

    /**
     * What the pass must have done whatever the machine's speed: each lookup chained once, one out-of-hours alert per
     * practitioner standing for all their lookups of the night, each on the trace of the lookup that raised it (one
     * of its practitioner's: the topic is keyed by event, so under a backlog of more than a round of practitioners a
     * second lookup may be chained before the first, and it is then the one that raises the alert).
     */
    private void assertDrained(int pass, String prefix, long total, long stored, Map<String, Set<String>> traces,
                               Map<String, Alert> seen, long duplicates) throws Exception {
        int practitioners = (int) Math.min(users, total);
        assertThat(stored).as("pass %d: records chained", pass).isEqualTo(total);
        assertThat(seen).as("pass %d: practitioners alerted", pass).hasSize(practitioners);
        assertThat(duplicates).as("pass %d: second out-of-hours alerts for one practitioner", pass).isZero();
        try (Connection connection = Fixtures.superuser(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*), coalesce(sum(occurrences), 0) FROM misuse_alert"
                     + " WHERE rule = 'OUT_OF_HOURS' AND user_id LIKE '" + prefix + "%'")) {
            row.next();
            assertThat(row.getLong(1)).as("pass %d: stored out-of-hours alerts", pass).isEqualTo(practitioners);
            assertThat(row.getLong(2)).as("pass %d: lookups counted on them", pass).isEqualTo(total);
        }
        if (traced) {
            seen.forEach((user, alert) -> assertThat(traces.get(user)).as("%s's alert's trace", user)
                    .contains(alert.traceId()));
        }
    }

    /**
     * Where each alert's time went, p50 / p99 ms per stage, from its outbox row: waiting to be polled (the lookup to
     * the start of the transaction that chained it, the row's {@code created_at}), chaining (to the alert's
     * {@code raisedAt}, once the poll's records are appended), the rest of the poll, its commit and the relay (to the
     * relay's stamp on the record), and the broker to this consumer (to its arrival here).
     */
    private static String stages(String prefix, Map<String, Alert> seen) throws Exception {
        Map<String, long[]> rows = new java.util.HashMap<>();
        try (Connection connection = Fixtures.superuser(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT aggregateid, (extract(epoch FROM created_at) * 1000)::int8,"
                     + " (extract(epoch FROM CAST(payload::json->>'raisedAt' AS timestamptz)) * 1000)::int8"
                     + " FROM outbox_event WHERE aggregatetype = 'audit.alerts.v1' AND aggregateid LIKE '"
                     + prefix + "%'")) {
            while (row.next()) {
                rows.put(row.getString(1), new long[]{row.getLong(2), row.getLong(3)});
            }
        }
        List<long[]> stages = new ArrayList<>();
        seen.forEach((user, alert) -> {
            long[] outbox = rows.get(user);
            if (outbox != null) {
                long stamp = alert.lookupMs() + alert.stampMs();
                stages.add(new long[]{outbox[0] - alert.lookupMs(), outbox[1] - outbox[0], stamp - outbox[1],
                        alert.arrivalMs() - alert.stampMs()});
            }
        });
        String[] names = {"waiting to be polled", "chaining", "rest of poll + commit + relay", "broker to consumer"};
        StringBuilder out = new StringBuilder("stages of " + stages.size() + " alerts, p50/p99 ms:");
        for (int i = 0; i < names.length; i++) {
            int stage = i;
            long[] sorted = stages.stream().mapToLong(s -> s[stage]).sorted().toArray();
            if (sorted.length > 0) {
                out.append(String.format(Locale.ROOT, " %s %d/%d;", names[i], percentile(sorted, 50),
                        percentile(sorted, 99)));
            }
        }
        return out.toString();
    }

    private static String latency(java.util.stream.LongStream values) {
        long[] latencies = values.sorted().toArray();
        return latencies.length == 0 ? "no alerts" : String.format(Locale.ROOT,
                "p50 %d ms, p99 %d ms, max %d ms, %d of %d over 2 s", percentile(latencies, 50),
                percentile(latencies, 99), latencies[latencies.length - 1],
                Arrays.stream(latencies).filter(l -> l > 2000).count(), latencies.length);
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "probe-gateway-audit");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Reads audit.alerts.v1 from its end as it is now (the pass's alerts only). */
    private static KafkaConsumer<String, String> alertConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            consumer.partitionsFor(Topics.AUDIT_ALERTS, Duration.ofSeconds(5))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /**
     * CPU time (ns) of this JVM's threads, grouped: the audit consumer's workers (the poll is chained on
     * {@code executor-thread}s), the outbox relay, the in-JVM broker, the probe's producer, the rest.
     */
    private static Map<String, Long> cpuByThreadGroup() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            String name = info.getThreadName();
            String group = name.startsWith("executor-thread") || name.startsWith("vert.x-worker") ? "consumer"
                    : name.contains("outbox-relay") ? "relay"
                    : name.startsWith("probe") || name.contains("probe-gateway-audit") ? "probe"
                    : name.startsWith("data-plane") || name.startsWith("kafka-") || name.contains("raft")
                    || name.startsWith("broker") || name.startsWith("ExpirationReaper") ? "broker"
                    : name.startsWith("smallrye-kafka") || name.startsWith("vert.x-eventloop") ? "kafka-consumer"
                    : "other";
            groups.merge(group, cpu, Long::sum);
        }
        return groups;
    }

    private static long headSequence() throws Exception {
        try (Connection connection = Fixtures.superuser(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT last_sequence FROM chain_head WHERE id = 1")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

}
