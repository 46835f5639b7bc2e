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

    /**
     * A matched child, by its visible fields only: never location.
     *
     * @param variations why the child is offered although it differs from what was typed; empty when it does not
     */
    public record Match(String contactPointId, MatchGrade grade, List<MatchGrade.Variation> variations,
                        String givenNames, String familyName, String preferredName, LocalDate dateOfBirth,
                        String gender, boolean shielded) {

        /** A child matched exactly as asked (by an identifier): no variations. */
        public Match(String contactPointId, MatchGrade grade, String givenNames, String familyName,
                     String preferredName, LocalDate dateOfBirth, String gender, boolean shielded) {
            this(contactPointId, grade, List.of(), givenNames, familyName, preferredName, dateOfBirth, gender,
                    shielded);
        }
    }
}
