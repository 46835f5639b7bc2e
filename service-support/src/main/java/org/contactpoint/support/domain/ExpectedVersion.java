package org.contactpoint.support.domain;

import java.util.Set;

/**
 * The versions of a record a change was made from (HTTP's {@code If-Match}): the change applies only when the record
 * is still at one of them. {@link #ANY} when the caller did not say (a change by a system that replays its feed, or a
 * v1 client that predates ETags): then the last writer wins, as before.
 */
public record ExpectedVersion(boolean any, Set<Long> versions) {

    /** The caller did not say which version it changes: any will do. */
    public static final ExpectedVersion ANY = new ExpectedVersion(true, Set.of());

    public ExpectedVersion {
        versions = Set.copyOf(versions);
    }

    /** Only these versions; none at all when what the caller sent names no version of ours. */
    public static ExpectedVersion oneOf(Set<Long> versions) {
        return new ExpectedVersion(false, versions);
    }

    public boolean matches(long current) {
        return any || versions.contains(current);
    }

    /** Refuses the change when the record moved on since the caller read it. */
    public void require(long current, String record) {
        if (!matches(current)) {
            throw new StaleVersion(record + " has changed since you read it (it is now at version " + current
                    + "); read it again, check the change still applies, and send it with the new ETag in If-Match");
        }
    }
}
