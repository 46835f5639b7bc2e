package org.contactpoint.gateway.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * A child's state as identity-service last published it: what the read model takes, whole, when it is newer than
 * what is held.
 *
 * @param mergedInto the surviving child when {@code status} is {@link ChildStatus#MERGED}: always the final survivor,
 *                   so a merged child resolves in one step
 * @param gender     null when not recorded
 * @param shielded   the child is shielded: nothing about their location may be searchable or shown
 */
public record ChildState(String contactPointId, long version, ChildStatus status, String mergedInto,
                         String givenNames, String familyName, String preferredName, List<FormerName> formerNames,
                         LocalDate dateOfBirth, Gender gender, LocalDate dateOfDeath, Whereabouts whereabouts,
                         List<ParentCarer> parentsCarers, List<SourceIdentifier> identifiers,
                         String responsibleLocalAuthority, boolean shielded, List<Vulnerability> vulnerabilities) {
}
