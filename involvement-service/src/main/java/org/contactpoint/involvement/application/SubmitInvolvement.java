package org.contactpoint.involvement.application;

import org.contactpoint.involvement.domain.Basis;
import org.contactpoint.involvement.domain.ServiceType;
import org.contactpoint.involvement.domain.SourceIdentifier;

import java.time.LocalDate;

/**
 * An agency's submission of an involvement, however it came (REST, a batch item, the agency topic). The child is named
 * by {@code contactPointId}, or by a {@code sourceIdentifier} identity-service knows. A parked submission is kept as
 * this record's JSON, which has the shape of the REST body, so parked rows written before read the same.
 *
 * @param submissionId the agency's own id for this submission: the same id again has no further effect
 * @param replacesLead with {@code leadProfessional}, makes this the child's lead in place of the current one
 * @param consent      the recorded basis for a sensitive service
 */
public record SubmitInvolvement(
        String submissionId,
        String contactPointId,
        SourceIdentifier sourceIdentifier,
        ServiceType serviceType,
        Organisation organisation,
        Practitioner practitioner,
        Contact contact,
        LocalDate startDate,
        LocalDate endDate,
        boolean leadProfessional,
        boolean replacesLead,
        boolean cafHeld,
        Basis consent) {

    /** The same submission for this organisation (the one the submitter's credential proves). */
    public SubmitInvolvement withOrganisation(Organisation proven) {
        return new SubmitInvolvement(submissionId, contactPointId, sourceIdentifier, serviceType, proven, practitioner,
                contact, startDate, endDate, leadProfessional, replacesLead, cafHeld, consent);
    }

    /** The organisation providing the service, with its code (ODS code, school URN, ...). */
    public record Organisation(String name, String code) {
    }

    public record Practitioner(String name, String role) {
    }

    /** How to reach the practitioner or the service: a phone number, an email address, or both. */
    public record Contact(String phone, String email) {
    }
}
