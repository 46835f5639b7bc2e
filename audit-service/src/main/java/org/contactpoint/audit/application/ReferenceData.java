package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.ChildInvolvement;
import org.contactpoint.audit.domain.ChildProfile;
import org.contactpoint.audit.domain.ChildState;
import org.contactpoint.audit.domain.InvolvementState;
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

    public ReferenceData(ChildProfileRepository children, ChildInvolvementRepository involvements) {
        this.children = children;
        this.involvements = involvements;
    }

    @Transactional
    public void childChanged(ChildState state) {
        children.findByIdOptional(state.childId())
                .ifPresentOrElse(profile -> profile.apply(state), () -> children.persist(ChildProfile.first(state)));
    }

    @Transactional
    public void childPurged(String childId) {
        children.deleteById(childId);
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
