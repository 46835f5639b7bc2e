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

    /** A national identifier (NHS number, UPN) from any source. */
    public List<ChildSourceIdentifier> findNational(String scheme, String value) {
        return list("scheme = ?1 and value = ?2", scheme, value);
    }

    public List<ChildSourceIdentifier> forChild(Long childId) {
        return list("childId = ?1 order by id", childId);
    }

    /** The identifiers of these children, by child and then in the order they were added. */
    public List<ChildSourceIdentifier> forChildren(java.util.Collection<Long> childIds) {
        return childIds.isEmpty() ? List.of() : list("childId in ?1 order by childId, id", childIds);
    }

    public List<ChildSourceIdentifier> byIds(List<Long> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    public void deleteForChild(Long childId) {
        delete("childId", childId);
    }
}
