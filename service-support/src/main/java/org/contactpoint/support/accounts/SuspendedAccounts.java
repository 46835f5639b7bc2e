package org.contactpoint.support.accounts;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpoint.events.accounts.AccountSuspension;
import org.contactpoint.events.json.EventJson;
import org.contactpoint.support.messaging.KafkaClients;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts refused now, held in memory by every instance of every service: the whole compacted suspension topic,
 * read from its beginning at start and followed from then on. No consumer group and no committed offsets: each instance
 * needs every record. A token stays valid until it expires, so this, not the identity provider, is what makes a
 * suspension take effect on the account's next request. A record that breaks the contract is logged and skipped (a
 * dead letter would need a group's offsets to mean anything; the producer is audit-service's outbox).
 */
@Singleton
public class SuspendedAccounts {

    private final SuspensionConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Map<String, AccountSuspension> refused = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread worker;

    public SuspendedAccounts(SuspensionConfig config,
                             @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    /** The suspension or closure in force for this user id, if any. */
    public Optional<AccountSuspension> of(String userId) {
        return userId == null ? Optional.empty() : Optional.ofNullable(refused.get(userId));
    }

    /** Whether this instance has read the topic as far as it reached when the instance started. */
    public boolean loaded() {
        return loaded || !config.enabled();
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        // The brokers' security settings (SASL/SCRAM or mTLS) as every channel has them.
        Map<String, Object> consumerConfig = KafkaClients.security(kafkaConfig);
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A consumer must not create the topic with the broker's defaults: it is compacted, and declared by deploy/.
        consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "account-suspensions-" + System.identityHashCode(this));
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        running = true;
        worker = new Thread(this::run, "account-suspensions");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (worker != null) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try (KafkaConsumer<String, String> kafka = consumer) {
            while (running) {
                try {
                    follow(kafka);
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException e) {
                    // Failing open would let a suspended account back in on this instance: keep trying, from the
                    // topic's beginning again (a compacted topic is small), while readiness stays as it was.
                    Log.errorf(e, "ALERT account suspensions could not be read; retrying in %s",
                            config.topicCheckInterval());
                    pause();
                }
            }
        } catch (WakeupException stopping) {
            // shutting down
        }
    }

    private void follow(KafkaConsumer<String, String> kafka) {
        List<TopicPartition> partitions = awaitTopic(kafka);
        if (partitions.isEmpty()) {
            return;
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> startEnds = kafka.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            if (!loaded && startEnds.entrySet().stream()
                    .allMatch(end -> kafka.position(end.getKey()) >= end.getValue())) {
                loaded = true;
                Log.infof("Account suspensions loaded: %d accounts refused", refused.size());
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.topicCheckInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The topic's partitions once it exists; none when stopped first. Until it exists nothing is suspended. */
    private List<TopicPartition> awaitTopic(KafkaConsumer<String, String> kafka) {
        while (running) {
            List<PartitionInfo> infos = kafka.listTopics(Duration.ofSeconds(10)).get(config.topic());
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            loaded = true;
            pause();
        }
        return List.of();
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            Log.warnf("Skipped an account suspension without a key at %s-%d@%d", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        if (record.value() == null) {
            refused.remove(record.key());
            return;
        }
        try {
            AccountSuspension suspension = EventJson.read(record.value(), AccountSuspension.class);
            if (!record.key().equals(suspension.expectedKey())) {
                Log.errorf("Skipped an account suspension keyed %s for another user at %s-%d@%d", record.key(),
                        record.topic(), record.partition(), record.offset());
                return;
            }
            refused.put(record.key(), suspension);
        } catch (RuntimeException e) {
            Log.errorf("Skipped an account suspension that breaks its contract at %s-%d@%d: %s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }
}
