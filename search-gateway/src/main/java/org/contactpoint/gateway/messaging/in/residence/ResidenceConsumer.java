package org.contactpoint.gateway.messaging.in.residence;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.gateway.application.reports.Residences;
import org.contactpoint.gateway.domain.reports.Residence;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.Set;

/**
 * The local authority reports' own consumer of {@code identity.children.v1} (channel {@code la-residence}, its own
 * consumer group): records when each child's responsible local authority last changed. Every child event carries the
 * child's whole state, so each is applied (newest version wins); a purge (tombstone) forgets the child. A record that
 * can never be applied is refused with its reason, which the channel's dead-letter queue carries in words.
 */
@ApplicationScoped
public class ResidenceConsumer {

    private static final Set<String> CHILD_TYPES = Set.of(ChildEventTypes.REGISTERED, ChildEventTypes.UPDATED,
            ChildEventTypes.SHIELDED, ChildEventTypes.UNSHIELDED, ChildEventTypes.MERGED, ChildEventTypes.UNMERGED,
            ChildEventTypes.MOVED_LOCAL_AUTHORITY, ChildEventTypes.DIED, ChildEventTypes.ARCHIVED,
            ChildEventTypes.CLOSED);

    private final Residences residences;

    public ResidenceConsumer(Residences residences) {
        this.residences = residences;
    }

    @Incoming("la-residence")
    @Blocking
    public void onChild(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (event.isTombstone()) {
            if (event.key() == null || !ContactPointIds.isValid(event.key())) {
                throw new InvalidEventException("a tombstone's key must be the child's ContactPoint ID");
            }
            residences.purge(event.id(), event.key());
            return;
        }
        if (!CHILD_TYPES.contains(event.type())) {
            throw new InvalidEventException("ce_type " + event.type() + " is not a child event this consumer reads");
        }
        // Validated against the contract, the record key checked against its contactPointId.
        ChildEvent child = Inbound.parse(event, ChildEvent.class);
        String previous = ChildEventTypes.MOVED_LOCAL_AUTHORITY.equals(event.type())
                ? child.previousResponsibleLocalAuthority() : null;
        residences.apply(event.id(), new Residence(child.contactPointId(), child.version(),
                child.responsibleLocalAuthority(), previous,
                child.occurredAt() == null ? Instant.now() : child.occurredAt()));
    }
}
