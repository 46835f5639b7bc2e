package org.contactpoint.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topic names live in three places that nothing else ties together: {@link Topics}, the local run's list
 * ({@code deploy/local/kafka/topics}, which kafka.sh creates) and the Kubernetes KafkaTopics under {@code deploy/k8s}
 * (where the broker refuses to auto-create a topic, so a missing one stops a service). This test reads the other two
 * and fails when any of the three differ: in names, in each topic's cleanup policy and retention (which
 * {@link Topics#retention} states and the event catalogue's "Retention" table explains), and in the dead-letter
 * topics (the manifests list one for every topic a service dead-letters to, as the services' configuration names
 * them; the local run creates one for every topic).
 */
class TopicListsTest {

    /** Tests run in the module's directory; the deploy tree and the services are its siblings. */
    private static final Path ROOT = Path.of("..");
    private static final Path LOCAL_TOPICS = ROOT.resolve("deploy/local/kafka/topics");
    private static final Path K8S = ROOT.resolve("deploy/k8s");
    private static final Path CATALOGUE = Path.of("README.md");
    private static final Pattern TOPIC_NAME = Pattern.compile("(?m)^\\s*topicName:\\s*\"?([^\"\\s#]+)\"?\\s*$");
    private static final Pattern CLEANUP_POLICY = Pattern.compile("(?m)^\\s*cleanup\\.policy:\\s*\"?(\\w+)\"?\\s*$");
    private static final Pattern RETENTION = Pattern.compile("(?m)^\\s*retention\\.ms:\\s*\"?(-?\\d+)\"?\\s*$");
    private static final Pattern CATALOGUE_RETENTION_ROW = Pattern.compile("^\\| `([a-z.-]+\\.v\\d+)` \\|.*retention\\.ms=");
    private static final Pattern DEAD_LETTER_KEY = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\.dead-letter-queue\\.topic");

    @Test
    void theLocalListNamesExactlyTheTopicsOfTopicsJava() throws IOException {
        assertThat(localTopics().keySet())
                .as("topic names in %s against Topics.java", LOCAL_TOPICS)
                .containsExactlyInAnyOrderElementsOf(javaTopics());
    }

    @Test
    void theKubernetesManifestsDeclareExactlyTheTopicsOfTopicsJava() throws IOException {
        Set<String> declared = kubernetesTopics().keySet().stream()
                .filter(name -> !isDeadLetter(name) && !isAgencyTopic(name))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared)
                .as("KafkaTopic names (not dead-letter, not an organisation's agency topic) under %s against Topics.java",
                        K8S)
                .containsExactlyInAnyOrderElementsOf(javaTopics());
    }

    @Test
    void theLocalListAndTheManifestsAgreeOnHowLongEachTopicKeepsItsRecords() throws IOException {
        Map<String, Topics.Retention> kubernetes = kubernetesTopics();
        Map<String, String> differing = new TreeMap<>();
        localTopics().forEach((name, retention) -> {
            if (kubernetes.containsKey(name) && !kubernetes.get(name).equals(retention)) {
                differing.put(name, "local " + retention + ", manifests " + kubernetes.get(name));
            }
        });
        assertThat(differing).as("topics whose retention differs between the local list and the manifests").isEmpty();
    }

    @Test
    void everyTopicHasADocumentedRetention() {
        for (String topic : javaTopics()) {
            assertThat(Topics.retention(topic)).as("Topics.retention(%s)", topic).isNotNull();
            assertThat(Topics.retention(topic).cleanupPolicy()).as("cleanup.policy of %s", topic).isIn("compact", "delete");
        }
    }

    @Test
    void theLocalListAndTheManifestsApplyTheRetentionOfTopicsJava() throws IOException {
        Map<String, String> differing = new TreeMap<>();
        localTopics().forEach((name, retention) -> {
            if (!retention.equals(Topics.retention(name))) {
                differing.put(name, "local " + retention + ", Topics.java " + Topics.retention(name));
            }
        });
        kubernetesTopics().forEach((name, retention) -> {
            if (!retention.equals(Topics.retention(name))) {
                differing.put(name, "manifests " + retention + ", Topics.java " + Topics.retention(name));
            }
        });
        assertThat(differing).as("topics whose cleanup.policy or retention.ms differs from Topics.retention").isEmpty();
    }

    @Test
    void theEventCatalogueStatesEachTopicsRetention() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(CATALOGUE)) {
            Matcher row = CATALOGUE_RETENTION_ROW.matcher(line);
            if (row.find()) {
                rows.put(row.group(1), line);
            }
        }
        Map<String, String> missing = new TreeMap<>();
        for (String topic : javaTopics()) {
            Topics.Retention retention = Topics.retention(topic);
            String stated = "`cleanup.policy=" + retention.cleanupPolicy() + "`, `retention.ms=" + retention.retentionMs() + "`";
            String row = rows.get(topic);
            if (row == null || !row.contains(stated)) {
                missing.put(topic, stated);
            }
        }
        assertThat(missing).as("topics whose row in %s's Retention table does not state this", CATALOGUE).isEmpty();
    }

    @Test
    void theManifestsDeclareADeadLetterTopicForEveryOneAServiceUsesAndNoOther() throws IOException {
        Set<String> declared = kubernetesTopics().keySet().stream()
                .filter(TopicListsTest::isDeadLetter)
                .filter(name -> !isAgencyTopic(name.substring(0, name.length() - Topics.deadLetter("").length())))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> used = serviceDeadLetterTopics();
        assertThat(used).as("dead-letter topics the services configure").isNotEmpty();
        assertThat(javaTopics().stream().map(Topics::deadLetter).toList())
                .as("Topics.deadLetter of the topics in Topics.java").containsAll(used);
        assertThat(declared).as("dead-letter KafkaTopics under %s against the services' configuration", K8S)
                .containsExactlyInAnyOrderElementsOf(used);
    }

    /**
     * An organisation's own agency topic (issue 16 item 9): one per organisation, added when it is onboarded, so not a
     * constant of Topics.java; each comes with its dead-letter topic, where involvement-service dead-letters its records.
     */
    @Test
    void everyOrganisationsAgencyTopicInTheManifestsHasItsDeadLetterTopic() throws IOException {
        Set<String> names = kubernetesTopics().keySet();
        Set<String> agencyTopics = names.stream().filter(TopicListsTest::isAgencyTopic)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(agencyTopics).as("organisations' agency topics under %s", K8S).isNotEmpty();
        assertThat(names).as("dead-letter topics of the agency topics")
                .containsAll(agencyTopics.stream().map(Topics::deadLetter).toList());
    }

    private static boolean isAgencyTopic(String topic) {
        return Topics.agencyOrganisation(topic).isPresent();
    }

    private static boolean isDeadLetter(String topic) {
        return topic.endsWith(Topics.deadLetter(""));
    }

    /** Every public constant of {@link Topics}. */
    private static Set<String> javaTopics() {
        return StringConstants.of(Topics.class);
    }

    /** {@code <name> <partitions> <cleanup.policy> <n>d|forever} per line; '#' starts a comment. */
    private static Map<String, Topics.Retention> localTopics() throws IOException {
        Map<String, Topics.Retention> topics = new TreeMap<>();
        for (String line : Files.readAllLines(LOCAL_TOPICS)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            assertThat(fields).as("<name> <partitions> <cleanup.policy> <retention> in %s: %s", LOCAL_TOPICS, line)
                    .hasSize(4);
            assertThat(fields[3]).as("retention of %s in %s", fields[0], LOCAL_TOPICS).matches("forever|\\d+d");
            long retentionMs = fields[3].equals("forever") ? Topics.Retention.FOREVER
                    : Long.parseLong(fields[3].substring(0, fields[3].length() - 1)) * 86_400_000L;
            assertThat(topics.put(fields[0], new Topics.Retention(fields[2], retentionMs)))
                    .as("%s listed twice in %s", fields[0], LOCAL_TOPICS).isNull();
        }
        return topics;
    }

    /** The KafkaTopic documents in every YAML file under deploy/k8s, by topic name. */
    private static Map<String, Topics.Retention> kubernetesTopics() throws IOException {
        Map<String, Topics.Retention> topics = new TreeMap<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (!document.matches("(?s).*(?m:^kind:\\s*KafkaTopic\\s*$).*")) {
                        continue;
                    }
                    Matcher name = TOPIC_NAME.matcher(document);
                    assertThat(name.find()).as("a KafkaTopic without spec.topicName in %s", file).isTrue();
                    assertThat(topics.put(name.group(1), retention(document)))
                            .as("KafkaTopic %s declared twice under %s", name.group(1), K8S).isNull();
                }
            }
        }
        return topics;
    }

    /** cleanup.policy (Kafka's default: delete) and retention.ms, which every KafkaTopic must state. */
    private static Topics.Retention retention(String kafkaTopic) {
        Matcher policy = CLEANUP_POLICY.matcher(kafkaTopic);
        Matcher retention = RETENTION.matcher(kafkaTopic);
        Matcher name = TOPIC_NAME.matcher(kafkaTopic);
        name.find();
        assertThat(retention.find()).as("KafkaTopic %s states no retention.ms", name.group(1)).isTrue();
        return new Topics.Retention(policy.find() ? policy.group(1) : "delete", Long.parseLong(retention.group(1)));
    }

    /** The dead-letter topics named in the services' application.properties (the modules beside this one). */
    private static Set<String> serviceDeadLetterTopics() throws IOException {
        Set<String> topics = new TreeSet<>();
        Map<String, Path> services = new HashMap<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.forEach(module -> {
                Path properties = module.resolve("src/main/resources/application.properties");
                if (Files.isRegularFile(properties)) {
                    services.put(module.getFileName().toString(), properties);
                }
            });
        }
        assertThat(services).as("service modules beside event-contracts").isNotEmpty();
        for (Path file : services.values()) {
            Properties properties = new Properties();
            try (var reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().stream()
                    .filter(key -> DEAD_LETTER_KEY.matcher(key).matches())
                    .map(properties::getProperty)
                    .map(String::strip)
                    .forEach(topics::add);
        }
        return topics;
    }
}
