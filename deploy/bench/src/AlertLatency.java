import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bench-only probe of misuse-alert latency (issue 19: an alert on audit.alerts.v1 within 2 s of the lookup that
 * triggers it). Reads audit.alerts.v1 from the beginning and, for every alert whose triggering lookup occurred at or
 * after {@code --since}, takes the time from that lookup ({@code occurredAt}, stamped by the gateway when it answered)
 * to the alert's record on the topic (its CreateTime, stamped by audit-service's outbox relay as it sends): the
 * gateway's audit produce, the topic, audit-service's poll and transaction and its relay, end to end.
 *
 * <p>The triggering lookup is the search that crossed the threshold for {@code SEARCH_BURST} (the aggregate's
 * {@code lastSeenAt}) and the first lookup of the period for {@code OUT_OF_HOURS} ({@code firstSeenAt}); a rule that
 * judges one access has both the same. {@code UNRELATED_CHILDREN} is judged after a grace period by design and is
 * left out.
 *
 * <pre>
 *   java -cp classes:search-gateway.jar AlertLatency --bootstrap 127.0.0.1:19092 --since 2026-12-07T00:10:00Z
 * </pre>
 * Prints one JSON line per rule: alerts, p50, p99 and max in milliseconds.
 */
public final class AlertLatency {

    private static final String TOPIC = "audit.alerts.v1";

    private AlertLatency() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new TreeMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        String bootstrap = args.getOrDefault("bootstrap", "127.0.0.1:19092");
        Instant since = Instant.parse(args.getOrDefault("since", "1970-01-01T00:00:00Z"));
        Instant until = Instant.parse(args.getOrDefault("until", "9999-12-31T00:00:00Z"));
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Long>> byRule = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.value() == null) {
                        continue;
                    }
                    JsonNode alert = json.readTree(record.value());
                    String rule = alert.path("rule").asText();
                    if ("UNRELATED_CHILDREN".equals(rule)) {
                        continue;
                    }
                    JsonNode aggregate = alert.path("aggregate");
                    String lookupAt = "OUT_OF_HOURS".equals(rule) ? aggregate.path("firstSeenAt").asText()
                            : aggregate.path("lastSeenAt").asText();
                    if (lookupAt.isEmpty()) {
                        continue;
                    }
                    Instant lookup = Instant.parse(lookupAt);
                    if (lookup.isBefore(since) || lookup.isAfter(until)) {
                        continue;
                    }
                    byRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(record.timestamp() - lookup.toEpochMilli());
                }
            }
        }
        for (Map.Entry<String, List<Long>> rule : byRule.entrySet()) {
            List<Long> ms = rule.getValue();
            ms.sort(Long::compare);
            System.out.printf("{\"metric\":\"alert-latency\",\"rule\":\"%s\",\"alerts\":%d,\"p50_ms\":%d,"
                            + "\"p99_ms\":%d,\"max_ms\":%d,\"over_2s\":%d}%n", rule.getKey(), ms.size(),
                    percentile(ms, 50), percentile(ms, 99), ms.get(ms.size() - 1),
                    ms.stream().filter(m -> m > 2000).count());
        }
        if (byRule.isEmpty()) {
            System.out.println("{\"metric\":\"alert-latency\",\"alerts\":0}");
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
