package org.contactpoint.gateway.domain;

import java.time.LocalDate;

/**
 * An involvement's state as involvement-service last published it. For a sensitive service the details are never
 * published; {@link Involvement} drops any that arrive all the same.
 */
public record InvolvementState(String involvementId, String contactPointId, long version, InvolvementStatus status,
                               String serviceType, boolean sensitive, String organisationName,
                               String organisationCode, String practitionerName, String practitionerRole,
                               String contactPhone, String contactEmail, LocalDate startDate, LocalDate endDate,
                               boolean leadProfessional, boolean cafHeld) {

    /**
     * A removed involvement as its tombstone tells it: only the id. Final (an involvement id is never used again), so
     * it outranks every version and any copy of an earlier event that arrives later is dropped.
     */
    public static InvolvementState removed(String involvementId) {
        return new InvolvementState(involvementId, null, Long.MAX_VALUE, InvolvementStatus.REMOVED, null, false, null,
                null, null, null, null, null, null, null, false, false);
    }
}
