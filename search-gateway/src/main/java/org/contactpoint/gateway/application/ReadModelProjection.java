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
import org.contactpoint.gateway.repository.ChildIndexRepository;
import org.contactpoint.gateway.repository.ChildRepository;
import org.contactpoint.gateway.repository.ChildSearchRepository;
import org.contactpoint.gateway.repository.InvolvementRepository;

import java.time.Clock;
import java.util.List;

/**
 * Applies the children and involvements identity and involvement-service published to the read model: the newest
 * version wins (the one place that rule is applied), anything older or equal is dropped, a purge forgets the child for
 * good, and in targeted mode children outside scope are never stored. The events arrive checked and idempotent
 * (messaging/in); a rebuild replays them through here too.
 */
@ApplicationScoped
public class ReadModelProjection {

    private final ChildRepository children;
    private final ChildIndexRepository index;
    private final InvolvementRepository involvements;
    private final ChildSearchRepository search;
    private final Clock clock;

    public ReadModelProjection(ChildRepository children, ChildIndexRepository index,
                               InvolvementRepository involvements, ChildSearchRepository search, Clock clock) {
        this.children = children;
        this.index = index;
        this.involvements = involvements;
        this.search = search;
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
        if (index.isPurged(child.contactPointId())) {
            Log.debugf("Dropped an event for purged child %s", child.contactPointId());
            return;
        }
        Child held = children.findById(child.contactPointId());
        if (held != null && held.version() >= child.version()) {
            Log.debugf("Dropped stale %s v%d: v%d held", child.contactPointId(), child.version(), held.version());
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
        search.replace(List.of(held));
    }

    /** The child was purged by identity: forget it, its keys and involvements, and never take it back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void purgeChild(String contactPointId) {
        forget(contactPointId);
        index.markPurged(contactPointId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyInvolvement(InvolvementState involvement, ScopeMode scope) {
        Involvement held = involvements.findById(involvement.involvementId());
        if ((held != null && held.version() >= involvement.version())
                || index.removedInvolvementVersion(involvement.involvementId()) >= involvement.version()) {
            Log.debugf("Dropped stale involvement %s v%d", involvement.involvementId(), involvement.version());
            return;
        }
        boolean keep = involvement.status() != InvolvementStatus.REMOVED
                && !index.isPurged(involvement.contactPointId())
                && (scope == ScopeMode.UNIVERSAL || children.findById(involvement.contactPointId()) != null);
        if (!keep) {
            if (held != null) {
                involvements.delete(held);
            }
            if (involvement.status() == InvolvementStatus.REMOVED || scope == ScopeMode.UNIVERSAL
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

    /** Writes what is pending and lets go of the loaded entities, so that a long replay's session stays small. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void clearSession() {
        children.flush();
        children.getEntityManager().clear();
    }

    private void forget(String contactPointId) {
        involvements.flush();
        index.markInvolvementsRemoved(contactPointId);
        involvements.deleteForChild(contactPointId);
        children.deleteById(contactPointId);
        children.flush();
    }
}
