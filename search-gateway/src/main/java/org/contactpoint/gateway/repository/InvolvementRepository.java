package org.contactpoint.gateway.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.gateway.domain.Involvement;

import java.util.List;

@ApplicationScoped
public class InvolvementRepository implements PanacheRepositoryBase<Involvement, String> {

    /** Active first, then the most recently started. */
    public List<Involvement> forChild(String contactPointId) {
        return list("contactPointId = ?1 order by case when status = 'ACTIVE' then 0 else 1 end, startDate desc nulls last",
                contactPointId);
    }

    public List<Involvement> findAllById(List<String> involvementIds) {
        return involvementIds.isEmpty() ? List.of() : list("involvementId in ?1", involvementIds);
    }

    public long deleteForChild(String contactPointId) {
        return delete("contactPointId", contactPointId);
    }
}
