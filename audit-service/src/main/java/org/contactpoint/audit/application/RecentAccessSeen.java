package org.contactpoint.audit.application;

import java.time.Instant;
import java.util.List;

/**
 * One of the newest accesses to a child's record, as the child's lead professional may see it.
 *
 * @param organisation         the viewer's organisation; null when withheld
 * @param roles                when the organisation is withheld, the viewer's roles instead; otherwise null
 * @param organisationWithheld true when where the child is, or which sensitive service works with them, could be
 *                             inferred from the viewer's organisation
 */
public record RecentAccessSeen(Instant occurredAt, String name, String organisation, List<String> roles,
                               boolean organisationWithheld, String action, String purpose) {
}
