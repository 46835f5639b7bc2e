package org.contactpoint.audit.domain;

import java.util.Set;

/**
 * A child as identity-service last described it, reduced to what audit-service keeps.
 *
 * @param version                   the child's version: the newest wins
 * @param responsibleLocalAuthority the local authority told when a protected child's record is viewed; may be null
 * @param shielded                  true while the child's whereabouts are withheld
 */
public record ChildState(String childId, long version, String responsibleLocalAuthority, boolean shielded,
                         Set<Vulnerability> vulnerabilities) {
}
