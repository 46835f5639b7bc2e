package org.contactpoint.audit.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;
import java.util.Set;

/** What a child's lead professional is shown of the people who looked at the child's record. */
@ConfigMapping(prefix = "contactpoint.recent-accesses")
public interface RecentAccessConfig {

    /**
     * Organisation codes of sensitive services (sexual health, mental health, substance misuse): their users' accesses
     * show the viewer's roles, never the organisation. audit-service cannot learn these from the involvement topic,
     * which publishes sensitive involvements without an organisation, so they are configured.
     */
    Optional<Set<String>> sensitiveOrganisationCodes();
}
