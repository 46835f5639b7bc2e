package org.contactpoint.gateway.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether a caller is a system client rather than a person: a case-management system's token carries the
 * {@link Roles#CASE_MANAGEMENT} role, or the claim {@code "system": true}. System clients have quotas of their own.
 */
public final class SystemClients {

    /** The claim an identity provider sets on a system's token. */
    public static final String SYSTEM_CLAIM = "system";

    private SystemClients() {
    }

    public static boolean isSystemClient(JsonWebToken token) {
        Object claim = token.getClaim(SYSTEM_CLAIM);
        return (token.getGroups() != null && token.getGroups().contains(Roles.CASE_MANAGEMENT))
                || (claim != null && "true".equalsIgnoreCase(claim.toString()));
    }
}
