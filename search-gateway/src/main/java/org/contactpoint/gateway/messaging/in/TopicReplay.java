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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Replays the identity and involvement topics from the beginning to their current end with a consumer of its own
 * (no group, nothing committed), inside the rebuild's transaction. Each record gets the live consumers' checks
 * ({@link ReadModelEvents}); one that fails them is skipped and counted, and the transaction stays usable. A poll
 * is applied at a time, set-based, as the live consumers apply one.
 */
@ApplicationScoped
public class TopicReplay implements ReadModelHistory {

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
        return replay(Topics.IDENTITY_CHILDREN, replayInbox, events::readChild,
                changes -> projection.applyChildren(changes, config.scope()));
    }

    @Override
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = InvalidEventException.class)
    public Replayed replayInvolvements(String replayInbox) {
        return replay(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, replayInbox, events::readInvolvement,
                projection::applyInvolvements);
    }

    /**
     * A poll at a time, as the live consumers apply one: its message ids recorded in the replay's inbox in one
     * statement (a second copy dropped), each record read and checked on its own (an invalid one skipped and counted),
     * then the poll's changes applied together, in the order read.
     */
    private <C> Replayed replay(String topic, String replayInbox, Function<IncomingEvent, C> read,
                                Consumer<List<C>> apply) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, messaging.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "search-gateway-rebuild-" + UUID.randomUUID(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        long replayed = 0;
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
                List<IncomingEvent> polled = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    replayed++;
                    try {
                        polled.add(IncomingEvent.from(record));
                    } catch (InvalidEventException e) {
                        skipped++;
                        skip(record.topic(), record.partition(), record.offset(), e);
                    }
                }
                if (polled.isEmpty()) {
                    continue;
                }
                Set<String> first = inbox.firstDeliveries(replayInbox,
                        polled.stream().map(IncomingEvent::id).distinct().toList());
                Set<String> taken = new HashSet<>();
                List<C> changes = new ArrayList<>();
                for (IncomingEvent event : polled) {
                    if (!first.contains(event.id()) || !taken.add(event.id())) {
                        continue;
                    }
                    try {
                        changes.add(read.apply(event));
                    } catch (InvalidEventException e) {
                        skipped++;
                        skip(event.topic(), event.partition(), event.offset(), e);
                    }
                }
                apply.accept(changes);
                // What Hibernate holds (nothing of the projection's own) is let go, so a long replay stays small.
                projection.clearSession();
            }
        }
        return new Replayed(replayed, skipped);
    }

    private static void skip(String topic, int partition, long offset, InvalidEventException e) {
        Log.warnf("Rebuild skipped %s/%d/%d: %s", topic, partition, offset, e.getMessage());
    }
}
