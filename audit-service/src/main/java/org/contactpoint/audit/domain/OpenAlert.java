package org.contactpoint.audit.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert of a counting rule (search burst, out of hours) as stored: when it first fired, how many accesses it stands
 * for and when the latest of them occurred.
 *
 * @param periodStart the out-of-hours period it covers; null for a search burst
 */
public record OpenAlert(UUID alertId, String userId, Instant occurredAt, int occurrences, Instant lastSeenAt,
                        Instant periodStart) {
}
