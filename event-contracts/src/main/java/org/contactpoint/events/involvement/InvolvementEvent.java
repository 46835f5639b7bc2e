package org.contactpoint.events.involvement;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The state of one involvement after a change. Keyed by the child's ContactPoint ID so a child's involvements stay
 * in order; consumers keep the highest {@link #version} per {@link #involvementId}.
 * <p>
 * For a sensitive service (sexual health, mental health, substance misuse) the organisation, practitioner and
 * contact are never carried: only that such a service is involved. The local authority management team brokers
 * contact through involvement-service.
 *
 * @param contactPointId   the child the involvement is with; changes when a merge re-homes it
 * @param status           {@code REMOVED} means delete it everywhere
 * @param previousContactPointId on a re-home ({@code involvement.involvement.rehomed.v1}), the child it was with
 *                         before; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvolvementEvent(
        String involvementId,
        String contactPointId,
        long version,
        Status status,
        String serviceType,
        boolean sensitive,
        Organisation organisation,
        Practitioner practitioner,
        Contact contact,
        LocalDate startDate,
        LocalDate endDate,
        boolean leadProfessional,
        boolean cafHeld,
        String sourceAgency,
        Instant occurredAt,
        String previousContactPointId) {

    /** The shape before {@code previousContactPointId} was added; kept so existing callers still compile. */
    public InvolvementEvent(String involvementId, String contactPointId, long version, Status status,
                            String serviceType, boolean sensitive, Organisation organisation,
                            Practitioner practitioner, Contact contact, LocalDate startDate, LocalDate endDate,
                            boolean leadProfessional, boolean cafHeld, String sourceAgency, Instant occurredAt) {
        this(involvementId, contactPointId, version, status, serviceType, sensitive, organisation, practitioner,
                contact, startDate, endDate, leadProfessional, cafHeld, sourceAgency, occurredAt, null);
    }

    public enum Status { ACTIVE, CEASED, REMOVED }

    /** The organisation providing the service, with a code such as an ODS code or a school URN. */
    public record Organisation(String name, String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Practitioner(String name, String role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String phone, String email) {
    }
}
