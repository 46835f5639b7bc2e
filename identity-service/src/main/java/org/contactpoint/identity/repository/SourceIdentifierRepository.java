package org.contactpoint.identity.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.identity.domain.ChildSourceIdentifier;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SourceIdentifierRepository implements PanacheRepository<ChildSourceIdentifier> {

    public Optional<ChildSourceIdentifier> find(String source, String scheme, String value) {
        return find("source = ?1 and scheme = ?2 and value = ?3", source, scheme, value).firstResultOptional();
    }

    public List<ChildSourceIdentifier> forChild(Long childId) {
        return list("childId", childId);
    }
}
