package org.contactpoint.involvement.service;

import org.contactpoint.involvement.rest.InvolvementView;

/**
 * What became of a submission: a new involvement ({@code CREATED}), the one an earlier identical submission made
 * ({@code DUPLICATE}), or accepted and waiting for the child to become known ({@code PARKED}).
 */
public record SubmissionOutcome(Kind kind, InvolvementView involvement) {

    public enum Kind { CREATED, DUPLICATE, PARKED }
}
