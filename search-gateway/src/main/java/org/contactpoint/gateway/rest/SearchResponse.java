package org.contactpoint.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.gateway.application.SearchResult;
import org.contactpoint.gateway.domain.MatchGrade;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to a search: at most the cap of matches, best first; beyond the cap no list at all, only
 * {@code tooManyMatches} and advice to add criteria.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResponse(List<Match> matches, boolean tooManyMatches, String advice) {

    static SearchResponse of(SearchResult result) {
        return result.tooManyMatches()
                ? new SearchResponse(null, true, "More than " + result.cap()
                + " children match: add criteria (a given name, an exact date of birth, gender) to narrow the search")
                : new SearchResponse(result.matches().stream().map(m -> new Match(m.contactPointId(), m.grade(),
                m.variations(), m.givenNames(), m.familyName(), m.preferredName(), m.dateOfBirth(), m.gender(), m.shielded()))
                .toList(), false, null);
    }

    /**
     * A matched child, by its visible fields only: never location.
     *
     * @param variations why the child is offered although it differs from what was typed (empty when it does not)
     */
    public record Match(String contactPointId, MatchGrade grade, List<MatchGrade.Variation> variations,
                        String givenNames, String familyName,
                        String preferredName, LocalDate dateOfBirth, String gender, boolean shielded) {
    }
}
