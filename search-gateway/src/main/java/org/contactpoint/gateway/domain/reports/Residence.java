package org.contactpoint.gateway.domain.reports;

import java.time.Instant;

/**
 * A child's responsible local authority as one identity event states it, for the record of when it last changed.
 *
 * @param localAuthority         the responsible authority after the event (null when identity holds none)
 * @param previousLocalAuthority the authority a move was from (on a moved-local-authority event), else null
 * @param occurredAt             when identity made the change
 */
public record Residence(String contactPointId, long version, String localAuthority, String previousLocalAuthority,
                        Instant occurredAt) {
}
