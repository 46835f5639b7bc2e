package org.contactpoint.identity.domain;

import org.contactpoint.events.identity.ChildEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Everything about a child that a merge may change, kept so an unmerge can put it back exactly. */
public record ChildSnapshot(ChildEvent.ChildStatus status, String mergedInto, ChildEvent.PersonName name,
                            String preferredName, List<ChildEvent.FormerName> formerNames, LocalDate dateOfBirth,
                            ChildEvent.Gender gender, LocalDate dateOfDeath, ChildEvent.Whereabouts whereabouts,
                            List<ChildEvent.ParentCarer> parentsCarers, String responsibleLocalAuthority,
                            Instant shieldSince, LocalDate shieldReviewDate, String shieldReason,
                            List<ChildEvent.Vulnerability> vulnerabilities, int retainUntilAge,
                            RetentionReason retentionReason, LocalDate archivedOn) {
}
