package org.contactpoint.audit.domain;

import java.util.List;

/**
 * The identity provider's user directory: where an account's sign-in lives. ContactPoint keeps its own record of the
 * account (who administers it, its status); the directory is told so that a suspended or closed account can no longer
 * sign in or refresh a token. Keycloak's admin API locally; the broker's in production (docs/sign-in.md).
 */
public interface AccountDirectory {

    /** A user to create, enabled, with the claims every token will carry. */
    record NewUser(String username, String name, String email, List<String> roles, String organisation,
                   String organisationCode, String localAuthority) {
    }

    /**
     * Creates the user with its roles; the person sets their credential at first sign-in.
     *
     * @return the directory's id of the user (the tokens' {@code sub})
     * @throws org.contactpoint.support.domain.Conflict when the username is taken
     * @throws DirectoryUnavailable when the directory cannot be reached or refuses
     */
    String create(NewUser user);

    /** Stops the user signing in and ends their sessions (a refresh token is refused from now on). */
    void disable(String userId);

    /** Lets a reinstated user sign in again. */
    void enable(String userId);

    /** Removes a user created moments ago whose account could not be recorded. */
    void remove(String userId);
}
