package org.contactpoint.identity.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.Topics;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildSourceIdentifier;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.repository.MatchKeyRepository;
import org.contactpoint.identity.repository.SourceIdentifierRepository;
import org.contactpoint.support.messaging.OutboxWriter;

import java.util.List;
import java.util.Set;

/**
 * Publishes a child's new state through the outbox and keeps the blocking index in step, in the caller's
 * transaction. Only children that can still be matched (active, deceased, archived) are indexed.
 */
@ApplicationScoped
public class ChildPublisher {

    private final OutboxWriter outbox;
    private final SourceIdentifierRepository identifiers;
    private final MatchKeyRepository matchKeys;

    public ChildPublisher(OutboxWriter outbox, SourceIdentifierRepository identifiers, MatchKeyRepository matchKeys) {
        this.outbox = outbox;
        this.identifiers = identifiers;
        this.matchKeys = matchKeys;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Child child, String type) {
        publish(child, type, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Child child, String type, String previousLocalAuthority) {
        ChildEvent event = child.toEvent(sourceIdentifiers(child), previousLocalAuthority);
        if (ChildEventTypes.CLOSED.equals(type)) {
            event = withoutWhereaboutsOrContacts(event);
        }
        outbox.append(Topics.IDENTITY_CHILDREN, child.contactPointId(), type, event);
        boolean matchable = child.status() == ChildEvent.ChildStatus.ACTIVE
                || child.status() == ChildEvent.ChildStatus.DECEASED
                || child.status() == ChildEvent.ChildStatus.ARCHIVED;
        matchKeys.index(child.id(), matchable ? MatchKeys.of(ChildRecords.matchRecord(child)) : Set.of());
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
    List<ChildEvent.SourceIdentifier> sourceIdentifiers(Child child) {
        return identifiers.forChild(child.id()).stream().map(ChildSourceIdentifier::toEvent).toList();
    }
}
