package org.contactpoint.identity.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.identity.domain.Child;

import java.util.Optional;

@ApplicationScoped
public class ChildRepository implements PanacheRepository<Child> {

    public Optional<Child> findByContactPointId(String contactPointId) {
        return find("contactPointId", contactPointId).firstResultOptional();
    }

    public boolean existsByContactPointId(String contactPointId) {
        return count("contactPointId", contactPointId) > 0;
    }
}
