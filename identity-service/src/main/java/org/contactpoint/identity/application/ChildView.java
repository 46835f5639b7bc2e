package org.contactpoint.identity.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.identity.domain.ChildStatus;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.ParentCarer;
import org.contactpoint.identity.domain.PersonName;
import org.contactpoint.identity.domain.RetentionReason;
import org.contactpoint.identity.domain.SealedLink;
import org.contactpoint.identity.domain.SourceIdentifier;
import org.contactpoint.identity.domain.Vulnerability;
import org.contactpoint.identity.domain.Whereabouts;
import org.contactpoint.support.domain.Versioned;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A child's full record for the management team and administrators (the REST layer answers with it as it is).
 *
 * @param resolvedFrom the ID that was asked for when it was merged into this child
 * @param sealedLinks  only for the sealed-records role: the closed or new identity this one is linked to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChildView(String contactPointId, long version, ChildStatus status, String mergedInto,
                        String resolvedFrom, PersonName name, String preferredName, List<FormerName> formerNames,
                        LocalDate dateOfBirth, Gender gender, LocalDate dateOfDeath, Whereabouts whereabouts,
                        List<ParentCarer> parentsCarers, List<SourceIdentifier> identifiers,
                        String responsibleLocalAuthority, Shield shield, List<Vulnerability> vulnerabilities,
                        Retention retention, List<SealedLink> sealedLinks, Instant updatedAt)
        implements Versioned {

    /** Answered as the record's ETag. */
    @Override
    public Long entityVersion() {
        return version;
    }

    public record Shield(Instant since, LocalDate reviewDate, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Retention(int retainUntilAge, RetentionReason reason, LocalDate archivedOn) {
    }
}
