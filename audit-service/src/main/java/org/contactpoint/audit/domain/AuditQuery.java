package org.contactpoint.audit.domain;

import java.time.Instant;

/** What an auditor asks the trail for; every criterion is optional and they combine with AND. */
public record AuditQuery(String childId, String userId, String organisation, Instant from, Instant to,
                         String purpose, String action) {

    public static AuditQuery forChild(String childId) {
        return new AuditQuery(childId, null, null, null, null, null, null);
    }
}
