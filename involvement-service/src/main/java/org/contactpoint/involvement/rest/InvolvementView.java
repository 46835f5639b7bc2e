package org.contactpoint.involvement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.involvement.application.SubmissionOutcome;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.ParkedSubmission;
import org.contactpoint.involvement.domain.ServiceType;
import org.contactpoint.support.domain.Versioned;

import java.time.LocalDate;

/**
 * An involvement as the API shows it. {@code status} is ACTIVE, CEASED or PARKED (accepted, waiting for the child's
 * identity to arrive); {@code relationship} says "WORKING_WITH" or, once ceased, "HAS_WORKED_WITH".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvolvementView(
        String involvementId,
        String submissionId,
        String status,
        String relationship,
        String contactPointId,
        String serviceType,
        String serviceTypeLabel,
        boolean sensitive,
        Organisation organisation,
        Practitioner practitioner,
        Contact contact,
        LocalDate startDate,
        LocalDate endDate,
        boolean leadProfessional,
        boolean cafHeld,
        String basis,
        Long version) implements Versioned {

    /** Answered as the involvement's ETag; none for a parked submission, which is not an involvement yet. */
    @Override
    public Long entityVersion() {
        return version;
    }

    public record Organisation(String name, String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Practitioner(String name, String role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String phone, String email) {
    }

    public static InvolvementView of(Involvement i) {
        return new InvolvementView(i.id().toString(), i.submissionId(), i.status().name(),
                i.isActive() ? "WORKING_WITH" : "HAS_WORKED_WITH", i.contactPointId(), i.serviceType().name(),
                i.serviceType().label(), i.sensitive(), new Organisation(i.organisationName(), i.organisationCode()),
                i.practitionerName() == null && i.practitionerRole() == null ? null
                        : new Practitioner(i.practitionerName(), i.practitionerRole()),
                i.contactPhone() == null && i.contactEmail() == null ? null
                        : new Contact(i.contactPhone(), i.contactEmail()),
                i.startDate(), i.endDate(), i.leadProfessional(), i.cafHeld(),
                i.basis() == null ? null : i.basis().kind().name(), i.version());
    }

    /** What a submission made: the involvement, or the parked submission waiting for the child. */
    public static InvolvementView of(SubmissionOutcome outcome) {
        return outcome.kind() == SubmissionOutcome.Kind.PARKED ? parked(outcome.parked(), outcome.serviceType())
                : of(outcome.involvement());
    }

    public static InvolvementView parked(ParkedSubmission parked, ServiceType serviceType) {
        return new InvolvementView(parked.involvementId().toString(), parked.submissionId(), "PARKED", null,
                parked.contactPointId(), serviceType.name(), serviceType.label(), serviceType.sensitive(), null, null,
                null, null, null, false, false, null, null);
    }
}
