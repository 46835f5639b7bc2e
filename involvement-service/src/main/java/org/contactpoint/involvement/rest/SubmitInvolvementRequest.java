package org.contactpoint.involvement.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.contactpoint.involvement.application.SubmitInvolvement;
import org.contactpoint.involvement.domain.Basis;
import org.contactpoint.involvement.domain.ServiceType;
import org.contactpoint.involvement.domain.SourceIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An agency's submission of an involvement: the REST body, and the value on the agency topic
 * ({@code involvement.agency-submissions.v1}, documented in the event catalogue as {@code AgencySubmission}).
 * The child is named by {@code contactPointId}, or by a {@code sourceIdentifier} identity-service knows. Over REST
 * the organisation may be left out: it is the caller's (its token's {@code org} and {@code org_code}), and naming
 * another is refused.
 *
 * @param submissionId the agency's own id for this submission: the same id again has no further effect
 * @param replacesLead with {@code leadProfessional}, makes this the child's lead in place of the current one
 */
public record SubmitInvolvementRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+",
                message = "must be letters, digits and . _ : / -") String submissionId,
        @Size(max = 12) String contactPointId,
        @Valid SourceIdentifierRequest sourceIdentifier,
        @NotNull ServiceType serviceType,
        @Valid OrganisationRequest organisation,
        @Valid PractitionerRequest practitioner,
        @NotNull @Valid ContactRequest contact,
        @NotNull @PastOrPresent LocalDate startDate,
        LocalDate endDate,
        boolean leadProfessional,
        boolean replacesLead,
        boolean cafHeld,
        @Valid ConsentRequest consent) {

    /** The submission as the use case takes it. */
    public SubmitInvolvement toCommand() {
        return new SubmitInvolvement(submissionId, contactPointId,
                sourceIdentifier == null ? null : new SourceIdentifier(sourceIdentifier.scheme(),
                        sourceIdentifier.value(), sourceIdentifier.source()),
                serviceType, organisation == null ? null
                        : new SubmitInvolvement.Organisation(organisation.name(), organisation.code()),
                practitioner == null ? null
                        : new SubmitInvolvement.Practitioner(practitioner.name(), practitioner.role()),
                contact == null ? null : new SubmitInvolvement.Contact(contact.phone(), contact.email()),
                startDate, endDate, leadProfessional, replacesLead, cafHeld,
                consent == null ? null : consent.toBasis());
    }

    /**
     * An identifier a source system holds for the child, e.g. {@code NHS_NUMBER} 9434765919, or an LA case id
     * ({@code SOURCE_ID} with {@code source} {@code LA_CASE_SYSTEM}); {@code source} narrows the match to identifiers
     * from that source system.
     */
    public record SourceIdentifierRequest(
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Z0-9_]+", message = "must be upper-case letters, digits and _")
            String scheme,
            @NotBlank @Size(max = 100) String value,
            @Size(max = 60) String source) {
    }

    /** The organisation providing the service, with its code (ODS code, school URN, ...). */
    public record OrganisationRequest(@NotBlank @Size(max = 200) String name, @Size(max = 40) String code) {
    }

    public record PractitionerRequest(@Size(max = 200) String name, @Size(max = 200) String role) {
    }

    /** How to reach the practitioner or the service: a phone number, an email address, or both. */
    public record ContactRequest(
            @Size(max = 30) @Pattern(regexp = "^[0-9 +()-]{6,30}$", message = "must be a phone number") String phone,
            @Size(max = 254) @Email String email) {
    }

    /** The recorded basis for a sensitive service: who consented (or declared significant harm), when, the scope. */
    public record ConsentRequest(
            Basis.Kind kind,
            @Size(max = 200) String givenBy,
            Instant recordedAt,
            @Size(max = 500) String scope,
            Boolean sufficientUnderstanding) {

        public Basis toBasis() {
            return new Basis(kind, givenBy, recordedAt, scope, sufficientUnderstanding);
        }
    }
}
