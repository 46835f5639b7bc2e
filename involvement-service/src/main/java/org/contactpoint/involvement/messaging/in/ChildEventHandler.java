package org.contactpoint.involvement.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import io.quarkus.logging.Log;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.involvement.application.ChildProjectionBatches;
import org.contactpoint.involvement.application.ChildProjectionService;
import org.contactpoint.involvement.application.ChildStateChanged;
import org.contactpoint.involvement.domain.SourceIdentifier;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;
import org.contactpoint.support.messaging.RecordTrace;
import org.contactpoint.support.tracing.Tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies identity.children.v1 to the projection of children: a {@link ChildEvent} (validated by its contract, keyed
 * by the child) as the child's new state, a tombstone of type {@value ChildEventTypes#PURGED} as a purge.
 *
 * <p>A poll is applied in one transaction through {@link ChildProjectionBatches} (each message in the inbox first, so
 * a redelivery changes nothing; each child's events in the order consumed). A record that can never be applied is
 * dead-lettered with its reason before the transaction, and the rest of the poll applies. While the database is
 * unavailable the poll is retried, holding the partitions; if it keeps failing for another reason it is applied record
 * by record, so only the record that cannot be stored is dead-lettered.
 */
@ApplicationScoped
public class ChildEventHandler {

    /** The inbox name: unchanged, so an event applied before an upgrade is still recognised when redelivered. */
    static final String CONSUMER = "involvement-service.identity-children";

    static final Set<String> TYPES = Set.of(ChildEventTypes.REGISTERED, ChildEventTypes.UPDATED,
            ChildEventTypes.SHIELDED, ChildEventTypes.UNSHIELDED, ChildEventTypes.MERGED, ChildEventTypes.UNMERGED,
            ChildEventTypes.MOVED_LOCAL_AUTHORITY, ChildEventTypes.DIED, ChildEventTypes.ARCHIVED,
            ChildEventTypes.CLOSED, ChildEventTypes.PURGED);

    private final Inbound inbound;
    private final ChildProjectionService projection;
    private final ChildProjectionBatches batches;
    private final DeadLetters deadLetters;
    private final Tracing tracing;

    public ChildEventHandler(Inbound inbound, ChildProjectionService projection, ChildProjectionBatches batches,
                             DeadLetters deadLetters, Tracing tracing) {
        this.inbound = inbound;
        this.projection = projection;
        this.batches = batches;
        this.tracing = tracing;
        this.deadLetters = deadLetters;
    }

    /** A poll: the valid records applied together, each invalid one dead-lettered with its reason. */
    public void handle(Iterable<ConsumerRecord<String, String>> records) {
        List<IncomingEvent> read = new ArrayList<>();
        List<ChildProjectionBatches.Delivery> deliveries = new ArrayList<>();
        List<ConsumerRecord<String, String>> origins = new ArrayList<>();
        List<DeadLetters.DeadLetter> invalid = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                IncomingEvent event = IncomingEvent.from(record);
                deliveries.add(delivery(event).withTrace(RecordTrace.of(record)));
                read.add(event);
                origins.add(record);
            } catch (InvalidEventException e) {
                invalid.add(new DeadLetters.DeadLetter(record, new InvalidEventException(e.getMessage())));
            }
        }
        if (!deliveries.isEmpty()) {
            try {
                ConsumerRetry.untilApplied(read.get(0), () -> batches.receiveAll(CONSUMER, deliveries));
            } catch (RuntimeException e) {
                Log.warnf("A poll of %d child events keeps failing (%s); applying it record by record",
                        deliveries.size(), e.getMessage());
                for (int i = 0; i < read.size(); i++) {
                    IncomingEvent event = read.get(i);
                    Map<String, String> trace = RecordTrace.of(origins.get(i));
                    try {
                        ConsumerRetry.untilApplied(event,
                                () -> tracing.process(event.topic(), trace, () -> apply(event)));
                    } catch (InvalidEventException refused) {
                        invalid.add(new DeadLetters.DeadLetter(origins.get(i), refused));
                    }
                }
            }
        }
        deadLetters.send(invalid);
    }

    /**
     * The record as a delivery, checked as the inbound template checks a record (the type, a tombstone only as a purge
     * keyed by a ContactPoint ID, the contract and its key), before any transaction.
     */
    private static ChildProjectionBatches.Delivery delivery(IncomingEvent event) {
        if (event.isTombstone()) {
            checkPurge(event);
            return ChildProjectionBatches.Delivery.purge(event.id(), event.key());
        }
        if (event.type() == null || !TYPES.contains(event.type())) {
            throw new InvalidEventException("unknown ce_type " + event.type() + "; expected one of "
                    + TYPES.stream().sorted().toList());
        }
        return ChildProjectionBatches.Delivery.of(event.id(), state(Inbound.parse(event, ChildEvent.class)));
    }

    private static void checkPurge(IncomingEvent event) {
        if (event.key() == null || !ContactPointIds.isValid(event.key())) {
            throw new InvalidEventException("record key is not a ContactPoint ID: " + event.key());
        }
        if (!ChildEventTypes.PURGED.equals(event.type())) {
            throw new InvalidEventException("null value with ce_type " + event.type() + "; only "
                    + ChildEventTypes.PURGED + " may be a tombstone");
        }
    }

    /** One record on its own, in its own transaction: for a poll that could not be applied as a whole. */
    @Transactional
    public void apply(IncomingEvent event) {
        var delivery = inbound.receive(event, CONSUMER, TYPES, ChildEvent.class, Inbound.Tombstones.ACCEPTED);
        if (delivery.isEmpty()) {
            return;
        }
        if (delivery.get().isTombstone()) {
            checkPurge(event);
            projection.purge(event.key());
            return;
        }
        projection.apply(state(delivery.get().payload()));
    }

    static ChildStateChanged state(ChildEvent child) {
        ChildEvent.Shield shield = child.shield();
        List<SourceIdentifier> identifiers = child.identifiers() == null ? List.of() : child.identifiers().stream()
                .filter(Objects::nonNull).map(i -> new SourceIdentifier(i.scheme(), i.value(), i.source())).toList();
        return new ChildStateChanged(child.contactPointId(), child.version(), child.status().name(),
                child.mergedInto(), child.responsibleLocalAuthority(),
                shield == null ? null : new ChildStateChanged.Shield(shield.since(), shield.reviewDate()),
                identifiers);
    }
}
