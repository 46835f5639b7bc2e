package org.contactpoint.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The local authority team's reports (issue 23). */
@ConfigMapping(prefix = "contactpoint.la-reports")
public interface LocalAuthorityReportsConfig {

    /** Children-missing-education CSV exports one local authority may make in a UTC calendar day. */
    @WithDefault("5")
    int exportsPerDay();

    /** How far back "moved in" reaches. */
    @WithDefault("P90D")
    Duration movedInWithin();
}
