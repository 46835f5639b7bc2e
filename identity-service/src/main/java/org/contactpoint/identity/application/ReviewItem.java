package org.contactpoint.identity.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.contactpoint.identity.domain.ChildStatus;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.matching.FieldComparison;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A record waiting for a person: the record as submitted and each candidate with its score and per-field
 * comparison, so the decision can be explained.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewItem(UUID id, String status, String source, String sourceRecordId, Instant queuedAt, Double score,
                         String localAuthority, JsonNode record, List<Candidate> candidates) {

    /**
     * @param probability    the chance the record is this child (the score against the register's size)
     * @param weightsVersion the version of the match weights that scored it (0: built in)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Candidate(String contactPointId, double score, String basis, List<FieldComparison> comparisons,
                            String caution,
                            ChildStatus status, String givenNames, String familyName,
                            List<FormerName> formerNames, LocalDate dateOfBirth, Gender gender,
                            String postcode, String responsibleLocalAuthority, boolean shielded,
                            Double probability, Long weightsVersion) {
    }
}
