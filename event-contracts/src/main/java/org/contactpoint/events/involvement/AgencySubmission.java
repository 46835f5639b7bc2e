package org.contactpoint.events.involvement;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An agency's submission of an involvement on the agency topic {@code involvement.agency-submissions.v1}: the same
 * body {@code POST /involvements} takes, with the same effect.
 * <ul>
 *   <li>Key: the child's ContactPoint ID when known, else the {@link #submissionId}.</li>
 *   <li>Headers: {@code ce_type} {@value #TYPE}; {@code ce_source} the submitting agency (submission ids are unique
 *       per agency); {@code ce_id} unique per record.</li>
 *   <li>Idempotency: {@link #submissionId}. The same submission again (also with a new {@code ce_id}) has no
 *       further effect.</li>
 *   <li>A submission involvement-service cannot accept goes to {@code involvement.agency-submissions.v1.dlq},
 *       unchanged, with the reason in the {@code dead-letter-reason} header.</li>
 * </ul>
 *
 * @param contactPointId   the child; or leave it out and give {@link #sourceIdentifier}
 * @param serviceType      from the controlled vocabulary (see the schema); SEXUAL_HEALTH, MENTAL_HEALTH and
 *                         SUBSTANCE_MISUSE are sensitive and need {@link #consent}
 * @param replacesLead     with {@code leadProfessional}: stand down the child's current lead professional
 * @param consent          the recorded basis for a sensitive service; never published
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgencySubmission(
        String submissionId,
        String contactPointId,
        SourceIdentifier sourceIdentifier,
        String serviceType,
        InvolvementEvent.Organisation organisation,
        InvolvementEvent.Practitioner practitioner,
        InvolvementEvent.Contact contact,
        LocalDate startDate,
        LocalDate endDate,
        boolean leadProfessional,
        boolean replacesLead,
        boolean cafHeld,
        Consent consent) {

    public static final String TYPE = "involvement.agency-submission.submitted.v1";

    /**
     * An identifier a source system holds for the child and identity-service knows, e.g. NHS_NUMBER, or SOURCE_ID
     * with source LA_CASE_SYSTEM for an LA case id; {@code source} (optional) narrows the match to that system.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceIdentifier(String scheme, String value, String source) {
    }

    /**
     * The basis for sharing a sensitive service: {@code CHILD_CONSENT} (with {@code sufficientUnderstanding: true}
     * and a scope), {@code PARENT_CARER_CONSENT} (who: {@code givenBy}, and a scope) or {@code SIGNIFICANT_HARM}
     * ({@code givenBy}: who declared it); {@code recordedAt} always.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Consent(String kind, String givenBy, Instant recordedAt, String scope,
                          Boolean sufficientUnderstanding) {
    }
}
