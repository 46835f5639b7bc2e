package org.contactpoint.involvement.application;

import org.contactpoint.involvement.domain.ServiceType;

import java.time.LocalDate;

/**
 * What an audit record's reference (an involvement id) stands for: the details the trail leaves out.
 *
 * @param parked          true while the submission waits for its child (then {@code contactPointId} may be null)
 * @param contactPointId  the child the involvement is with now
 * @param sourceAgency    the agency system that submitted it (the REST caller's {@code sub} or the topic's
 *                        {@code ce_source})
 * @param submissionId    the agency's own id for the submission
 */
public record AuditReference(String reference, boolean parked, String contactPointId, String status,
                             ServiceType serviceType, String organisationName, String organisationCode,
                             String sourceAgency, String submissionId, LocalDate startDate, LocalDate endDate) {
}
