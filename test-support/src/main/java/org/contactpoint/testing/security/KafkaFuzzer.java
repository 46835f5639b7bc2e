package org.contactpoint.testing.security;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.contactpoint.testing.RealInfrastructure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Publishes malformed records to a consumed topic, interleaved with valid ones, from a fixed seed: garbage bytes,
 * JSON of the wrong shape, broken JSON, a missing or unknown {@code ce_type}, a tombstone where none belongs, a key that
 * is not the aggregate's, hostile field values. Every bad record carries the run id in its key and in an
 * {@code x-fuzz-run} header, and its kind in {@code x-fuzz-kind}, so the dead-letter topic can be tallied afterwards.
 */
public final class KafkaFuzzer {

    public static final String RUN_HEADER = "x-fuzz-run";
    public static final String KIND_HEADER = "x-fuzz-kind";

    /** One record to send: key, value (null for a tombstone), headers. */
    public record Message(String key, String value, Map<String, String> headers) {
    }

    /** What a run sent. {@code valid} is in the order sent, so the caller can check each was applied. */
    public record Run(String runId, String topic, List<Message> valid, Map<String, Integer> badByKind) {
        public int badCount() {
            return badByKind.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private KafkaFuzzer() {
    }

    /**
     * Sends {@code total} records to {@code topic}, about one in {@code validEvery} valid (made by {@code validMessage}
     * from a running number), the rest bad, bad ones built from a valid template with headers {@code ceType} etc.
     */
    public static Run publish(String topic, long seed, int total, int validEvery, IntFunction<Message> validMessage) {
        Random random = new Random(seed);
        String runId = "fuzz" + Long.toHexString(seed) + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<Message> valid = new ArrayList<>();
        Map<String, Integer> badByKind = new TreeMap<>();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            int validNumber = 0;
            for (int i = 0; i < total; i++) {
                if (i % validEvery == 0) {
                    Message message = validMessage.apply(validNumber++);
                    valid.add(message);
                    send(producer, topic, message.key(), bytes(message.value()), message.headers());
                    continue;
                }
                Message template = validMessage.apply(1_000_000 + i);
                String kind = KINDS.get(random.nextInt(KINDS.size()));
                Map<String, String> headers = new LinkedHashMap<>(template.headers());
                headers.put(RUN_HEADER, runId);
                headers.put(KIND_HEADER, kind);
                headers.put("ce_id", UUID.randomUUID().toString());
                String key = runId + "-" + template.key();
                byte[] value = bytes(template.value());
                switch (kind) {
                    case "garbage bytes" -> {
                        value = new byte[1 + random.nextInt(200)];
                        random.nextBytes(value);
                    }
                    case "wrong schema" -> value = bytes("{\"hello\":\"world\",\"version\":\"one\"}");
                    case "wrong JSON type" -> value = bytes(HostileValues.JSON_VALUES.get(
                            random.nextInt(HostileValues.JSON_VALUES.size())));
                    case "broken JSON" -> value = bytes(template.value().substring(0,
                            random.nextInt(Math.max(1, template.value().length()))));
                    case "missing ce_type" -> headers.remove("ce_type");
                    case "unknown ce_type" -> headers.put("ce_type", HostileValues.string(random));
                    case "tombstone" -> value = null;
                    case "hostile field" -> value = bytes(hostileField(template.value(), random));
                    case "NUL in a field" -> value = bytes(unstorableField(template.value(), HostileValues.NUL, random));
                    case "lone surrogate in a field" -> value = bytes(unstorableField(template.value(),
                            HostileValues.LONE_SURROGATE, random));
                    case "deep nesting" -> value = bytes("[".repeat(5000) + "]".repeat(5000));
                    default -> throw new IllegalStateException(kind);
                }
                badByKind.merge(kind, 1, Integer::sum);
                send(producer, topic, key, value, headers);
            }
            producer.flush();
        }
        return new Run(runId, topic, valid, badByKind);
    }

    /** The kinds of bad record. */
    public static final List<String> KINDS = List.of("garbage bytes", "wrong schema", "wrong JSON type",
            "broken JSON", "missing ce_type", "unknown ce_type", "tombstone", "hostile field", "deep nesting",
            "NUL in a field", "lone surrogate in a field");

    /**
     * Kinds no consumer can apply, so each must reach the dead-letter topic. A hostile field value may be legitimately
     * stored verbatim, and an unknown {@code ce_type} may be skipped by a reader built for forward compatibility; but
     * text with a NUL or a lone surrogate can be stored by no database, whatever field it is in.
     */
    public static final java.util.Set<String> MUST_DEAD_LETTER = java.util.Set.of("garbage bytes", "wrong schema",
            "wrong JSON type", "broken JSON", "missing ce_type", "tombstone", "deep nesting", "NUL in a field",
            "lone surrogate in a field");

    /** How many records of the kinds in {@link #MUST_DEAD_LETTER} the run sent. */
    public static int mustDeadLetter(Run run) {
        return run.badByKind().entrySet().stream().filter(e -> MUST_DEAD_LETTER.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** Of the dead-lettered tally, how many were of the kinds in {@link #MUST_DEAD_LETTER}, with a reason. */
    public static int deadLetteredWithReason(Map<String, Integer> deadLettered) {
        return deadLettered.entrySet().stream().filter(e -> MUST_DEAD_LETTER.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /**
     * Reads {@code topic + ".dlq"} until every record of this run that must be dead-lettered is there with a reason
     * (any others that arrived by then are tallied too), or the timeout passes: a loaded machine may take a while,
     * and the wait ends as soon as they are all there.
     */
    public static Map<String, Integer> deadLettered(Run run, Duration timeout) {
        int expected = mustDeadLetter(run);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "fuzz-dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Integer> byKind = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(run.topic() + ".dlq"));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && deadLetteredWithReason(byKind) < expected) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                    if (!key.startsWith(run.runId())) {
                        continue;
                    }
                    var kind = record.headers().lastHeader(KIND_HEADER);
                    var reason = record.headers().lastHeader("dead-letter-reason");
                    String name = (kind == null ? "?" : new String(kind.value(), StandardCharsets.UTF_8))
                            + (reason == null ? " (no reason)"
                            : inWords(new String(reason.value(), StandardCharsets.UTF_8)) ? "" : " (reason not in words)");
                    byKind.merge(name, 1, Integer::sum);
                }
            }
        }
        return byKind;
    }

    /**
     * Whether a dead-letter reason is in words for whoever reads the dead-letter topic: no SQL statement, no Java class
     * name, no stack trace, no Jackson internals.
     */
    public static boolean inWords(String reason) {
        return reason != null && !reason.isBlank()
                && !UNWORDED.matcher(reason).find();
    }

    private static final java.util.regex.Pattern UNWORDED = java.util.regex.Pattern.compile(
            "(?i)\\b(insert into|select .* from|update \\w+ set|delete from|sql|psql|jdbc|hibernate)\\b"
                    + "|\\b(java|javax|jakarta|org|com|io)\\.[a-z]+\\.|Exception\\b|\\n\\s*at |`");

    /**
     * Puts the text into one string value of the JSON, chosen at random: some fields are refused by their own rules
     * anyway, the free-text ones are where the text would otherwise reach the database.
     */
    private static String unstorableField(String json, String text, Random random) {
        List<int[]> values = new ArrayList<>();
        for (int colon = json.indexOf(":\""); colon >= 0; colon = json.indexOf(":\"", colon + 2)) {
            int end = json.indexOf('"', colon + 2);
            if (end < 0) {
                break;
            }
            values.add(new int[]{colon + 2, end});
        }
        if (values.isEmpty()) {
            return json;
        }
        int[] value = values.get(random.nextInt(values.size()));
        String quoted = HostileValues.quote(text);
        return json.substring(0, value[0]) + json.substring(value[0], value[1]) + quoted.substring(1, quoted.length() - 1)
                + json.substring(value[1]);
    }

    private static String hostileField(String json, Random random) {
        // Replace the first string value with a hostile one: the record stays JSON, the field does not.
        int colon = json.indexOf(":\"");
        if (colon < 0) {
            return json;
        }
        int end = json.indexOf('"', colon + 2);
        return json.substring(0, colon + 1) + HostileValues.json(random) + json.substring(end + 1);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value,
                             Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, v) -> recordHeaders.add(name, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(topic, null, bytes(key), value, recordHeaders));
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
