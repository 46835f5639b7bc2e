package org.contactpoint.audit.domain;

import java.time.Instant;
import java.util.List;

/**
 * A person's ContactPoint account as their local authority's team administers it.
 *
 * @param userId         the identity provider's id for the user: the {@code sub} of every token they hold
 * @param localAuthority the ONS code of the authority that administers it
 * @param statusReason   why it was suspended or closed; null while active
 */
public record Account(String userId, String username, String name, String localAuthority, String organisationCode,
                      String organisation, List<String> roles, AccountStatus status, String statusReason,
                      String createdBy, Instant createdAt, Instant changedAt) {

    public Account withStatus(AccountStatus newStatus, String reason, Instant at) {
        return new Account(userId, username, name, localAuthority, organisationCode, organisation, roles, newStatus,
                reason, createdBy, createdAt, at);
    }
}
