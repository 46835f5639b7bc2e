package org.contactpoint.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The identity provider's admin API, through which the LA team's accounts are created, suspended and closed. */
@ConfigMapping(prefix = "contactpoint.accounts.identity-provider")
public interface AccountsConfig {

    /** Keycloak's base URL, e.g. {@code http://127.0.0.1:18084}; unset: account administration answers 503. */
    Optional<String> url();

    /** The realm whose users are ContactPoint's. */
    @WithDefault("contactpoint")
    String realm();

    /** The confidential client audit-service signs in as (client credentials), with realm-management's user roles. */
    @WithDefault("contactpoint-accounts")
    String clientId();

    /** That client's secret. */
    Optional<String> clientSecret();

    /** The longest any one call to the admin API may take. */
    @WithDefault("10s")
    Duration timeout();
}
