package org.contactpoint.events.involvement;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.Contract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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
        String previousContactPointId) implements Contract {

    /** The longest {@link #involvementId} a reader keeps (involvement-service issues UUIDs). */
    public static final int MAX_ID_LENGTH = 64;

    /** The shape before {@code previousContactPointId} was added; kept so existing callers still compile. */
    public InvolvementEvent(String involvementId, String contactPointId, long version, Status status,
                            String serviceType, boolean sensitive, Organisation organisation,
                            Practitioner practitioner, Contact contact, LocalDate startDate, LocalDate endDate,
                            boolean leadProfessional, boolean cafHeld, String sourceAgency, Instant occurredAt) {
        this(involvementId, contactPointId, version, status, serviceType, sensitive, organisation, practitioner,
                contact, startDate, endDate, leadProfessional, cafHeld, sourceAgency, occurredAt, null);
    }

    /**
     * What every reader relies on (the union of what its readers checked each on their own): an id of at most
     * {@value #MAX_ID_LENGTH} characters, the child's valid ContactPoint ID, a status and a version of at least 1.
     */
    @Override
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (involvementId == null || involvementId.isBlank()) {
            violations.add("involvementId is required");
        } else if (involvementId.length() > MAX_ID_LENGTH) {
            violations.add("involvementId is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (!ContactPointIds.isValid(contactPointId)) {
            violations.add("contactPointId is missing or has a wrong check digit");
        }
        if (version < 1) {
            violations.add("version must be at least 1");
        }
        if (status == null) {
            violations.add("status is required");
        }
        return violations;
    }

    /**
     * Keyed by the involvement (involvement.involvements.v2), so one involvement's events stay in order on one
     * partition and compaction keeps the latest state of each involvement, not one per child.
     */
    @Override
    public String expectedKey() {
        return involvementId;
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
