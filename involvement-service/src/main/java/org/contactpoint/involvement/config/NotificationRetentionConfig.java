package org.contactpoint.involvement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long notifications stay in their recipients' inboxes (and their webhook pushes with them). */
@ConfigMapping(prefix = "contactpoint.involvement.notification-retention")
public interface NotificationRetentionConfig {

    /** How long a notification is kept from when it was made, read or not: it names a child and who works with it. */
    @WithDefault("P180D")
    Duration keep();

    /** How long a notification is kept once acknowledged: its recipient has read it. */
    @WithDefault("P30D")
    Duration keepAcknowledged();

    /** How often expired notifications are deleted. */
    @WithDefault("1h")
    String every();

    /** How many notifications one transaction deletes at most; a run deletes batches until none is left. */
    @WithDefault("5000")
    int batchSize();
}
