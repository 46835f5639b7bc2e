package org.contactpoint.involvement.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.KnownChild;
import org.contactpoint.involvement.domain.KnownChildIdentifier;
import org.contactpoint.involvement.domain.ParkedSubmission;
import org.contactpoint.involvement.messaging.InvolvementPublisher;
import org.contactpoint.involvement.repository.BrokeringRequestRepository;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.involvement.repository.KnownChildRepository;
import org.contactpoint.involvement.repository.ParkedSubmissionRepository;
import org.contactpoint.support.messaging.InboxGuard;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Follows identity-service's events about children: keeps the local projection of which children exist, and what
 * follows for their involvements: parked submissions are applied, merges re-home involvements to the survivor and
 * unmerges move them back, a purge deletes them, a move of local authority is told to the services involved.
 */
@ApplicationScoped
public class ChildProjectionService {

    static final String CONSUMER = "involvement-service.identity-children";

    private final InboxGuard inbox;
    private final KnownChildRepository children;
    private final InvolvementRepository involvements;
    private final ParkedSubmissionRepository parked;
    private final BrokeringRequestRepository brokeringRequests;
    private final SubmissionService submissions;
    private final InvolvementPublisher publisher;
    private final ObjectMapper json;
    private final Clock clock;

    public ChildProjectionService(InboxGuard inbox, KnownChildRepository children, InvolvementRepository involvements,
                                  ParkedSubmissionRepository parked, BrokeringRequestRepository brokeringRequests,
                                  SubmissionService submissions, InvolvementPublisher publisher, ObjectMapper json,
                                  Clock clock) {
        this.inbox = inbox;
        this.children = children;
        this.involvements = involvements;
        this.parked = parked;
        this.brokeringRequests = brokeringRequests;
        this.submissions = submissions;
        this.publisher = publisher;
        // Readers ignore fields added to the contract later.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.clock = clock;
    }

    @Transactional
    public void apply(IncomingEvent event) {
        if (!inbox.firstDelivery(CONSUMER, event.id())) {
            return;
        }
        if (event.key() == null || !ContactPointIds.isValid(event.key())) {
            throw new InvalidEventException("record key is not a ContactPoint ID: " + event.key());
        }
        if (event.isTombstone()) {
            if (!ChildEventTypes.PURGED.equals(event.type())) {
                throw new InvalidEventException("null value with ce_type " + event.type()
                        + "; only " + ChildEventTypes.PURGED + " may be a tombstone");
            }
            purge(event.key());
            return;
        }
        ChildEvent child = read(event);
        // Identifiers before the child: the same order a submission by source identifier takes them in.
        lockIdentifiers(child);
        children.lock("child:" + child.contactPointId());
        KnownChild known = children.find(child.contactPointId()).orElse(null);
        if (known != null && known.isPurged()) {
            Log.infof("Ignoring %s for purged child %s", event.type(), child.contactPointId());
            return;
        }
        if (known != null && child.version() <= known.version()) {
            Log.debugf("Dropping stale version %s of %s (have %s)", (Object) child.version(), child.contactPointId(),
                    known.version());
            return;
        }
        boolean isNew = known == null;
        String previousStatus = isNew ? null : known.status();
        String previousMergedInto = isNew ? null : known.mergedInto();
        String previousLocalAuthority = isNew ? null : known.responsibleLocalAuthority();
        if (isNew) {
            known = new KnownChild(child.contactPointId());
        }
        String mergedInto = child.status() == ChildEvent.ChildStatus.MERGED ? child.mergedInto() : null;
        ChildEvent.Shield shield = child.shield();
        // A shield without its "since" is still a shield: fall back to now rather than drop it.
        Instant shieldedSince = shield == null ? null : Objects.requireNonNullElse(shield.since(), clock.instant());
        known.apply(child.version(), child.status().name(), mergedInto, child.responsibleLocalAuthority(),
                shieldedSince, shield == null ? null : shield.reviewDate(), clock.instant());
        if (isNew) {
            children.persist(known);
        }
        children.flush();
        children.replaceIdentifiers(child.contactPointId(), identifiers(child));

        if (known.isMerged()) {
            rehomeToSurvivor(known);
        } else if (KnownChild.MERGED.equals(previousStatus) && previousMergedInto != null) {
            moveBackFrom(known, previousMergedInto);
        }
        if (!isNew && !known.isMerged() && child.responsibleLocalAuthority() != null
                && !Objects.equals(previousLocalAuthority, child.responsibleLocalAuthority())) {
            publisher.notifyMovedLocalAuthority(known.contactPointId(), previousLocalAuthority,
                    child.responsibleLocalAuthority(), known.isShielded(),
                    involvements.activeForChild(known.contactPointId()));
        }
        applyParked(known, child);
    }

    /** A merged child's involvements now belong with the survivor. */
    private void rehomeToSurvivor(KnownChild merged) {
        String survivor = submissions.survivorOf(merged);
        if (survivor.equals(merged.contactPointId())) {
            return;
        }
        for (Involvement involvement : involvements.forChild(merged.contactPointId())) {
            rehome(involvement, survivor);
        }
    }

    /** An unmerged child takes back the involvements that were submitted for it. */
    private void moveBackFrom(KnownChild restored, String formerSurvivor) {
        children.lock("child:" + formerSurvivor);
        for (Involvement involvement : involvements.submittedForButElsewhere(restored.contactPointId())) {
            rehome(involvement, restored.contactPointId());
        }
    }

    private void rehome(Involvement involvement, String to) {
        String from = involvement.contactPointId();
        children.lock("child:" + from);
        Instant now = clock.instant();
        if (involvement.leadProfessional() && involvement.isActive() && involvements.activeLead(to).isPresent()) {
            // The child it joins already has a lead: that one stays lead, this one is re-homed as a non-lead.
            involvement.setLeadProfessional(false, now);
            involvements.flush();
            publisher.updated(involvement);
        }
        involvement.rehome(to, now);
        involvements.flush();
        publisher.rehomed(involvement, from);
    }

    private void applyParked(KnownChild known, ChildEvent child) {
        if (known.isMerged() && submissions.survivorOf(known).equals(known.contactPointId())) {
            // Merged into a child not known yet: there is nowhere to apply them, so they wait.
            return;
        }
        Map<java.util.UUID, ParkedSubmission> waiting = new LinkedHashMap<>();
        parked.forChild(known.contactPointId()).forEach(p -> waiting.put(p.involvementId(), p));
        for (ChildEvent.SourceIdentifier identifier : child.identifiers() == null
                ? List.<ChildEvent.SourceIdentifier>of() : child.identifiers()) {
            if (identifier == null || identifier.scheme() == null || identifier.value() == null) {
                continue;
            }
            parked.forIdentifier(identifier.scheme(), identifier.value()).stream()
                    .filter(p -> p.identifierSource() == null || p.identifierSource().equals(identifier.source()))
                    .forEach(p -> waiting.putIfAbsent(p.involvementId(), p));
        }
        if (!waiting.isEmpty()) {
            submissions.applyParked(known, new ArrayList<>(waiting.values()));
        }
    }

    /** The child is forgotten: its involvements are removed everywhere and its parked submissions deleted. */
    private void purge(String contactPointId) {
        children.lock("child:" + contactPointId);
        Instant now = clock.instant();
        for (Involvement involvement : involvements.forChild(contactPointId)) {
            involvement.remove(now);
            publisher.removed(involvement);
            brokeringRequests.deleteForInvolvement(involvement.id());
            involvements.delete(involvement);
        }
        parked.forChild(contactPointId).forEach(parked::delete);
        KnownChild known = children.find(contactPointId).orElseGet(() -> {
            KnownChild created = new KnownChild(contactPointId);
            created.purge(now);
            children.persist(created);
            return created;
        });
        known.purge(now);
        children.flush();
        children.replaceIdentifiers(contactPointId, List.of());
        Log.infof("Purged child %s", contactPointId);
    }

    private ChildEvent read(IncomingEvent event) {
        ChildEvent child;
        try {
            child = json.readValue(event.payload(), ChildEvent.class);
        } catch (Exception e) {
            throw new InvalidEventException("value is not a readable ChildEvent: " + e.getMessage(), e);
        }
        if (child.contactPointId() == null || !child.contactPointId().equals(event.key())) {
            throw new InvalidEventException("contactPointId " + child.contactPointId() + " does not match the key "
                    + event.key());
        }
        if (child.version() < 1 || child.status() == null) {
            throw new InvalidEventException("a ChildEvent needs a version of at least 1 and a status");
        }
        if (child.status() == ChildEvent.ChildStatus.MERGED && !ContactPointIds.isValid(child.mergedInto())) {
            throw new InvalidEventException("a MERGED child needs mergedInto, a ContactPoint ID");
        }
        return child;
    }

    private void lockIdentifiers(ChildEvent child) {
        if (child.identifiers() == null) {
            return;
        }
        new TreeSet<>(child.identifiers().stream().filter(Objects::nonNull)
                .map(i -> "identifier:" + i.scheme() + ":" + i.value()).toList()).forEach(children::lock);
    }

    private static List<KnownChildIdentifier> identifiers(ChildEvent child) {
        Map<String, KnownChildIdentifier> unique = new LinkedHashMap<>();
        if (child.identifiers() != null) {
            for (ChildEvent.SourceIdentifier id : child.identifiers()) {
                if (id != null && id.scheme() != null && id.value() != null) {
                    unique.putIfAbsent(id.scheme() + "\u0000" + id.value(), new KnownChildIdentifier(
                            child.contactPointId(), id.scheme(), id.value(), id.source()));
                }
            }
        }
        return List.copyOf(unique.values());
    }
}
