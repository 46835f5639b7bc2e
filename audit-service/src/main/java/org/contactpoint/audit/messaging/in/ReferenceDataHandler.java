package org.contactpoint.audit.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.application.ReferenceData;
import org.contactpoint.audit.domain.ChildState;
import org.contactpoint.audit.domain.InvolvementState;
import org.contactpoint.audit.domain.InvolvementStatus;
import org.contactpoint.audit.domain.Vulnerability;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.Inbound.Tombstones;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Children (identity.children.v1) and involvements (involvement.involvements.v2, keyed by involvement id, a tombstone
 * on removal) on the inbound template, reduced to the domain's states and handed to {@link ReferenceData}.
 */
@ApplicationScoped
public class ReferenceDataHandler {

    /** Inbox consumer names: unchanged, so redeliveries from before a change are still recognised. */
    static final String CHILDREN_CONSUMER = "audit-children";
    static final String INVOLVEMENTS_CONSUMER = "audit-involvements";

    static final Set<String> CHILD_TYPES = Set.of(ChildEventTypes.REGISTERED, ChildEventTypes.UPDATED,
            ChildEventTypes.SHIELDED, ChildEventTypes.UNSHIELDED, ChildEventTypes.MERGED, ChildEventTypes.UNMERGED,
            ChildEventTypes.MOVED_LOCAL_AUTHORITY, ChildEventTypes.DIED, ChildEventTypes.ARCHIVED,
            ChildEventTypes.CLOSED, ChildEventTypes.PURGED);
    static final Set<String> INVOLVEMENT_TYPES = Set.of(InvolvementEventTypes.STARTED, InvolvementEventTypes.UPDATED,
            InvolvementEventTypes.CEASED, InvolvementEventTypes.REMOVED, InvolvementEventTypes.REHOMED);

    private final Inbound inbound;
    private final ReferenceData referenceData;

    public ReferenceDataHandler(Inbound inbound, ReferenceData referenceData) {
        this.inbound = inbound;
        this.referenceData = referenceData;
    }

    @Transactional
    public void child(IncomingEvent incoming) {
        inbound.receive(incoming, CHILDREN_CONSUMER, CHILD_TYPES, ChildEvent.class, Tombstones.ACCEPTED)
                .ifPresent(delivery -> {
                    if (delivery.isTombstone() || ChildEventTypes.PURGED.equals(incoming.type())) {
                        // A purge is a tombstone: the key is the only thing that names the child.
                        if (!ContactPointIds.isValid(incoming.key())) {
                            throw new InvalidEventException("a purge must be keyed by the child's ContactPoint ID");
                        }
                        referenceData.childPurged(incoming.key());
                    } else {
                        referenceData.childChanged(state(delivery.payload()));
                    }
                });
    }

    @Transactional
    public void involvement(IncomingEvent incoming) {
        inbound.receive(incoming, INVOLVEMENTS_CONSUMER, INVOLVEMENT_TYPES, InvolvementEvent.class,
                Tombstones.ACCEPTED).ifPresent(delivery -> {
                    if (delivery.isTombstone()) {
                        // A removal: the key (the involvement id) is the only thing that names the involvement.
                        if (!isInvolvementId(incoming.key())) {
                            throw new InvalidEventException("a tombstone's key must be the involvement id (a UUID)");
                        }
                        referenceData.involvementRemoved(incoming.key());
                        return;
                    }
                    InvolvementEvent event = delivery.payload();
                    if (event.involvementId() == null || event.contactPointId() == null || event.status() == null) {
                        throw new InvalidEventException("involvementId, contactPointId and status are required");
                    }
                    referenceData.involvementChanged(state(event));
                });
    }

    /** Involvement ids are UUIDs in their canonical form; a tombstone keyed by anything else removes nothing. */
    static boolean isInvolvementId(String key) {
        try {
            return key != null && UUID.fromString(key).toString().equalsIgnoreCase(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static ChildState state(ChildEvent event) {
        Set<Vulnerability> vulnerabilities = event.vulnerabilities() == null ? Set.of()
                : event.vulnerabilities().stream().map(ReferenceDataHandler::vulnerability)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Vulnerability.class)));
        return new ChildState(event.contactPointId(), event.version(), event.responsibleLocalAuthority(),
                event.shield() != null, vulnerabilities);
    }

    static InvolvementState state(InvolvementEvent event) {
        return new InvolvementState(event.involvementId(), event.contactPointId(), event.version(),
                status(event.status()), event.organisation() == null ? null : event.organisation().code(),
                event.leadProfessional(), event.occurredAt());
    }

    private static Vulnerability vulnerability(ChildEvent.Vulnerability vulnerability) {
        return switch (vulnerability) {
            case CHILD_PROTECTION_PLAN -> Vulnerability.CHILD_PROTECTION_PLAN;
            case LOOKED_AFTER -> Vulnerability.LOOKED_AFTER;
            case CHILDRENS_SOCIAL_CARE_FLAG -> Vulnerability.CHILDRENS_SOCIAL_CARE_FLAG;
        };
    }

    private static InvolvementStatus status(InvolvementEvent.Status status) {
        return switch (status) {
            case ACTIVE -> InvolvementStatus.ACTIVE;
            case CEASED -> InvolvementStatus.CEASED;
            case REMOVED -> InvolvementStatus.REMOVED;
        };
    }
}
