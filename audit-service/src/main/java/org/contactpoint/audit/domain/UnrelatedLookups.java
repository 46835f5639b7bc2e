package org.contactpoint.audit.domain;

import java.time.Instant;
import java.util.List;

/**
 * A user's window in which they looked up children their organisation recorded no involvement with, as the
 * unrelated-children rule finds it from the counts.
 *
 * @param unrelatedChildren the children looked up with no involvement recorded by the organisation
 * @param lookups           every lookup the user made in the window
 * @param lastSequence      the audit record of the latest lookup (it names the user as they were then)
 */
public record UnrelatedLookups(String userId, Instant windowStart, String organisationCode,
                               List<String> unrelatedChildren, int lookups, Instant firstSeenAt, Instant lastSeenAt,
                               long firstSequence, long lastSequence) {
}
