package org.contactpoint.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/**
 * Where the LA team's screens' requests go (rest.LaTeamResource): audit-service (accounts, partner organisations,
 * investigations, access notifications, usage reports) and identity-service (data quality), each called with the
 * team member's own token.
 */
@ConfigMapping(prefix = "contactpoint.la-team")
public interface LaTeamServicesConfig {

    /** audit-service's base URL (locally http://127.0.0.1:18083; in Kubernetes its Service). */
    URI auditServiceUrl();

    /** identity-service's base URL (locally http://127.0.0.1:18081; in Kubernetes its Service). */
    URI identityServiceUrl();

    /** The longest wait for either's answer before the page is told it did not answer (504). */
    @WithDefault("10s")
    Duration timeout();
}
