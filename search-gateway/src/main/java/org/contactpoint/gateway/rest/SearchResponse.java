package org.contactpoint.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.gateway.domain.MatchGrade;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to a search: at most the cap of matches, best first; beyond the cap no list at all, only
 * {@code tooManyMatches} and advice to add criteria.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResponse(List<Match> matches, boolean tooManyMatches, String advice) {

    /** A matched child, by its visible fields only: never location. */
    public record Match(String contactPointId, MatchGrade grade, String givenNames, String familyName,
                        String preferredName, LocalDate dateOfBirth, String gender, boolean shielded) {
    }
}
