package org.contactpoint.audit.messaging.in;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.contactpoint.audit.application.ChildInvolvementBatches;
import org.contactpoint.events.involvement.InvolvementEvent;
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
 * Involvements (involvement.involvements.v2, keyed by involvement id, a tombstone on removal) a poll at a time (the
 * channel is in batch mode), applied in one transaction through {@link ChildInvolvementBatches}. A record that can
 * never be applied is dead-lettered with its reason and the rest of the poll applies; while the database is
 * unavailable the poll is retried, holding the partitions; if it keeps failing for another reason it is applied record
 * by record ({@link ReferenceDataHandler}), so only the record that cannot be stored is dead-lettered. Offsets are
 * committed once the method returns.
 */
@ApplicationScoped
public class InvolvementsConsumer {

    private final ChildInvolvementBatches batches;
    private final ReferenceDataHandler oneByOne;
    private final DeadLetters deadLetters;
    private final Tracing tracing;

    public InvolvementsConsumer(ChildInvolvementBatches batches, ReferenceDataHandler oneByOne,
                                DeadLetters deadLetters, Tracing tracing) {
        this.batches = batches;
        this.oneByOne = oneByOne;
        this.deadLetters = deadLetters;
        this.tracing = tracing;
    }

    @Incoming("involvements")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        handle(records);
    }

    /** A poll: the valid records applied together, each invalid one dead-lettered with its reason. */
    public void handle(Iterable<ConsumerRecord<String, String>> records) {
        List<IncomingEvent> read = new ArrayList<>();
        List<ChildInvolvementBatches.Delivery> deliveries = new ArrayList<>();
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
                                () -> batches.receiveAll(ReferenceDataHandler.INVOLVEMENTS_CONSUMER, deliveries)));
            } catch (RuntimeException e) {
                Log.warnf("A poll of %d involvement events keeps failing (%s); applying it record by record",
                        deliveries.size(), e.getMessage());
                for (int i = 0; i < read.size(); i++) {
                    IncomingEvent event = read.get(i);
                    var trace = RecordTrace.of(origins.get(i));
                    try {
                        ConsumerRetry.untilApplied(event,
                                () -> tracing.process(event.topic(), trace, () -> oneByOne.involvement(event)));
                    } catch (InvalidEventException refused) {
                        invalid.add(new DeadLetters.DeadLetter(origins.get(i), refused));
                    }
                }
            }
        }
        deadLetters.send(invalid);
    }

    /** The record checked as the inbound template and {@link ReferenceDataHandler#involvement} check it. */
    private static ChildInvolvementBatches.Delivery delivery(IncomingEvent event) {
        if (!event.isTombstone() && (event.type() == null
                || !ReferenceDataHandler.INVOLVEMENT_TYPES.contains(event.type()))) {
            throw new InvalidEventException("unknown ce_type " + event.type() + "; expected one of "
                    + ReferenceDataHandler.INVOLVEMENT_TYPES.stream().sorted().toList());
        }
        if (event.isTombstone()) {
            // A removal: the key (the involvement id) is the only thing that names the involvement.
            if (!ReferenceDataHandler.isInvolvementId(event.key())) {
                throw new InvalidEventException("a tombstone's key must be the involvement id (a UUID)");
            }
            return ChildInvolvementBatches.Delivery.removal(event.id(), event.key());
        }
        InvolvementEvent payload = Inbound.parse(event, InvolvementEvent.class);
        if (payload.involvementId() == null || payload.contactPointId() == null || payload.status() == null) {
            throw new InvalidEventException("involvementId, contactPointId and status are required");
        }
        return ChildInvolvementBatches.Delivery.of(event.id(), ReferenceDataHandler.state(payload));
    }
}
