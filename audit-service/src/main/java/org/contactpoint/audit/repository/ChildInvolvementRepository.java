package org.contactpoint.audit.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.domain.ChildInvolvement;


@ApplicationScoped
public class ChildInvolvementRepository implements PanacheRepositoryBase<ChildInvolvement, String> {

    /** Whether the organisation holds the active lead professional involvement for the child. */
    public boolean isActiveLeadProfessional(String organisationCode, String childId) {
        return count("childId = ?1 AND organisationCode = ?2 AND leadProfessional = true AND status = 'ACTIVE'",
                childId, organisationCode) > 0;
    }
}
