package org.contactpoint.identity.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.identity.domain.ChildMerge;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MergeRepository implements PanacheRepositoryBase<ChildMerge, UUID> {

    /** The ids of the children merged into this survivor by merges not undone. */
    public List<Long> mergedIntoSurvivor(Long survivorId) {
        return getEntityManager().createQuery(
                        "SELECT m.mergedId FROM ChildMerge m WHERE m.survivorId = ?1 AND m.unmergedAt IS NULL", Long.class)
                .setParameter(1, survivorId).getResultList();
    }
}
