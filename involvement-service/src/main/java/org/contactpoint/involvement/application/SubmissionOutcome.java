package org.contactpoint.involvement.application;

import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.ParkedSubmission;
import org.contactpoint.involvement.domain.ServiceType;

/**
 * What became of a submission: a new involvement ({@code CREATED}), the one an earlier identical submission made
 * ({@code DUPLICATE}), or accepted and waiting for the child to become known ({@code PARKED}).
 *
 * @param involvement the involvement, unless parked
 * @param parked      the parked submission, when parked
 * @param serviceType the submission's service type
 */
public record SubmissionOutcome(Kind kind, Involvement involvement, ParkedSubmission parked,
                                ServiceType serviceType) {

    public enum Kind { CREATED, DUPLICATE, PARKED }

    static SubmissionOutcome of(Kind kind, Involvement involvement) {
        return new SubmissionOutcome(kind, involvement, null, involvement.serviceType());
    }

    static SubmissionOutcome parked(ParkedSubmission parked, ServiceType serviceType) {
        return new SubmissionOutcome(Kind.PARKED, null, parked, serviceType);
    }
}
