package org.contactpoint.involvement.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.Topics;
import org.contactpoint.involvement.domain.KnownChild;
import org.contactpoint.involvement.domain.SourceIdentifier;
import org.contactpoint.involvement.repository.KnownChildBatchRepository;
import org.contactpoint.involvement.repository.KnownChildBatchRepository.Identifier;
import org.contactpoint.involvement.repository.KnownChildBatchRepository.KnownState;
import org.contactpoint.involvement.repository.SubmissionBatchRepository;
import org.contactpoint.support.tracing.Tracing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A poll of identity's events about children in one transaction, with the effect each would have had through
 * {@link ChildProjectionService} on its own, but set-based where nothing follows from the event but the child's new
 * state (the common case: a child registered or updated, no involvement or parked submission to move): the poll's
 * locks in one statement per kind (identifiers, then children, each sorted: the order a single event and a
 * submission batch take them in), the children read in one query, those with parked submissions found in one query,
 * and the new states and identifiers written in one statement each. A child whose events have consequences (a merge
 * or unmerge, a purge, a shield or local authority that changed, parked submissions waiting) has its events applied
 * one by one through {@link ChildProjectionService}, in the same transaction and in the order consumed.
 */
@ApplicationScoped
public class ChildProjectionBatches {

    /**
     * A message of identity.children.v1: its id is its inbox key; {@code child} is the child's new state, or null for
     * a purge of {@code contactPointId}.
     */
    public record Delivery(String messageId, String contactPointId, ChildStateChanged child,
                           Map<String, String> trace) {

        public static Delivery of(String messageId, ChildStateChanged child) {
            return new Delivery(messageId, child.contactPointId(), child, Map.of());
        }

        public static Delivery purge(String messageId, String contactPointId) {
            return new Delivery(messageId, contactPointId, null, Map.of());
        }

        /** The same message with the trace context its record carried (W3C headers), continued by what it causes. */
        public Delivery withTrace(Map<String, String> headers) {
            return new Delivery(messageId, contactPointId, child, Map.copyOf(headers));
        }

        boolean isPurge() {
            return child == null;
        }
    }

    private final SubmissionBatchRepository batches;
    private final KnownChildBatchRepository children;
    private final ChildProjectionService projection;
    private final Tracing tracing;
    private final Clock clock;

    public ChildProjectionBatches(SubmissionBatchRepository batches, KnownChildBatchRepository children,
                                  ChildProjectionService projection, Tracing tracing, Clock clock) {
        this.batches = batches;
        this.children = children;
        this.projection = projection;
        this.tracing = tracing;
        this.clock = clock;
    }

    /**
     * Records the poll's messages in the consumer's inbox (a redelivery, or a message repeated within the poll, is
     * applied once) and applies the new ones, each child's in the order given.
     *
     * @return how many messages were applied (the rest were redeliveries)
     */
    @Transactional
    public int receiveAll(String consumer, List<Delivery> deliveries) {
        Set<String> firstTime = batches.firstDeliveries(consumer,
                deliveries.stream().map(Delivery::messageId).distinct().toList());
        Map<String, List<Delivery>> byChild = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        int applied = 0;
        for (Delivery delivery : deliveries) {
            if (firstTime.contains(delivery.messageId()) && taken.add(delivery.messageId())) {
                byChild.computeIfAbsent(delivery.contactPointId(), id -> new ArrayList<>()).add(delivery);
                applied++;
            }
        }
        if (byChild.isEmpty()) {
            return 0;
        }
        lock(byChild);
        Map<String, KnownState> known = children.find(byChild.keySet());
        Set<String> withParked = children.withParkedSubmissions(byChild.keySet(), identifiersOf(byChild));

        Instant now = clock.instant();
        List<KnownState> states = new ArrayList<>();
        List<Identifier> identifiers = new ArrayList<>();
        Set<String> oneByOne = new HashSet<>();
        for (Map.Entry<String, List<Delivery>> child : byChild.entrySet()) {
            Folded folded = fold(known.get(child.getKey()), child.getValue(), withParked.contains(child.getKey()),
                    now);
            if (folded == null) {
                oneByOne.add(child.getKey());
            } else if (folded.changed() != null) {
                states.add(folded.changed().state());
                identifiers.addAll(identifiers(folded.changed()));
            }
        }
        children.store(states, identifiers, now);
        // What follows from an event is applied after the plain new states: a merge finds a survivor registered
        // earlier in the poll, as it would have applying the poll event by event.
        for (Delivery delivery : deliveries) {
            List<Delivery> ofChild = byChild.get(delivery.contactPointId());
            if (oneByOne.contains(delivery.contactPointId()) && ofChild != null && ofChild.remove(delivery)) {
                // The involvement events and notifications it causes join the identity event's trace.
                tracing.process(Topics.IDENTITY_CHILDREN, delivery.trace(), () -> {
                    if (delivery.isPurge()) {
                        projection.purge(delivery.contactPointId());
                    } else {
                        projection.apply(delivery.child());
                    }
                });
            }
        }
        return applied;
    }

    /** A child's newest state from the poll and the event it came from; {@code changed} null when none takes. */
    private record Folded(Change changed) {
    }

    private record Change(KnownState state, ChildStateChanged event) {
    }

    /**
     * A child's events in order against what is known, as {@link ChildProjectionService#apply} would take them one by
     * one; null when one of them has consequences beyond the child's own state (then they are applied one by one).
     */
    private static Folded fold(KnownState known, List<Delivery> events, boolean parkedWaiting, Instant now) {
        KnownState current = known;
        Change changed = null;
        for (Delivery delivery : events) {
            if (delivery.isPurge()) {
                return null;
            }
            ChildStateChanged child = delivery.child();
            if (current != null && !takes(current, child.version())) {
                continue;
            }
            String mergedInto = ChildStateChanged.MERGED.equals(child.status()) ? child.mergedInto() : null;
            ChildStateChanged.Shield shield = child.shield();
            // A shield without its "since" is still a shield: fall back to now rather than drop it.
            Instant shieldedSince = shield == null ? null : Objects.requireNonNullElse(shield.since(), now);
            KnownState next = new KnownState(child.contactPointId(), child.version(), child.status(), mergedInto,
                    child.responsibleLocalAuthority(), shieldedSince,
                    shieldedSince == null ? null : shield.reviewDate());
            if (parkedWaiting || hasConsequences(current, next)) {
                return null;
            }
            current = next;
            changed = new Change(next, child);
        }
        return new Folded(changed);
    }

    /** Whether applying {@code next} over {@code current} does more than store it (see ChildProjectionService). */
    private static boolean hasConsequences(KnownState current, KnownState next) {
        if (next.mergedInto() != null) {
            return true;
        }
        if (current == null) {
            return false;
        }
        boolean wasMerged = KnownChild.MERGED.equals(current.status()) && current.mergedInto() != null;
        boolean shieldChanged = (current.shieldedSince() != null) != (next.shieldedSince() != null);
        boolean movedLocalAuthority = !Objects.equals(current.responsibleLocalAuthority(),
                next.responsibleLocalAuthority());
        return wasMerged || (next.responsibleLocalAuthority() != null && (shieldChanged || movedLocalAuthority));
    }

    private static boolean takes(KnownState known, long version) {
        return !KnownChild.PURGED.equals(known.status()) && version > known.version();
    }

    /** Identifier locks, then child locks, each kind sorted: the order a single event and a submission batch use. */
    private void lock(Map<String, List<Delivery>> byChild) {
        TreeSet<String> identifierLocks = new TreeSet<>();
        TreeSet<String> childLocks = new TreeSet<>();
        for (Map.Entry<String, List<Delivery>> child : byChild.entrySet()) {
            childLocks.add("child:" + child.getKey());
            for (Delivery delivery : child.getValue()) {
                if (!delivery.isPurge()) {
                    delivery.child().identifiers().stream().filter(Objects::nonNull)
                            .forEach(i -> identifierLocks.add("identifier:" + i.scheme() + ":" + i.value()));
                }
            }
        }
        batches.lockAll(List.copyOf(identifierLocks));
        batches.lockAll(List.copyOf(childLocks));
    }

    private static List<Identifier> identifiersOf(Map<String, List<Delivery>> byChild) {
        List<Identifier> all = new ArrayList<>();
        for (List<Delivery> events : byChild.values()) {
            for (Delivery delivery : events) {
                if (!delivery.isPurge()) {
                    all.addAll(identifiers(delivery.child()));
                }
            }
        }
        return all;
    }

    private static List<Identifier> identifiers(Change change) {
        return identifiers(change.event());
    }

    /** The child's identifiers, each (scheme, value) once: the first one named wins, as a single event keeps it. */
    private static List<Identifier> identifiers(ChildStateChanged child) {
        Map<String, Identifier> unique = new LinkedHashMap<>();
        for (SourceIdentifier id : child.identifiers()) {
            if (id != null && id.scheme() != null && id.value() != null) {
                unique.putIfAbsent(id.scheme() + "\u0000" + id.value(),
                        new Identifier(child.contactPointId(), id.scheme(), id.value(), id.source()));
            }
        }
        return List.copyOf(unique.values());
    }
}
