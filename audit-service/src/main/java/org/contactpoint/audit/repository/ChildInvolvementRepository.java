package org.contactpoint.audit.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.domain.ChildInvolvement;

import java.util.Collection;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class ChildInvolvementRepository implements PanacheRepositoryBase<ChildInvolvement, String> {

    /** Of these children, those the organisation has an involvement recorded with (in any state). */
    public Set<String> childrenInvolvedWith(String organisationCode, Collection<String> childIds) {
        if (childIds.isEmpty() || organisationCode == null) {
            return Set.of();
        }
        List<String> found = getEntityManager().createQuery("""
                        SELECT DISTINCT i.childId FROM ChildInvolvement i
                        WHERE i.organisationCode = :organisation AND i.childId IN :children""", String.class)
                .setParameter("organisation", organisationCode).setParameter("children", childIds).getResultList();
        return Set.copyOf(found);
    }

    /** Whether the organisation holds the active lead professional involvement for the child. */
    public boolean isActiveLeadProfessional(String organisationCode, String childId) {
        return count("childId = ?1 AND organisationCode = ?2 AND leadProfessional = true AND status = 'ACTIVE'",
                childId, organisationCode) > 0;
    }
}
