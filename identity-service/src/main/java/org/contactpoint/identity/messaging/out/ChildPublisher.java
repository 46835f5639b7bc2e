package org.contactpoint.identity.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.identity.domain.Address;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildChange;
import org.contactpoint.identity.domain.ChildSourceIdentifier;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.ParentCarer;
import org.contactpoint.identity.domain.SourceIdentifier;
import org.contactpoint.identity.domain.Whereabouts;
import org.contactpoint.identity.repository.SourceIdentifierRepository;
import org.contactpoint.support.messaging.OutboxWriter;

import java.util.List;

/**
 * Writes a child's state to {@code identity.children.v1} through the outbox, in the caller's transaction: the child
 * as the {@link ChildEvent} contract, keyed by its ContactPoint ID. The shield reason stays in identity.
 */
@ApplicationScoped
public class ChildPublisher {

    private final OutboxWriter outbox;
    private final SourceIdentifierRepository identifiers;

    public ChildPublisher(OutboxWriter outbox, SourceIdentifierRepository identifiers) {
        this.outbox = outbox;
        this.identifiers = identifiers;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Child child, ChildChange change, String previousLocalAuthority) {
        ChildEvent event = event(child, sourceIdentifiers(child), previousLocalAuthority);
        if (change == ChildChange.CLOSED) {
            event = withoutWhereaboutsOrContacts(event);
        }
        outbox.append(Topics.IDENTITY_CHILDREN, child.contactPointId(), type(change), event);
    }

    /**
     * Announces children a batch registered, in one multi-row outbox write: their identifiers are given (they were
     * written in the same batch), so nothing is read back per child.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void registered(List<Child> children, List<List<SourceIdentifier>> identifiersOfEach) {
        appendAll(children, identifiersOfEach, ChildChange.REGISTERED);
    }

    /**
     * As {@link #publish(Child, ChildChange, String)} for many children at once (a batch's linked children): their
     * identifiers read in one query and their events in one multi-row outbox write. One by one, each read flushed the
     * whole persistence context first, and a batch of links cost time in the square of its size.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Child> children, ChildChange change) {
        java.util.Map<Long, List<SourceIdentifier>> byChild = new java.util.HashMap<>();
        for (ChildSourceIdentifier identifier : identifiers.forChildren(children.stream().map(Child::id).toList())) {
            byChild.computeIfAbsent(identifier.childId(), id -> new java.util.ArrayList<>())
                    .add(identifier.identifier());
        }
        appendAll(children, children.stream().map(c -> byChild.getOrDefault(c.id(), List.of())).toList(), change);
    }

    private void appendAll(List<Child> children, List<List<SourceIdentifier>> identifiersOfEach, ChildChange change) {
        List<OutboxWriter.Outgoing> messages = new java.util.ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            Child child = children.get(i);
            List<ChildEvent.SourceIdentifier> identifiers = identifiersOfEach.get(i).stream()
                    .map(id -> new ChildEvent.SourceIdentifier(id.scheme(), id.value(), id.source())).toList();
            ChildEvent event = event(child, identifiers, null);
            messages.add(new OutboxWriter.Outgoing(Topics.IDENTITY_CHILDREN, child.contactPointId(), type(change),
                    change == ChildChange.CLOSED ? withoutWhereaboutsOrContacts(event) : event));
        }
        if (!messages.isEmpty()) {
            outbox.appendAll(messages);
        }
    }

    /** The event type ({@code ce_type}) that announces the change. */
    static String type(ChildChange change) {
        return switch (change) {
            case REGISTERED -> ChildEventTypes.REGISTERED;
            case UPDATED -> ChildEventTypes.UPDATED;
            case SHIELDED -> ChildEventTypes.SHIELDED;
            case UNSHIELDED -> ChildEventTypes.UNSHIELDED;
            case MERGED -> ChildEventTypes.MERGED;
            case UNMERGED -> ChildEventTypes.UNMERGED;
            case MOVED_LOCAL_AUTHORITY -> ChildEventTypes.MOVED_LOCAL_AUTHORITY;
            case DIED -> ChildEventTypes.DIED;
            case ARCHIVED -> ChildEventTypes.ARCHIVED;
            case CLOSED -> ChildEventTypes.CLOSED;
        };
    }

    /** A purged child's tombstone: every downstream store and the compacted topic forget the child. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void purged(String contactPointId) {
        outbox.append(Topics.IDENTITY_CHILDREN, contactPointId, ChildEventTypes.PURGED, null);
    }

    static ChildEvent event(Child child, List<ChildEvent.SourceIdentifier> identifiers,
                            String previousLocalAuthority) {
        return new ChildEvent(child.contactPointId(), child.version(),
                ChildEvent.ChildStatus.valueOf(child.status().name()), child.mergedInto(),
                new ChildEvent.PersonName(child.givenNames(), child.familyName()),
                child.formerNames().stream().map(ChildPublisher::formerName).toList(), child.preferredName(),
                child.dateOfBirth(), child.gender() == null ? null : ChildEvent.Gender.valueOf(child.gender().name()),
                child.dateOfDeath(), whereabouts(child.whereabouts()),
                child.parentsCarers().stream().map(ChildPublisher::parentCarer).toList(), identifiers,
                child.responsibleLocalAuthority(),
                child.isShielded() ? new ChildEvent.Shield(child.shieldSince(), child.shieldReviewDate()) : null,
                child.vulnerabilities().stream().map(v -> ChildEvent.Vulnerability.valueOf(v.name())).toList(),
                child.updatedAt(), previousLocalAuthority);
    }

    /**
     * A closed identity (after a new identity) is published without whereabouts, parents/carers or identifiers, so
     * no downstream store keeps where the child lives, or anything that leads to the new identity, under the old ID.
     */
    static ChildEvent withoutWhereaboutsOrContacts(ChildEvent event) {
        return new ChildEvent(event.contactPointId(), event.version(), event.status(), event.mergedInto(),
                event.name(), event.formerNames(), event.preferredName(), event.dateOfBirth(), event.gender(),
                event.dateOfDeath(), null, List.of(), List.of(), event.responsibleLocalAuthority(), event.shield(),
                event.vulnerabilities(), event.occurredAt(), event.previousResponsibleLocalAuthority());
    }

    /** The identifiers other services see: the internal per-source record ids are shown as the source's own. */
    private List<ChildEvent.SourceIdentifier> sourceIdentifiers(Child child) {
        return identifiers.forChild(child.id()).stream().map(ChildSourceIdentifier::identifier)
                .map(i -> new ChildEvent.SourceIdentifier(i.scheme(), i.value(), i.source())).toList();
    }

    private static ChildEvent.FormerName formerName(FormerName name) {
        return new ChildEvent.FormerName(name.givenNames(), name.familyName(),
                name.kind() == null ? null : ChildEvent.FormerName.Kind.valueOf(name.kind().name()));
    }

    private static ChildEvent.Whereabouts whereabouts(Whereabouts whereabouts) {
        if (whereabouts == null) {
            return null;
        }
        return new ChildEvent.Whereabouts(
                whereabouts.kind() == null ? null : ChildEvent.Whereabouts.Kind.valueOf(whereabouts.kind().name()),
                address(whereabouts.address()), whereabouts.intendsToReturn() == null ? null
                : ChildEvent.Whereabouts.IntentionToReturn.valueOf(whereabouts.intendsToReturn().name()));
    }

    private static ChildEvent.ParentCarer parentCarer(ParentCarer parent) {
        return new ChildEvent.ParentCarer(parent.name(), parent.relationship(), parent.parentalResponsibility(),
                parent.phone(), parent.email(), address(parent.address()));
    }

    private static ChildEvent.Address address(Address address) {
        return address == null ? null : new ChildEvent.Address(address.lines(), address.town(), address.postcode());
    }
}
