import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the local stack's topics in one JVM (TopicCommand would start one JVM per topic).
 * Run by kafka.sh as a single-file source program:
 * {@code java -cp '.local/kafka/libs/*' CreateTopics.java <bootstrap> <topics-file>}.
 * Each line of the topics file is {@code <name> <partitions> [compact]}; {@code <name>.dlq} is added
 * with one partition. Existing topics are left as they are, so running it again changes nothing.
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
            int partitions = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            NewTopic topic = new NewTopic(parts[0], partitions, (short) 1);
            if (parts.length > 2 && parts[2].equals("compact")) {
                topic.configs(Map.of("cleanup.policy", "compact"));
            } else if (parts.length > 2 && parts[2].equals("keep")) {
                // A log that projections are rebuilt from, and that cannot be compacted: never delete by age.
                topic.configs(Map.of("retention.ms", "-1"));
            }
            wanted.add(topic);
            wanted.add(new NewTopic(parts[0] + ".dlq", 1, (short) 1));
        }

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        // The broker may still be electing itself controller; keep retrying for a minute.
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
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
}
