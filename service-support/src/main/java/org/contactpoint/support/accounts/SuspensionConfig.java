package org.contactpoint.support.accounts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How this instance learns which accounts are suspended ({@link SuspendedAccounts}). */
@ConfigMapping(prefix = "contactpoint.accounts.suspensions")
public interface SuspensionConfig {

    /** Whether this instance refuses suspended accounts at all (off only for a service with no signed-in callers). */
    @WithDefault("true")
    boolean enabled();

    /** The compacted topic of suspended and closed accounts. */
    @WithDefault("audit.account-suspensions.v1")
    String topic();

    /** The Kafka brokers. */
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String bootstrapServers();

    /** How often to look for the topic while it does not exist yet (a fresh broker before the first suspension). */
    @WithDefault("1s")
    Duration topicCheckInterval();
}
