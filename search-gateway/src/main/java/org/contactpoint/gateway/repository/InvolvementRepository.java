package org.contactpoint.gateway.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.gateway.domain.Involvement;

import java.util.List;

@ApplicationScoped
public class InvolvementRepository implements PanacheRepositoryBase<Involvement, String> {

    public List<Involvement> findAllById(List<String> involvementIds) {
        return involvementIds.isEmpty() ? List.of() : list("involvementId in ?1", involvementIds);
    }

    public long deleteForChild(String contactPointId) {
        return delete("contactPointId", contactPointId);
    }
}
