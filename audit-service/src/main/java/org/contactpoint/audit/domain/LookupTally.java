package org.contactpoint.audit.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One user's lookups (searches and record views) in one window, as a consumed batch adds them: the distinct children
 * looked up, how many lookups, the first and last, and the organisation of the latest. What the unrelated-children
 * rule counts instead of reading the lookups back.
 */
public final class LookupTally {

    private final String userId;
    private final Instant windowStart;
    private final Set<String> children = new LinkedHashSet<>();
    private String organisationCode;
    private int lookups;
    private Instant firstSeenAt;
    private Instant lastSeenAt;
    private long firstSequence = Long.MAX_VALUE;
    private long lastSequence = Long.MIN_VALUE;

    public LookupTally(String userId, Instant windowStart) {
        this.userId = userId;
        this.windowStart = windowStart;
    }

    /**
     * The start of the window an access that occurred at {@code occurredAt} falls in: windows follow one another from
     * the epoch, so every replica and every batch agree on them (a day's window is a UTC day).
     */
    public static Instant windowStart(Instant occurredAt, Duration window) {
        long length = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(occurredAt.toEpochMilli(), length) * length);
    }

    /** Adds one lookup, given in chain order. */
    public void add(long sequence, Instant occurredAt, String organisationCode, Iterable<String> childIds) {
        childIds.forEach(children::add);
        lookups++;
        firstSeenAt = firstSeenAt == null || occurredAt.isBefore(firstSeenAt) ? occurredAt : firstSeenAt;
        lastSeenAt = lastSeenAt == null || occurredAt.isAfter(lastSeenAt) ? occurredAt : lastSeenAt;
        firstSequence = Math.min(firstSequence, sequence);
        if (sequence > lastSequence) {
            lastSequence = sequence;
            this.organisationCode = organisationCode;
        }
    }

    public String userId() {
        return userId;
    }

    public Instant windowStart() {
        return windowStart;
    }

    public Set<String> children() {
        return children;
    }

    public String organisationCode() {
        return organisationCode;
    }

    public int lookups() {
        return lookups;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public long firstSequence() {
        return firstSequence;
    }

    public long lastSequence() {
        return lastSequence;
    }
}
