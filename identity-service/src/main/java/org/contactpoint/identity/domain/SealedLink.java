package org.contactpoint.identity.domain;

import java.time.Instant;

/**
 * One end of a sealed link between a closed and a new identity, seen from a child.
 *
 * @param auditReference what the audit trail names instead of the new identity for every access to it while it was
 *                       held back (query {@code heldIdentity})
 */
public record SealedLink(String direction, String contactPointId, String reason, String createdBy, Instant createdAt,
                         String auditReference) {
}
