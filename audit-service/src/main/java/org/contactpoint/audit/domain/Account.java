package org.contactpoint.audit.domain;

import java.time.Instant;
import java.util.List;

/**
 * A person's ContactPoint account as their local authority's team administers it.
 *
 * @param userId         the identity provider's id for the user: the {@code sub} of every token they hold
 * @param localAuthority the ONS code of the authority that administers it
 * @param statusReason   why it was suspended or closed; null while active
 * @param version        1 when created, one more with every change of status (the ETag a change sends in If-Match)
 */
public record Account(String userId, String username, String name, String localAuthority, String organisationCode,
                      String organisation, List<String> roles, AccountStatus status, String statusReason,
                      String createdBy, Instant createdAt, Instant changedAt, long version) {

    /** The account as a change of status leaves it: at the next version. */
    public Account withStatus(AccountStatus newStatus, String reason, Instant at) {
        return new Account(userId, username, name, localAuthority, organisationCode, organisation, roles, newStatus,
                reason, createdBy, createdAt, at, version + 1);
    }
}
