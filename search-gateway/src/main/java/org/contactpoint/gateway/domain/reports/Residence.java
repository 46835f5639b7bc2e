package org.contactpoint.gateway.domain.reports;

import java.time.Instant;
import java.util.Objects;

/**
 * A child's responsible local authority as one identity event states it, for the record of when it last changed.
 *
 * @param localAuthority         the responsible authority after the event (null when identity holds none)
 * @param previousLocalAuthority the authority a move was from (on a moved-local-authority event), else null
 * @param occurredAt             when identity made the change
 */
public record Residence(String contactPointId, long version, String localAuthority, String previousLocalAuthority,
                        Instant occurredAt) {

    /**
     * This residence followed by a later event's: the same authority keeps when the child came and where from; another
     * authority starts now, from this one unless the event names where the child moved from.
     */
    public Residence then(Residence later) {
        if (Objects.equals(localAuthority, later.localAuthority)) {
            return new Residence(contactPointId, later.version, localAuthority, previousLocalAuthority, occurredAt);
        }
        return new Residence(contactPointId, later.version, later.localAuthority,
                later.previousLocalAuthority != null ? later.previousLocalAuthority : localAuthority,
                later.occurredAt);
    }
}
