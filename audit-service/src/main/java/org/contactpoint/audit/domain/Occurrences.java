package org.contactpoint.audit.domain;

import java.time.Instant;

/**
 * How many accesses an alert stands for, and when the first and the last occurred: one for a rule that judges each
 * access alone; for a counting rule, the accesses that made it fire.
 */
public record Occurrences(int count, Instant firstSeenAt, Instant lastSeenAt) {

    /** The one access that raised an alert. */
    public static Occurrences one(Instant occurredAt) {
        return new Occurrences(1, occurredAt, occurredAt);
    }
}
