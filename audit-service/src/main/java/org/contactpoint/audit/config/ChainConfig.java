package org.contactpoint.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The audit chain. */
@ConfigMapping(prefix = "contactpoint.chain")
public interface ChainConfig {

    /** How often the head of the chain is published as a checkpoint on audit.records.v1 (only when it moved). */
    @WithDefault("15m")
    Duration checkpointInterval();

    /**
     * The most consumed audit records chained in one transaction: a poll (up to {@code max.poll.records}) is chained
     * in transactions of at most this many, one after another in the order consumed, so that an alert is published
     * once its own part of the poll has committed rather than the whole poll (issue 19).
     */
    @WithDefault("500")
    int recordsPerTransaction();
}
