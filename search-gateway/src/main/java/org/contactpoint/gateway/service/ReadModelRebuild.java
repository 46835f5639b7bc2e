package org.contactpoint.gateway.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.repository.ChildIndexRepository;
import org.contactpoint.gateway.repository.ChildRepository;
import org.contactpoint.support.audit.AuditTrail;
import org.contactpoint.support.messaging.InboxGuard;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;
import org.contactpoint.support.messaging.MessagingConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Rebuilds the read model from the topics, from the beginning: identity first (so that, in targeted mode, a child's
 * involvements find the child), then involvements. It runs in one transaction under an exclusive advisory lock that
 * the live consumers share: readers keep seeing the old model until the new one commits, and live events wait.
 */
@ApplicationScoped
public class ReadModelRebuild {

    /** Held exclusively by a rebuild, shared by every live event applied (see {@link ReadModelConsumerHandler}). */
    static final long READ_MODEL_LOCK = 0x6A7E_4EADL;
    private static final int REBUILD_TIMEOUT_SECONDS = 4 * 3600;
    private static final int CLEAR_SESSION_EVERY = 500;

    /** What a rebuild did. */
    public record Report(long childEvents, long involvementEvents, long skippedInvalid, long children,
                         long involvements) {
    }

    private final ReadModelProjection projection;
    private final InboxGuard inbox;
    private final ChildIndexRepository index;
    private final ChildRepository children;
    private final AuditTrail audit;
    private final MessagingConfig messaging;
    private final GatewayConfig config;
    private final Clock clock;

    public ReadModelRebuild(ReadModelProjection projection, InboxGuard inbox, ChildIndexRepository index,
                            ChildRepository children, AuditTrail audit, MessagingConfig messaging,
                            GatewayConfig config, Clock clock) {
        this.projection = projection;
        this.inbox = inbox;
        this.index = index;
        this.children = children;
        this.audit = audit;
        this.messaging = messaging;
        this.config = config;
        this.clock = clock;
    }

    public Report rebuild(LookupContext context) {
        return QuarkusTransaction.requiringNew().timeout(REBUILD_TIMEOUT_SECONDS).call(() -> {
            index.lockReadModel(READ_MODEL_LOCK, true);
            index.clearReadModel();
            long[] skipped = {0};
            // The replay drops a duplicate message id just as the live inbox did, in rows of its own.
            String replayInbox = "search-gateway.rebuild-" + UUID.randomUUID();
            long childEvents = replay(Topics.IDENTITY_CHILDREN, replayInbox,
                    event -> projection.applyChild(event, config.scope()), skipped);
            long involvementEvents = replay(Topics.INVOLVEMENT_INVOLVEMENTS, replayInbox,
                    event -> projection.applyInvolvement(event, config.scope()), skipped);
            index.forgetInbox(replayInbox);
            children.flush();
            Report report = new Report(childEvents, involvementEvents, skipped[0], children.count(),
                    index.count("involvement"));
            audit.record(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), LookupService.SERVICE,
                    context.caller().toActor(), "REBUILD_READ_MODEL", "SUCCESS", context.purpose().name(),
                    Map.of("childEvents", String.valueOf(childEvents),
                            "involvementEvents", String.valueOf(involvementEvents)),
                    List.of(), 0, null, false, List.of()));
            Log.infof("Read model rebuilt: %s", report);
            return report;
        });
    }

    private long replay(String topic, String replayInbox, Consumer<IncomingEvent> apply, long[] skipped) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, messaging.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "search-gateway-rebuild-" + UUID.randomUUID(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        long applied = 0;
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Up to the end as it is now; anything later reaches the model through the live consumers.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        IncomingEvent event = IncomingEvent.from(record);
                        if (inbox.firstDelivery(replayInbox, event.id())) {
                            apply.accept(event);
                        }
                    } catch (InvalidEventException e) {
                        skipped[0]++;
                        Log.warnf("Rebuild skipped %s/%d/%d: %s", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                    }
                    if (++applied % CLEAR_SESSION_EVERY == 0) {
                        children.flush();
                        children.getEntityManager().clear();
                    }
                }
            }
        }
        return applied;
    }
}
