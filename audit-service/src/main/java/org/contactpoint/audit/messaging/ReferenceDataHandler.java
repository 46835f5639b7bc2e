package org.contactpoint.audit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.ChildInvolvement;
import org.contactpoint.audit.domain.ChildProfile;
import org.contactpoint.audit.repository.ChildInvolvementRepository;
import org.contactpoint.audit.repository.ChildProfileRepository;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.support.messaging.InboxGuard;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

/**
 * Keeps what the rules, reports and notifications need to know about children and involvements: the newest version
 * wins, a purge or removal deletes.
 */
@ApplicationScoped
public class ReferenceDataHandler {

    static final String CHILDREN_CONSUMER = "audit-children";
    static final String INVOLVEMENTS_CONSUMER = "audit-involvements";

    private final InboxGuard inbox;
    private final ChildProfileRepository children;
    private final ChildInvolvementRepository involvements;
    private final ObjectMapper objectMapper;

    public ReferenceDataHandler(InboxGuard inbox, ChildProfileRepository children,
                                ChildInvolvementRepository involvements, ObjectMapper objectMapper) {
        this.inbox = inbox;
        this.children = children;
        this.involvements = involvements;
        this.objectMapper = objectMapper;
    }

    @Transactional
    public void child(IncomingEvent incoming) {
        if (!inbox.firstDelivery(CHILDREN_CONSUMER, incoming.id())) {
            return;
        }
        if (incoming.isTombstone() || ChildEventTypes.PURGED.equals(incoming.type())) {
            if (incoming.key() == null || !org.contactpoint.events.ContactPointIds.isValid(incoming.key())) {
                throw new InvalidEventException("a purge must be keyed by the child's ContactPoint ID");
            }
            children.deleteById(incoming.key());
            return;
        }
        ChildEvent event = read(incoming, ChildEvent.class);
        if (event.contactPointId() == null || event.contactPointId().isBlank()) {
            throw new InvalidEventException("missing contactPointId");
        }
        children.findByIdOptional(event.contactPointId())
                .ifPresentOrElse(profile -> profile.apply(event), () -> children.persist(ChildProfile.of(event)));
    }

    @Transactional
    public void involvement(IncomingEvent incoming) {
        if (!inbox.firstDelivery(INVOLVEMENTS_CONSUMER, incoming.id())) {
            return;
        }
        InvolvementEvent event = read(incoming, InvolvementEvent.class);
        if (event.involvementId() == null || event.contactPointId() == null || event.status() == null) {
            throw new InvalidEventException("involvementId, contactPointId and status are required");
        }
        var known = involvements.findByIdOptional(event.involvementId());
        if (event.status() == InvolvementEvent.Status.REMOVED || event.organisation() == null
                || event.organisation().code() == null) {
            // Removed, or a sensitive service that names no organisation: nothing to keep.
            if (known.isPresent() && event.version() > known.get().version()) {
                involvements.delete(known.get());
            }
            return;
        }
        known.ifPresentOrElse(involvement -> involvement.apply(event),
                () -> involvements.persist(ChildInvolvement.of(event)));
    }

    private <T> T read(IncomingEvent incoming, Class<T> type) {
        if (incoming.isTombstone()) {
            throw new InvalidEventException("unexpected tombstone of type " + incoming.type());
        }
        try {
            return objectMapper.readValue(incoming.payload(), type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
