package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.ChildInvolvement;
import org.contactpoint.audit.domain.ChildProfile;
import org.contactpoint.audit.domain.ChildState;
import org.contactpoint.audit.domain.InvolvementState;
import org.contactpoint.audit.repository.AccessNotificationRepository;
import org.contactpoint.audit.repository.ChildInvolvementRepository;
import org.contactpoint.audit.repository.ChildProfileRepository;

/**
 * Keeps what the rules, reports and notifications need to know about children and involvements: the newest version
 * wins (decided by the entities), a purge or removal deletes.
 */
@ApplicationScoped
public class ReferenceData {

    private final ChildProfileRepository children;
    private final ChildInvolvementRepository involvements;
    private final AccessNotificationRepository notifications;

    public ReferenceData(ChildProfileRepository children, ChildInvolvementRepository involvements,
                         AccessNotificationRepository notifications) {
        this.children = children;
        this.involvements = involvements;
        this.notifications = notifications;
    }

    /** A child's responsible authority, once known, receives the notices that were waiting for it. */
    @Transactional
    public void childChanged(ChildState state) {
        ChildProfile profile = children.findByIdOptional(state.childId()).orElse(null);
        if (profile == null) {
            profile = ChildProfile.first(state);
            children.persist(profile);
        } else {
            profile.apply(state);
        }
        if (profile.responsibleLocalAuthority() != null) {
            notifications.address(state.childId(), profile.responsibleLocalAuthority());
        }
    }

    /** A purge forgets the child here too, its inbox notices included (the trail keeps only what it must). */
    @Transactional
    public void childPurged(String childId) {
        children.deleteById(childId);
        notifications.forget(childId);
    }

    /** A removed involvement's tombstone: final (its id is never used again), so whatever is kept of it goes. */
    @Transactional
    public void involvementRemoved(String involvementId) {
        involvements.deleteById(involvementId);
    }

    @Transactional
    public void involvementChanged(InvolvementState state) {
        var known = involvements.findByIdOptional(state.involvementId());
        if (!state.worthKeeping()) {
            // Removed, or a sensitive service that names no organisation: nothing to keep.
            known.filter(involvement -> involvement.supersededBy(state)).ifPresent(involvements::delete);
            return;
        }
        known.ifPresentOrElse(involvement -> involvement.apply(state),
                () -> involvements.persist(ChildInvolvement.first(state)));
    }
}
