package org.contactpoint.audit.rest;

import java.time.Instant;

/** One of the most recent accesses to a child's record, as the child's lead professional sees it. */
public record RecentAccess(Instant occurredAt, String name, String organisation, String action, String purpose) {
}
