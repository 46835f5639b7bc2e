package org.contactpoint.involvement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.involvement.application.SubmissionOutcome;
import org.contactpoint.support.rest.Problem;

/**
 * The result of one item of a batch: the status it would have had on its own (201, 200, 202, or a 4xx with the
 * problem), and the involvement.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchResult(int index, String submissionId, int status, String outcome, InvolvementView involvement,
                          Problem problem) {

    public static BatchResult of(int index, String submissionId, SubmissionOutcome outcome) {
        return new BatchResult(index, submissionId, InvolvementResource.status(outcome.kind()),
                outcome.kind().name(), InvolvementView.of(outcome), null);
    }

    public static BatchResult failed(int index, String submissionId, Problem problem) {
        return new BatchResult(index, submissionId, problem.status(), "REJECTED", null, problem);
    }
}
