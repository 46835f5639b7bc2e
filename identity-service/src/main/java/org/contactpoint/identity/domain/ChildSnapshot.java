package org.contactpoint.identity.domain;


import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Everything about a child that a merge may change, kept so an unmerge can put it back exactly. */
public record ChildSnapshot(ChildStatus status, String mergedInto, PersonName name,
                            String preferredName, List<FormerName> formerNames, LocalDate dateOfBirth,
                            Gender gender, LocalDate dateOfDeath, Whereabouts whereabouts,
                            List<ParentCarer> parentsCarers, String responsibleLocalAuthority,
                            Instant shieldSince, LocalDate shieldReviewDate, String shieldReason,
                            List<Vulnerability> vulnerabilities, int retainUntilAge,
                            RetentionReason retentionReason, LocalDate archivedOn) {
}
