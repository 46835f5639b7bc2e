package org.contactpoint.identity.domain;


import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A child as a merge found it. The merged record's is what an unmerge gives back (it cannot change while merged);
 * the survivor's only tells which alias the merge added, since the survivor keeps every change made while merged.
 */
public record ChildSnapshot(ChildStatus status, String mergedInto, PersonName name,
                            String preferredName, List<FormerName> formerNames, LocalDate dateOfBirth,
                            Gender gender, LocalDate dateOfDeath, Whereabouts whereabouts,
                            List<ParentCarer> parentsCarers, String responsibleLocalAuthority,
                            Instant shieldSince, LocalDate shieldReviewDate, String shieldReason,
                            List<Vulnerability> vulnerabilities, int retainUntilAge,
                            RetentionReason retentionReason, LocalDate archivedOn) {
}
