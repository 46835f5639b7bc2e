package org.contactpoint.involvement.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Where one of an agency's submissions stands: {@code ACCEPTED} (its involvement exists), {@code PARKED} (accepted and
 * waiting for identity-service's event about its child) or {@code REJECTED} (with the reason).
 *
 * @param involvementId the involvement it made or will make; null when rejected
 * @param at            when it was accepted, parked or rejected
 * @param reason        why it was refused; null unless rejected
 */
public record SubmissionStatus(String submissionId, State state, UUID involvementId, Instant at, String reason) {

    public enum State { ACCEPTED, PARKED, REJECTED }
}
