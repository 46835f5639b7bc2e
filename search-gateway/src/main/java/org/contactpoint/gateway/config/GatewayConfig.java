package org.contactpoint.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** How the gateway answers lookups. */
@ConfigMapping(prefix = "contactpoint.gateway")
public interface GatewayConfig {

    /** Which children the read model holds: UNIVERSAL (every child) or TARGETED (only children flagged vulnerable). */
    @WithDefault("UNIVERSAL")
    ScopeMode scope();

    /** The most matches a search returns; beyond it the answer is "too many matches, add criteria". */
    @WithDefault("10")
    int maxMatches();

    /** Per-user lookup quotas (searches and record views together). */
    Quota quota();

    /** The demo users file the local sign-in page offers (deploy/local/demo-users); sign-in is off without it. */
    Optional<String> demoUsersFile();

    interface Quota {
        /** Lookups one user may make in a calendar minute. */
        @WithDefault("30")
        int perMinute();

        /** Lookups one user may make in a UTC calendar day. */
        @WithDefault("500")
        int perDay();
    }
}
