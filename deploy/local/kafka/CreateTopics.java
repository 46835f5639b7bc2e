import java.nio.file.Files;
import java.util.Collection;
import java.util.HashMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the local stack's topics in one JVM (TopicCommand would start one JVM per topic).
 * Run by kafka.sh as a single-file source program:
 * {@code java -cp '.local/kafka/libs/*' CreateTopics.java <bootstrap> <topics-file>}.
 * Each line of the topics file is {@code <name> <partitions> <compact|delete> <<n>d|forever>}; {@code <name>.dlq}
 * is added with one partition, delete, 30 days. A topic that exists already gets the file's cleanup policy and
 * retention applied (so an older local broker follows a changed policy); its partitions are left as they are.
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CreateTopics <bootstrap-servers> <topics-file>");
            System.exit(2);
        }
        List<NewTopic> wanted = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 4) {
                throw new IllegalArgumentException("expected <name> <partitions> <cleanup.policy> <retention>: " + line);
            }
            NewTopic topic = new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1);
            topic.configs(config(parts[2], parts[3]));
            wanted.add(topic);
            wanted.add(new NewTopic(parts[0] + ".dlq", 1, (short) 1).configs(config("delete", "30d")));
        }

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        // The broker may still be electing itself controller; keep retrying for a minute.
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (NewTopic t : wanted) {
                if (existing.contains(t.name())) {
                    changes.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), t.configs().entrySet().stream()
                            .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                            .toList());
                }
            }
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(changes).all().get();
            }
            if (missing.isEmpty()) {
                System.out.println("topics: all " + wanted.size() + " present");
                return;
            }
            Map<String, org.apache.kafka.common.KafkaFuture<Void>> results = admin.createTopics(missing).values();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    // A service auto-created it in the meantime: fine.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            System.out.println("topics: created " + missing.size() + ", " + (wanted.size() - missing.size())
                    + " already present");
        }
    }

    /** cleanup.policy and retention.ms from the list's words; a compacted topic keeps a tombstone for a week. */
    static Map<String, String> config(String cleanupPolicy, String retention) {
        if (!cleanupPolicy.equals("compact") && !cleanupPolicy.equals("delete")) {
            throw new IllegalArgumentException("cleanup.policy must be compact or delete, not " + cleanupPolicy);
        }
        if (!retention.equals("forever") && !retention.matches("\\d+d")) {
            throw new IllegalArgumentException("retention must be <n>d or forever, not " + retention);
        }
        String ms = retention.equals("forever") ? "-1"
                : String.valueOf(Long.parseLong(retention.substring(0, retention.length() - 1)) * 86_400_000L);
        Map<String, String> config = new HashMap<>(Map.of("cleanup.policy", cleanupPolicy, "retention.ms", ms));
        if (cleanupPolicy.equals("compact")) {
            config.put("delete.retention.ms", String.valueOf(7 * 86_400_000L));
        }
        return config;
    }
}
