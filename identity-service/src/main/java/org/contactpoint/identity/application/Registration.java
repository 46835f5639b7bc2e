package org.contactpoint.identity.application;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/**
 * What happened to a submitted record (the REST layer answers with it as it is).
 *
 * @param outcome  {@code CREATED} for a new child, {@code LINKED} when the record matched a child already known,
 *                 {@code REVIEW} when it waits in the review queue (then there is no contactPointId yet),
 *                 {@code ACCEPTED_PENDING} when it found a shielded child: the child's own local authority decides,
 *                 and the submitter is told nothing else (no ID, version, review item or score)
 * @param reviewId the review queue item, for {@code REVIEW}
 * @param score    the match score of the best candidate, when probabilistic matching decided
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Registration(String contactPointId, String outcome, Long version, UUID reviewId,
                                   Double score) {

    public static final String ACCEPTED_PENDING = "ACCEPTED_PENDING";

    public Registration(String contactPointId, String outcome, long version) {
        this(contactPointId, outcome, version, null, null);
    }

    /** All a submitter learns of a record that found a shielded child. */
    public static Registration acceptedPending() {
        return new Registration(null, ACCEPTED_PENDING, null, null, null);
    }
}
