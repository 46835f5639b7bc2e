package org.contactpoint.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
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

        /**
         * How often each instance adds its counts to the totals in the database and reads every instance's back: with
         * N instances a user may overshoot a limit by what the others admitted in one interval.
         */
        @WithDefault("5s")
        Duration flushInterval();

        /** The limits of system clients (a case-management system calling as one identity for many people). */
        SystemQuota system();
    }

    interface SystemQuota {
        /** Lookups one system client may make in a calendar minute. */
        @WithDefault("6000")
        int perMinute();

        /** Lookups one system client may make in a UTC calendar day. */
        @WithDefault("500000")
        int perDay();
    }
}
