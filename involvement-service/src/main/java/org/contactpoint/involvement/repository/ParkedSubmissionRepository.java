package org.contactpoint.involvement.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.involvement.domain.ParkedSubmission;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ParkedSubmissionRepository implements PanacheRepositoryBase<ParkedSubmission, UUID> {

    public Optional<ParkedSubmission> findBySubmission(String sourceAgency, String submissionId) {
        return find("sourceAgency = ?1 and submissionId = ?2", sourceAgency, submissionId).firstResultOptional();
    }

    public List<ParkedSubmission> forChild(String contactPointId) {
        return list("contactPointId = ?1 order by receivedAt", contactPointId);
    }

    public List<ParkedSubmission> forIdentifier(String scheme, String value) {
        return list("identifierScheme = ?1 and identifierValue = ?2 order by receivedAt", scheme, value);
    }
}
