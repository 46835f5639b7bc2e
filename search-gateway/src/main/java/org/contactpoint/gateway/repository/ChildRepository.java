package org.contactpoint.gateway.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.gateway.domain.Child;

import java.util.List;

@ApplicationScoped
public class ChildRepository implements PanacheRepositoryBase<Child, String> {

    public List<Child> findAllById(List<String> contactPointIds) {
        return contactPointIds.isEmpty() ? List.of() : list("contactPointId in ?1", contactPointIds);
    }
}
