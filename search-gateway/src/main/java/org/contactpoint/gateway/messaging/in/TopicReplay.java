package org.contactpoint.gateway.messaging.in;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpoint.events.Topics;
import org.contactpoint.gateway.application.ReadModelHistory;
import org.contactpoint.gateway.application.ReadModelProjection;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.support.messaging.InboxGuard;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;
import org.contactpoint.support.messaging.MessagingConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Replays the identity and involvement topics from the beginning to their current end with a consumer of its own
 * (no group, nothing committed), inside the rebuild's transaction. Each record gets the live consumers' checks
 * ({@link ReadModelEvents}); one that fails them is skipped and counted, and the transaction stays usable.
 */
@ApplicationScoped
public class TopicReplay implements ReadModelHistory {

    private static final int CLEAR_SESSION_EVERY = 500;

    private final ReadModelEvents events;
    private final ReadModelProjection projection;
    private final InboxGuard inbox;
    private final MessagingConfig messaging;
    private final GatewayConfig config;

    public TopicReplay(ReadModelEvents events, ReadModelProjection projection, InboxGuard inbox,
                       MessagingConfig messaging, GatewayConfig config) {
        this.events = events;
        this.projection = projection;
        this.inbox = inbox;
        this.messaging = messaging;
        this.config = config;
    }

    @Override
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = InvalidEventException.class)
    public Replayed replayChildren(String replayInbox) {
        return replay(Topics.IDENTITY_CHILDREN, replayInbox, event -> events.applyChild(event, config.scope()));
    }

    @Override
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = InvalidEventException.class)
    public Replayed replayInvolvements(String replayInbox) {
        return replay(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, replayInbox,
                event -> events.applyInvolvement(event, config.scope()));
    }

    private Replayed replay(String topic, String replayInbox, Consumer<IncomingEvent> apply) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, messaging.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "search-gateway-rebuild-" + UUID.randomUUID(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        long read = 0;
        long skipped = 0;
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
                        skipped++;
                        Log.warnf("Rebuild skipped %s/%d/%d: %s", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                    }
                    if (++read % CLEAR_SESSION_EVERY == 0) {
                        projection.clearSession();
                    }
                }
            }
        }
        return new Replayed(read, skipped);
    }
}
