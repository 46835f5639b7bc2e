package org.contactpoint.identity.security;

import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.security.Caller;

import java.util.Arrays;

/**
 * Which local authority's children a caller may read or change. An administrator acts for every local authority; the
 * management team only for children whose responsible local authority is its own ({@code la} claim). Roles an
 * endpoint allows without regard to local authority (e.g. a feed recording a death) are named by that endpoint.
 */
public final class LocalAuthorityAccess {

    private LocalAuthorityAccess() {
    }

    /** True when the caller may act on something that belongs to {@code localAuthority} (null: nobody's). */
    public static boolean mayActOn(Caller caller, String localAuthority, String... unscopedRoles) {
        if (caller.hasRole(Roles.ADMINISTRATOR) || Arrays.stream(unscopedRoles).anyMatch(caller::hasRole)) {
            return true;
        }
        return caller.hasRole(Roles.LA_MANAGEMENT) && localAuthority != null
                && localAuthority.equals(caller.localAuthority());
    }

    /** Forbidden unless {@link #mayActOn}. */
    public static void require(Caller caller, String localAuthority, String what, String... unscopedRoles) {
        if (!mayActOn(caller, localAuthority, unscopedRoles)) {
            throw new Forbidden(what + " is the responsibility of another local authority");
        }
    }
}
