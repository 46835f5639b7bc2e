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
}
