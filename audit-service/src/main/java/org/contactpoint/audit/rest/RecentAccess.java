package org.contactpoint.audit.rest;

import java.time.Instant;
import java.util.List;

/**
 * One of the most recent accesses to a child's record, as the child's lead professional sees it.
 *
 * @param organisation         the viewer's organisation; null when withheld
 * @param roles                when the organisation is withheld, the viewer's roles instead; otherwise null
 * @param organisationWithheld true when the child is shielded (now, or in the access itself) or the viewer's
 *                             organisation is a sensitive service: where the child is, or which sensitive service
 *                             works with them, must not be inferable from who looked
 */
public record RecentAccess(Instant occurredAt, String name, String organisation, List<String> roles,
                           boolean organisationWithheld, String action, String purpose) {
}
