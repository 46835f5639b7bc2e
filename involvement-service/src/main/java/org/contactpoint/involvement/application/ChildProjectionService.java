package org.contactpoint.involvement.application;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.KnownChild;
import org.contactpoint.involvement.domain.KnownChildIdentifier;
import org.contactpoint.involvement.domain.ParkedSubmission;
import org.contactpoint.involvement.domain.SourceIdentifier;
import org.contactpoint.involvement.domain.SubmissionKey;
import org.contactpoint.involvement.messaging.out.InvolvementPublisher;
import org.contactpoint.involvement.repository.BrokeringRequestRepository;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.involvement.repository.KnownChildRepository;
import org.contactpoint.involvement.repository.NotificationRepository;
import org.contactpoint.involvement.repository.ParkedSubmissionRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Follows identity-service's events about children: keeps the local projection of which children exist, and what
 * follows for their involvements: parked submissions are applied, merges re-home involvements to the survivor and
 * unmerges move them back, a purge deletes them, a move of local authority is told to the services involved.
 */
@ApplicationScoped
public class ChildProjectionService {

    private final KnownChildRepository children;
    private final InvolvementRepository involvements;
    private final ParkedSubmissionRepository parked;
    private final BrokeringRequestRepository brokeringRequests;
    private final SubmissionService submissions;
    private final InvolvementPublisher publisher;
    private final NotificationRepository notifications;
    private final Clock clock;

    public ChildProjectionService(KnownChildRepository children, InvolvementRepository involvements,
                                  ParkedSubmissionRepository parked, BrokeringRequestRepository brokeringRequests,
                                  SubmissionService submissions, InvolvementPublisher publisher,
                                  NotificationRepository notifications, Clock clock) {
        this.children = children;
        this.involvements = involvements;
        this.parked = parked;
        this.brokeringRequests = brokeringRequests;
        this.submissions = submissions;
        this.publisher = publisher;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Applies identity's news of a child, unless what is known is as new or newer (or the child was purged). */
    @Transactional
    public void apply(ChildStateChanged child) {
        // Identifiers before the child: the same order a submission by source identifier takes them in.
        lockIdentifiers(child);
        children.lock("child:" + child.contactPointId());
        KnownChild known = children.find(child.contactPointId()).orElse(null);
        if (known != null && !known.takes(child.version())) {
            Log.debugf("Dropping version %s of %s (have %s, status %s)", (Object) child.version(),
                    child.contactPointId(), known.version(), known.status());
            return;
        }
        boolean isNew = known == null;
        String previousStatus = isNew ? null : known.status();
        String previousMergedInto = isNew ? null : known.mergedInto();
        String previousLocalAuthority = isNew ? null : known.responsibleLocalAuthority();
        boolean wasShielded = !isNew && known.isShielded();
        if (isNew) {
            known = new KnownChild(child.contactPointId());
        }
        String mergedInto = ChildStateChanged.MERGED.equals(child.status()) ? child.mergedInto() : null;
        ChildStateChanged.Shield shield = child.shield();
        // A shield without its "since" is still a shield: fall back to now rather than drop it.
        Instant shieldedSince = shield == null ? null : Objects.requireNonNullElse(shield.since(), clock.instant());
        known.apply(child.version(), child.status(), mergedInto, child.responsibleLocalAuthority(),
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
        if (!isNew && !known.isMerged() && known.isShielded() != wasShielded
                && child.responsibleLocalAuthority() != null) {
            publisher.notifyShieldChanged(known.contactPointId(), child.responsibleLocalAuthority(),
                    known.isShielded());
        }
        if (!isNew && !known.isMerged() && child.responsibleLocalAuthority() != null
                && !Objects.equals(previousLocalAuthority, child.responsibleLocalAuthority())) {
            publisher.notifyMovedLocalAuthority(known.contactPointId(), previousLocalAuthority,
                    child.responsibleLocalAuthority(), known.isShielded(),
                    involvements.activeForChild(known.contactPointId()));
        }
        applyParked(known, child);
    }

    /**
     * A merged child's involvements now belong with the survivor, and so do those of the children merged into it
     * before (they are here, and their projection now names the survivor): one hop, no chain to follow.
     */
    private void rehomeToSurvivor(KnownChild merged) {
        String from = merged.contactPointId();
        children.repointMerged(from, merged.mergedInto());
        String survivor = submissions.survivorOf(merged);
        if (survivor.equals(from)) {
            return;
        }
        Instant now = clock.instant();
        Optional<Involvement> arrivingLead = involvements.activeLead(from);
        if (arrivingLead.isPresent() && involvements.activeLead(survivor).isPresent()) {
            // The survivor already has a lead: that one stays lead, this one is re-homed as a non-lead.
            arrivingLead.get().setLeadProfessional(false, now);
            involvements.flush();
            publisher.updated(arrivingLead.get());
        }
        for (Involvement moved : involvements.moveAll(from, survivor, now)) {
            publisher.rehomed(moved, from);
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

    private void applyParked(KnownChild known, ChildStateChanged child) {
        if (known.isMerged() && submissions.survivorOf(known).equals(known.contactPointId())) {
            // Merged into a child not known yet: there is nowhere to apply them, so they wait.
            return;
        }
        Map<UUID, ParkedSubmission> waiting = new LinkedHashMap<>();
        parked.forChild(known.contactPointId()).forEach(p -> waiting.put(p.involvementId(), p));
        for (SourceIdentifier identifier : child.identifiers()) {
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
    @Transactional
    public void purge(String contactPointId) {
        children.lock("child:" + contactPointId);
        Instant now = clock.instant();
        List<SubmissionKey> removed = new ArrayList<>();
        for (Involvement involvement : involvements.forChild(contactPointId)) {
            involvement.remove(now);
            publisher.removed(involvement);
            brokeringRequests.deleteForInvolvement(involvement.id());
            involvements.delete(involvement);
            removed.add(SubmissionKey.of(involvement));
        }
        for (ParkedSubmission waiting : parked.forChild(contactPointId)) {
            parked.delete(waiting);
            removed.add(SubmissionKey.of(waiting));
        }
        // A replay of any of them (by source identifier it would otherwise be parked again) is answered as gone.
        involvements.tombstone(removed, SubmissionKey.Tombstone.PURGED, now);
        notifications.deleteForChild(contactPointId);
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

    private void lockIdentifiers(ChildStateChanged child) {
        new TreeSet<>(child.identifiers().stream().filter(Objects::nonNull)
                .map(i -> "identifier:" + i.scheme() + ":" + i.value()).toList()).forEach(children::lock);
    }

    private static List<KnownChildIdentifier> identifiers(ChildStateChanged child) {
        Map<String, KnownChildIdentifier> unique = new LinkedHashMap<>();
        for (SourceIdentifier id : child.identifiers()) {
            if (id != null && id.scheme() != null && id.value() != null) {
                unique.putIfAbsent(id.scheme() + "\u0000" + id.value(), new KnownChildIdentifier(
                        child.contactPointId(), id.scheme(), id.value(), id.source()));
            }
        }
        return List.copyOf(unique.values());
    }
}
