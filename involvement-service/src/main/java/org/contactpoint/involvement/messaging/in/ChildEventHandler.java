package org.contactpoint.involvement.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.involvement.application.ChildProjectionService;
import org.contactpoint.involvement.application.ChildStateChanged;
import org.contactpoint.involvement.domain.SourceIdentifier;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Applies identity.children.v1 to the projection of children: a {@link ChildEvent} (validated by its contract, keyed
 * by the child) as the child's new state, a tombstone of type {@value ChildEventTypes#PURGED} as a purge.
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

    public ChildEventHandler(Inbound inbound, ChildProjectionService projection) {
        this.inbound = inbound;
        this.projection = projection;
    }

    @Transactional
    public void apply(IncomingEvent event) {
        var delivery = inbound.receive(event, CONSUMER, TYPES, ChildEvent.class, Inbound.Tombstones.ACCEPTED);
        if (delivery.isEmpty()) {
            return;
        }
        if (delivery.get().isTombstone()) {
            if (event.key() == null || !ContactPointIds.isValid(event.key())) {
                throw new InvalidEventException("record key is not a ContactPoint ID: " + event.key());
            }
            if (!ChildEventTypes.PURGED.equals(event.type())) {
                throw new InvalidEventException("null value with ce_type " + event.type() + "; only "
                        + ChildEventTypes.PURGED + " may be a tombstone");
            }
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
