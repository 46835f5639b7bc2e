package org.contactpoint.identity.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.identity.domain.RetentionReason;
import org.contactpoint.identity.repository.SealedLinkRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A child's full record for the management team and administrators.
 *
 * @param resolvedFrom the ID that was asked for when it was merged into this child
 * @param sealedLinks  only for the sealed-records role: the closed or new identity this one is linked to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChildView(String contactPointId, long version, ChildEvent.ChildStatus status, String mergedInto,
                        String resolvedFrom, ChildEvent.PersonName name, String preferredName,
                        List<ChildEvent.FormerName> formerNames, LocalDate dateOfBirth, ChildEvent.Gender gender,
                        LocalDate dateOfDeath, ChildEvent.Whereabouts whereabouts,
                        List<ChildEvent.ParentCarer> parentsCarers, List<ChildEvent.SourceIdentifier> identifiers,
                        String responsibleLocalAuthority, Shield shield,
                        List<ChildEvent.Vulnerability> vulnerabilities, Retention retention,
                        List<SealedLinkRepository.Link> sealedLinks, Instant updatedAt) {

    public record Shield(Instant since, LocalDate reviewDate, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Retention(int retainUntilAge, RetentionReason reason, LocalDate archivedOn) {
    }
}
