package org.contactpoint.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.gateway.domain.Involvement;
import org.contactpoint.gateway.domain.ScopeMode;
import org.contactpoint.gateway.repository.ChildIndexRepository;
import org.contactpoint.gateway.repository.ChildRepository;
import org.contactpoint.gateway.repository.InvolvementRepository;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.time.Clock;

/**
 * Applies identity and involvement events to the read model: the newest version wins, anything older or equal is
 * dropped, a tombstone forgets the child for good, and in targeted mode children outside scope are never stored.
 * Idempotency by message id is the caller's job ({@link ReadModelConsumerHandler}); a rebuild calls this directly.
 */
@ApplicationScoped
public class ReadModelProjection {

    private final ChildRepository children;
    private final ChildIndexRepository index;
    private final InvolvementRepository involvements;
    private final ObjectMapper json;
    private final Clock clock;

    public ReadModelProjection(ChildRepository children, ChildIndexRepository index,
                               InvolvementRepository involvements, ObjectMapper json, Clock clock) {
        this.children = children;
        this.index = index;
        this.involvements = involvements;
        this.json = json;
        this.clock = clock;
    }

    // An invalid event leaves the transaction usable: a rebuild skips it and carries on.
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = InvalidEventException.class)
    public void applyChild(IncomingEvent event, ScopeMode scope) {
        if (event.isTombstone()) {
            purge(event);
            return;
        }
        ChildEvent child = read(event, ChildEvent.class);
        if (child.contactPointId() == null || !ContactPointIds.isValid(child.contactPointId())) {
            throw new InvalidEventException("contactPointId is missing or has a wrong check digit");
        }
        if (!child.contactPointId().equals(event.key())) {
            // The key decides the partition and so the order of one child's events; a mismatch cannot be trusted.
            throw new InvalidEventException("contactPointId " + child.contactPointId() + " does not match the key "
                    + event.key());
        }
        if (child.version() < 1 || child.status() == null) {
            throw new InvalidEventException("version and status are required");
        }
        if (child.status() == ChildEvent.ChildStatus.MERGED && child.mergedInto() == null) {
            throw new InvalidEventException("a MERGED child needs mergedInto");
        }
        if (index.isPurged(child.contactPointId())) {
            Log.debugf("Dropped %s for purged child %s", event.id(), child.contactPointId());
            return;
        }
        Child held = children.findById(child.contactPointId());
        if (held != null && held.version() >= child.version()) {
            Log.debugf("Dropped stale %s: v%d held, v%d received", event.id(), held.version(), child.version());
            return;
        }
        if (!scope.includes(child.vulnerabilities())) {
            // Out of scope (targeted mode): forget anything held about the child.
            if (held != null) {
                forget(child.contactPointId());
            }
            return;
        }
        if (held == null) {
            held = new Child(child.contactPointId());
            held.apply(child, clock.instant());
            children.persist(held);
        } else {
            held.apply(child, clock.instant());
        }
        children.flush();
        index.reindex(held);
    }

    // An invalid event leaves the transaction usable: a rebuild skips it and carries on.
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = InvalidEventException.class)
    public void applyInvolvement(IncomingEvent event, ScopeMode scope) {
        if (event.isTombstone()) {
            throw new InvalidEventException("involvement events are never tombstones");
        }
        InvolvementEvent involvement = read(event, InvolvementEvent.class);
        if (involvement.involvementId() == null || involvement.involvementId().isBlank()
                || involvement.contactPointId() == null || involvement.status() == null || involvement.version() < 1) {
            throw new InvalidEventException("involvementId, contactPointId, version and status are required");
        }
        if (involvement.involvementId().length() > 64) {
            throw new InvalidEventException("involvementId is longer than 64 characters");
        }
        if (!ContactPointIds.isValid(involvement.contactPointId())) {
            throw new InvalidEventException("contactPointId has a wrong check digit");
        }
        if (!involvement.contactPointId().equals(event.key())) {
            // As for child events: the key decides the partition, and so the order of one child's events.
            throw new InvalidEventException("contactPointId " + involvement.contactPointId()
                    + " does not match the key " + event.key());
        }
        Involvement held = involvements.findById(involvement.involvementId());
        if ((held != null && held.version() >= involvement.version())
                || index.removedInvolvementVersion(involvement.involvementId()) >= involvement.version()) {
            Log.debugf("Dropped stale %s for involvement %s", event.id(), involvement.involvementId());
            return;
        }
        boolean keep = involvement.status() != InvolvementEvent.Status.REMOVED
                && !index.isPurged(involvement.contactPointId())
                && (scope == ScopeMode.UNIVERSAL || children.findById(involvement.contactPointId()) != null);
        if (!keep) {
            if (held != null) {
                involvements.delete(held);
            }
            if (involvement.status() == InvolvementEvent.Status.REMOVED || scope == ScopeMode.UNIVERSAL
                    || held != null) {
                index.markInvolvementRemoved(involvement.involvementId(), involvement.version());
            }
            return;
        }
        if (held == null) {
            held = new Involvement(involvement.involvementId());
            held.apply(involvement, clock.instant());
            involvements.persist(held);
        } else {
            held.apply(involvement, clock.instant());
        }
    }

    private void purge(IncomingEvent event) {
        if (event.type() != null && !ChildEventTypes.PURGED.equals(event.type())) {
            Log.warnf("Tombstone %s carries type %s; purging all the same", event.id(), event.type());
        }
        if (event.key() == null || !ContactPointIds.isValid(event.key())) {
            throw new InvalidEventException("a tombstone's key must be the child's ContactPoint ID");
        }
        forget(event.key());
        index.markPurged(event.key());
    }

    private void forget(String contactPointId) {
        involvements.flush();
        index.markInvolvementsRemoved(contactPointId);
        involvements.deleteForChild(contactPointId);
        children.deleteById(contactPointId);
        children.flush();
    }

    private <T> T read(IncomingEvent event, Class<T> type) {
        try {
            T value = json.readValue(event.payload(), type);
            if (value == null) {
                // JSON null: bad input, not a failure worth retrying.
                throw new InvalidEventException("payload is JSON null, not a " + type.getSimpleName());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("payload is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
