package org.contactpoint.gateway.application;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.config.ScopeMode;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.ChildState;
import org.contactpoint.gateway.domain.Involvement;
import org.contactpoint.gateway.domain.InvolvementState;
import org.contactpoint.gateway.domain.InvolvementStatus;
import org.contactpoint.gateway.domain.reports.Residence;
import org.contactpoint.gateway.repository.ChildIndexRepository;
import org.contactpoint.gateway.repository.ChildRepository;
import org.contactpoint.gateway.repository.ChildSearchRepository;
import org.contactpoint.gateway.repository.ReadModelRowRepository;
import org.contactpoint.gateway.repository.reports.ResidenceRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies the children and involvements identity and involvement-service published to the read model: the newest
 * version wins (the one place that rule is applied), anything older or equal is dropped, a purge forgets the child for
 * good, and in targeted mode children outside scope are never stored (their involvements are, unseen until the child
 * comes into scope). The events arrive checked and idempotent (messaging/in), a poll at a time, in the order of their
 * partition; a rebuild replays them through here too.
 *
 * <p>A poll is applied set-based: the versions held for its children or involvements are read in one query each, the
 * events are folded in order in memory into each one's last outcome, and the writes go out as one multi-row statement
 * per table and kind (upserts of the rows, deletions, purges; the identifiers and search rows in two statements each),
 * however many events the poll holds. No entity is loaded or persisted on this path.
 */
@ApplicationScoped
public class ReadModelProjection {

    /**
     * One identity event: a child's new state, or its purge (a tombstone).
     *
     * @param occurredAt             when identity made the change (null: when it is applied)
     * @param previousLocalAuthority the authority a move was from, on a moved-local-authority event; else null
     */
    public record ChildChange(String contactPointId, ChildState state, Instant occurredAt,
                              String previousLocalAuthority) {

        public static ChildChange purge(String contactPointId) {
            return new ChildChange(contactPointId, null, null, null);
        }

        public static ChildChange of(ChildState state) {
            return of(state, null, null);
        }

        public static ChildChange of(ChildState state, Instant occurredAt, String previousLocalAuthority) {
            return new ChildChange(state.contactPointId(), state, occurredAt, previousLocalAuthority);
        }

        boolean isPurge() {
            return state == null;
        }
    }

    private final ChildRepository children;
    private final ChildIndexRepository index;
    private final ReadModelRowRepository rows;
    private final ChildSearchRepository search;
    private final ResidenceRepository residences;
    private final Clock clock;

    public ReadModelProjection(ChildRepository children, ChildIndexRepository index, ReadModelRowRepository rows,
                               ChildSearchRepository search, ResidenceRepository residences, Clock clock) {
        this.children = children;
        this.index = index;
        this.rows = rows;
        this.search = search;
        this.residences = residences;
        this.clock = clock;
    }

    /**
     * Waits, for the rest of this transaction, while a rebuild runs (the read model's lock, taken shared): a live event
     * must not land in the model a rebuild is about to replace.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void awaitRebuild() {
        index.lockReadModel(false);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyChild(ChildState child, ScopeMode scope) {
        applyChildren(List.of(ChildChange.of(child)), scope);
    }

    /** The child was purged by identity: forget it, its keys and involvements, and never take it back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void purgeChild(String contactPointId) {
        applyChildren(List.of(ChildChange.purge(contactPointId)), ScopeMode.UNIVERSAL);
    }

    /**
     * A poll's identity events, in the order consumed, folded in memory into each child's last outcome (held in its
     * newest state, deleted as out of scope, or purged for good) and written in a few statements whatever their number.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyChildren(List<ChildChange> changes, ScopeMode scope) {
        if (changes.isEmpty()) {
            return;
        }
        rows.planForThisPoll();
        List<String> ids = changes.stream().map(ChildChange::contactPointId).distinct().toList();
        Set<String> purged = index.purged(ids);
        Map<String, Long> held = new HashMap<>(rows.childVersions(ids));
        Map<String, Child> changed = new LinkedHashMap<>();
        Set<String> outOfScope = new LinkedHashSet<>();
        Set<String> purging = new LinkedHashSet<>();
        // When each child's responsible authority last changed (the LA team's "moved in" report), folded the same way.
        Map<String, Residence> residing = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (ChildChange change : changes) {
            String id = change.contactPointId();
            if (purged.contains(id)) {
                Log.debugf("Dropped an event for purged child %s", id);
                continue;
            }
            if (change.isPurge()) {
                // Final: whatever this poll made of the child is dropped, and nothing after it is taken.
                purging.add(id);
                purged.add(id);
                held.remove(id);
                changed.remove(id);
                outOfScope.remove(id);
                residing.remove(id);
                continue;
            }
            ChildState state = change.state();
            Long version = held.get(id);
            if (version != null && version >= state.version()) {
                Log.debugf("Dropped stale %s v%d: v%d held", id, state.version(), version);
                continue;
            }
            residing.merge(id, new Residence(id, state.version(), state.responsibleLocalAuthority(),
                    change.previousLocalAuthority(), change.occurredAt() == null ? now : change.occurredAt()),
                    Residence::then);
            if (!scope.includes(state.vulnerabilities())) {
                // Out of scope (targeted mode): forget the child (and so its search rows). Its involvements are kept,
                // never shown while the child is not held, so that the services already working with a child show as
                // soon as the child comes into scope.
                if (version != null) {
                    outOfScope.add(id);
                    held.remove(id);
                    changed.remove(id);
                }
                continue;
            }
            Child child = new Child(id);
            child.apply(state, now);
            held.put(id, state.version());
            outOfScope.remove(id);
            changed.put(id, child);
        }
        rows.purgeChildren(purging);
        rows.deleteChildren(outOfScope);
        rows.upsertChildren(changed.values(), now);
        index.reindex(changed.values());
        search.replace(changed.values());
        residences.forget(purging);
        residences.apply(residing.values());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyInvolvement(InvolvementState involvement) {
        applyInvolvements(List.of(involvement));
    }

    /**
     * A poll's involvement events, in the order consumed, folded in memory into each involvement's last outcome (held
     * in its newest state, or removed for good) and written in a few statements whatever their number.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyInvolvements(List<InvolvementState> changes) {
        if (changes.isEmpty()) {
            return;
        }
        rows.planForThisPoll();
        List<String> ids = changes.stream().map(InvolvementState::involvementId).distinct().toList();
        Map<String, Long> held = new HashMap<>(rows.involvementVersions(ids));
        Map<String, Long> removed = new HashMap<>(index.removedInvolvementVersions(ids));
        Set<String> purged = index.purged(changes.stream().map(InvolvementState::contactPointId)
                .filter(Objects::nonNull).distinct().toList());
        Map<String, Long> newlyRemoved = new LinkedHashMap<>();
        Map<String, Involvement> changed = new LinkedHashMap<>();
        Set<String> deleting = new LinkedHashSet<>();
        Instant now = clock.instant();
        for (InvolvementState involvement : changes) {
            String id = involvement.involvementId();
            Long version = held.get(id);
            if ((version != null && version >= involvement.version())
                    || removed.getOrDefault(id, -1L) >= involvement.version()) {
                Log.debugf("Dropped stale involvement %s v%d", id, involvement.version());
                continue;
            }
            // Kept in targeted mode too for a child not (yet) in scope: it shows once the child gains a flag.
            if (involvement.status() == InvolvementStatus.REMOVED || purged.contains(involvement.contactPointId())) {
                if (version != null) {
                    deleting.add(id);
                    held.remove(id);
                }
                changed.remove(id);
                removed.put(id, involvement.version());
                newlyRemoved.put(id, involvement.version());
                continue;
            }
            Involvement current = new Involvement(id);
            current.apply(involvement, now);
            held.put(id, involvement.version());
            changed.put(id, current);
        }
        rows.deleteInvolvements(deleting);
        rows.upsertInvolvements(changed.values(), now);
        index.markInvolvementsRemoved(newlyRemoved);
    }

    /** Writes what is pending and lets go of the loaded entities, so that a long replay's session stays small. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void clearSession() {
        children.flush();
        children.getEntityManager().clear();
    }
}
