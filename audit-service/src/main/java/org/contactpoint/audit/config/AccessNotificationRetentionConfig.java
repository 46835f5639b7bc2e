package org.contactpoint.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long access notifications stay in local authorities' inboxes. The views they report stay in the audit chain
 * (kept 7 years); the inbox is only how an authority is told.
 */
@ConfigMapping(prefix = "contactpoint.access-notifications.retention")
public interface AccessNotificationRetentionConfig {

    /** How long a notification is kept from the view it reports, read or not. */
    @WithDefault("P180D")
    Duration keep();

    /** How long a notification is kept once the authority acknowledged it. */
    @WithDefault("P30D")
    Duration keepAcknowledged();

    /** How often expired notifications are deleted. */
    @WithDefault("1h")
    String every();

    /** How many notifications one transaction deletes at most; a run deletes batches until none is left. */
    @WithDefault("5000")
    int batchSize();
}
