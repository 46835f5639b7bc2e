package org.contactpoint.audit.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notice to a child's responsible local authority that the record of a child with a child-protection plan or
 * looked-after status was viewed, kept in that authority's inbox until read and acknowledged there.
 *
 * @param recipientLocalAuthority the authority it is delivered to (GSS code); null until audit-service knows the
 *                                child's responsible authority
 * @param vulnerabilities         the child's vulnerabilities when it was viewed
 * @param recordSequence          the audit record of the view
 * @param acknowledgedAt          when the recipient acknowledged it; null while it is new
 * @param acknowledgedBy          the user who acknowledged it
 */
public record AccessNotification(UUID notificationId, String childId, String recipientLocalAuthority,
                                 List<String> vulnerabilities, Instant viewedAt, Viewer viewer, String purpose,
                                 String breakGlassReason, long recordSequence, Instant acknowledgedAt,
                                 String acknowledgedBy) {

    /** Who viewed the record. */
    public record Viewer(String userId, String name, String organisation, String organisationCode,
                         String localAuthority) {
    }
}
