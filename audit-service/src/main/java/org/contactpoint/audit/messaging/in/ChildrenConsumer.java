package org.contactpoint.audit.messaging.in;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.contactpoint.audit.application.ChildProfileBatches;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;
import org.contactpoint.support.messaging.RecordTrace;
import org.contactpoint.support.tracing.Tracing;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Children (identity.children.v1) a poll at a time (the channel is in batch mode), applied in one transaction through
 * {@link ChildProfileBatches}. A record that can never be applied is dead-lettered with its reason before the
 * transaction and the rest of the poll applies; while the database is unavailable the poll is retried, holding the
 * partitions; if it keeps failing for another reason it is applied record by record ({@link ReferenceDataHandler}),
 * so only the record that cannot be stored is dead-lettered. Offsets are committed once the method returns.
 */
@ApplicationScoped
public class ChildrenConsumer {

    private final ChildProfileBatches batches;
    private final ReferenceDataHandler oneByOne;
    private final DeadLetters deadLetters;
    private final Tracing tracing;

    public ChildrenConsumer(ChildProfileBatches batches, ReferenceDataHandler oneByOne, DeadLetters deadLetters,
                            Tracing tracing) {
        this.batches = batches;
        this.oneByOne = oneByOne;
        this.deadLetters = deadLetters;
        this.tracing = tracing;
    }

    @Incoming("children")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        handle(records);
    }

    /** A poll: the valid records applied together, each invalid one dead-lettered with its reason. */
    public void handle(Iterable<ConsumerRecord<String, String>> records) {
        List<IncomingEvent> read = new ArrayList<>();
        List<ChildProfileBatches.Delivery> deliveries = new ArrayList<>();
        List<ConsumerRecord<String, String>> origins = new ArrayList<>();
        List<DeadLetters.DeadLetter> invalid = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                IncomingEvent event = IncomingEvent.from(record);
                deliveries.add(delivery(event));
                read.add(event);
                origins.add(record);
            } catch (InvalidEventException e) {
                invalid.add(new DeadLetters.DeadLetter(record, new InvalidEventException(e.getMessage())));
            }
        }
        if (!deliveries.isEmpty()) {
            try {
                // In each record's trace (a consumer span per traced record), as the records are applied together.
                tracing.processAll(read.get(0).topic(), origins.stream().map(RecordTrace::of).toList(),
                        () -> ConsumerRetry.untilApplied(read.get(0),
                                () -> batches.receiveAll(ReferenceDataHandler.CHILDREN_CONSUMER, deliveries)));
            } catch (RuntimeException e) {
                Log.warnf("A poll of %d child events keeps failing (%s); applying it record by record",
                        deliveries.size(), e.getMessage());
                for (int i = 0; i < read.size(); i++) {
                    IncomingEvent event = read.get(i);
                    var trace = RecordTrace.of(origins.get(i));
                    try {
                        ConsumerRetry.untilApplied(event,
                                () -> tracing.process(event.topic(), trace, () -> oneByOne.child(event)));
                    } catch (InvalidEventException refused) {
                        invalid.add(new DeadLetters.DeadLetter(origins.get(i), refused));
                    }
                }
            }
        }
        deadLetters.send(invalid);
    }

    /** The record checked as the inbound template and {@link ReferenceDataHandler#child} check it. */
    private static ChildProfileBatches.Delivery delivery(IncomingEvent event) {
        if (!event.isTombstone() && (event.type() == null
                || !ReferenceDataHandler.CHILD_TYPES.contains(event.type()))) {
            throw new InvalidEventException("unknown ce_type " + event.type() + "; expected one of "
                    + ReferenceDataHandler.CHILD_TYPES.stream().sorted().toList());
        }
        if (event.isTombstone() || ChildEventTypes.PURGED.equals(event.type())) {
            // A purge is a tombstone: the key is the only thing that names the child.
            if (!ContactPointIds.isValid(event.key())) {
                throw new InvalidEventException("a purge must be keyed by the child's ContactPoint ID");
            }
            return ChildProfileBatches.Delivery.purge(event.id(), event.key());
        }
        return ChildProfileBatches.Delivery.of(event.id(),
                ReferenceDataHandler.state(Inbound.parse(event, ChildEvent.class)));
    }
}
