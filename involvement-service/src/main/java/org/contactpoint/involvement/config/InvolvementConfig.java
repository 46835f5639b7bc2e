package org.contactpoint.involvement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How involvements are kept and accepted. */
@ConfigMapping(prefix = "contactpoint.involvement")
public interface InvolvementConfig {

    /**
     * How long after its end date a ceased involvement stays visible as "has worked with" before it is removed
     * everywhere (a REMOVED event). ISO-8601, whole days, e.g. {@code P730D} (two years).
     */
    @WithDefault("P730D")
    Duration hasWorkedWithPeriod();

    /** How often the job that removes ceased involvements past their "has worked with" period runs. */
    @WithDefault("1h")
    String expiryEvery();

    /** How often the job that publishes queued involvements again on involvement.involvements.v2 looks for work. */
    @WithDefault("1m")
    String republishEvery();

    /**
     * How long a single REST submission for a child not known yet waits for identity's event about the child before
     * it is parked (202). Covers "register the child, then submit at once"; 0 parks at once.
     */
    @WithDefault("5s")
    Duration unknownChildGrace();

    /** The most submissions one {@code POST /involvements/batch} may carry. */
    @WithDefault("100")
    int batchMaxSize();

    /** How often the import worker looks for staged imports to apply ({@code off} stops it). */
    @WithDefault("2s")
    String importEvery();

    /** How many lines of an import are applied in one transaction. */
    @WithDefault("500")
    int importBatchSize();

    /** How many lines of an upload are staged (COPY) and committed together. */
    @WithDefault("5000")
    int importChunkLines();

    /** The longest line of an upload, in characters: a longer one is rejected, the rest go on. */
    @WithDefault("65536")
    int importMaxLineLength();
}
