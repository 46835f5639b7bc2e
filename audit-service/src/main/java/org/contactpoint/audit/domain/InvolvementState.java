package org.contactpoint.audit.domain;

import java.time.Instant;

/**
 * An involvement as involvement-service last described it, reduced to what audit-service keeps.
 *
 * @param version          the involvement's version: the newest wins
 * @param organisationCode null for a sensitive service, which is never named
 * @param occurredAt       when this state was recorded; the first one kept is when the involvement was recorded
 */
public record InvolvementState(String involvementId, String childId, long version, InvolvementStatus status,
                               String organisationCode, boolean leadProfessional, Instant occurredAt) {

    /** Whether there is anything to keep: not for a removed involvement, nor one that names no organisation. */
    public boolean worthKeeping() {
        return status != InvolvementStatus.REMOVED && organisationCode != null;
    }
}
