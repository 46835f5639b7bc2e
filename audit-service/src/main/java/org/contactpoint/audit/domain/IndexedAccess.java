package org.contactpoint.audit.domain;

import java.time.Instant;
import java.util.List;

/**
 * What an audit record is queried by, read from the access it chains: which access, when, from which service, who,
 * what, how it ended, why and which children. Verification checks these still agree with the chained event.
 *
 * @param childIds the children the access returned or touched; empty when none
 */
public record IndexedAccess(String eventId, Instant occurredAt, String service, String userId, String organisation,
                            String organisationCode, String action, String outcome, String purpose,
                            List<String> childIds) {
}
