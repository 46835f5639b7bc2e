package org.contactpoint.gateway.messaging.in;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.gateway.application.ReadModelProjection;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.domain.InvolvementState;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.InboxGuard;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The consumers' side of a poll: each record read and checked on its own ({@link ReadModelEvents}), a record that can
 * never be applied dead-lettered on its own with its reason in words, and the rest applied in one transaction: wait
 * out any rebuild (the read model's lock, taken shared), record the poll's message ids in the inbox in one statement
 * (a redelivered id is dropped, and so is a second copy within the poll), then hand the new events, in the order of
 * their partitions, to the projection, which applies them set-based (newest version wins). While the database is away
 * the whole poll is retried, holding the partitions; a poll that keeps failing for another reason is applied record by
 * record, so only the record that cannot be stored is dead-lettered.
 */
@ApplicationScoped
public class ReadModelConsumerHandler {

    // The inbox names predate the consumer groups' <service>.<topic> names; kept so redeliveries are still recognised.
    static final String CHILDREN_CONSUMER = "search-gateway.identity-children";
    static final String INVOLVEMENTS_CONSUMER = "search-gateway.involvements";

    private static final int WAIT_FOR_REBUILD_SECONDS = 4 * 3600;

    /** A record read and checked, with the change it carries. */
    private record Read<C>(ConsumerRecord<String, String> record, IncomingEvent event, C change) {
    }

    private final InboxGuard inbox;
    private final ReadModelProjection projection;
    private final ReadModelEvents events;
    private final DeadLetters deadLetters;
    private final GatewayConfig config;

    public ReadModelConsumerHandler(InboxGuard inbox, ReadModelProjection projection, ReadModelEvents events,
                                    DeadLetters deadLetters, GatewayConfig config) {
        this.inbox = inbox;
        this.projection = projection;
        this.events = events;
        this.deadLetters = deadLetters;
        this.config = config;
    }

    public void onChildren(Iterable<ConsumerRecord<String, String>> records) {
        handle(records, CHILDREN_CONSUMER, events::readChild,
                changes -> projection.applyChildren(changes, config.scope()));
    }

    public void onInvolvements(Iterable<ConsumerRecord<String, String>> records) {
        handle(records, INVOLVEMENTS_CONSUMER, events::readInvolvement, projection::applyInvolvements);
    }

    private <C> void handle(Iterable<ConsumerRecord<String, String>> records, String consumer,
                            Function<IncomingEvent, C> read, Consumer<List<C>> apply) {
        List<Read<C>> valid = new ArrayList<>();
        List<DeadLetters.DeadLetter> invalid = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                IncomingEvent event = IncomingEvent.from(record);
                valid.add(new Read<>(record, event, read.apply(event)));
            } catch (InvalidEventException e) {
                invalid.add(new DeadLetters.DeadLetter(record, e));
            }
        }
        if (!valid.isEmpty()) {
            try {
                ConsumerRetry.untilApplied(valid.get(0).event(), () -> applyOnce(valid, consumer, apply));
            } catch (RuntimeException e) {
                Log.warnf("A poll of %d from %s keeps failing (%s); applying it record by record", valid.size(),
                        valid.get(0).event().topic(), e.getMessage());
                for (Read<C> one : valid) {
                    try {
                        ConsumerRetry.untilApplied(one.event(), () -> applyOnce(List.of(one), consumer, apply));
                    } catch (RuntimeException failed) {
                        invalid.add(new DeadLetters.DeadLetter(one.record(), failed));
                    }
                }
            }
        }
        deadLetters.send(invalid);
    }

    /** One transaction: the rebuild lock, the inbox for the whole poll, then the new events in order. */
    private <C> void applyOnce(List<Read<C>> reads, String consumer, Consumer<List<C>> apply) {
        QuarkusTransaction.requiringNew().timeout(WAIT_FOR_REBUILD_SECONDS).run(() -> {
            projection.awaitRebuild();
            Set<String> first = inbox.firstDeliveries(consumer, reads.stream().map(r -> r.event().id()).toList());
            Set<String> taken = new HashSet<>();
            List<C> fresh = new ArrayList<>();
            for (Read<C> read : reads) {
                if (first.contains(read.event().id()) && taken.add(read.event().id())) {
                    fresh.add(read.change());
                }
            }
            apply.accept(fresh);
        });
    }
}
