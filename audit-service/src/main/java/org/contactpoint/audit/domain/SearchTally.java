package org.contactpoint.audit.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How many searches a user made in one minute (of when they occurred): what the search-burst rule counts. */
public record SearchTally(String userId, Instant minute, int searches) {

    /** The minute an access that occurred at {@code occurredAt} is counted in. */
    public static Instant minuteOf(Instant occurredAt) {
        return occurredAt.truncatedTo(ChronoUnit.MINUTES);
    }
}
