package org.contactpoint.gateway.application;

import org.contactpoint.gateway.domain.MatchGrade;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to a search: at most {@code cap} matches, best first; more than that and no list at all.
 *
 * @param lookupId the id of this lookup's audit record
 */
public record SearchResult(List<Match> matches, boolean tooManyMatches, int cap, String lookupId) {

    /** A matched child, by its visible fields only: never location. */
    public record Match(String contactPointId, MatchGrade grade, String givenNames, String familyName,
                        String preferredName, LocalDate dateOfBirth, String gender, boolean shielded) {
    }
}
