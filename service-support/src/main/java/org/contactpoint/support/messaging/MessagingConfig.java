package org.contactpoint.support.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a service publishes its events. */
@ConfigMapping(prefix = "contactpoint.messaging")
public interface MessagingConfig {

    /** This service's name, sent as the CloudEvents source of everything it publishes. */
    String serviceName();

    /** The Kafka brokers the outbox relay publishes to. */
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String bootstrapServers();

    Outbox outbox();

    interface Outbox {
        /** Whether this instance runs the relay at all (any number may: one leads at a time). */
        @WithDefault("true")
        boolean relayEnabled();

        /**
         * How long the relay sleeps when it finds nothing to publish and cannot listen for new rows (see
         * {@link RowsWritten}); also the first wait after a failure.
         */
        @WithDefault("25ms")
        Duration pollInterval();

        /**
         * The longest the relay waits for news of new rows before looking anyway (new rows wake it at once, by
         * LISTEN/NOTIFY; this catches anything written while it was not listening).
         */
        @WithDefault("1s")
        Duration idleCheckInterval();

        /** The most rows published in one batch (one database transaction). */
        @WithDefault("500")
        int batchSize();

        /** The longest the relay waits for the broker to acknowledge a batch before retrying it. */
        @WithDefault("30s")
        Duration sendTimeout();

        /**
         * How many times the broker may refuse a row with a non-retriable error (say, too large) before it is moved to
         * {@code outbox_dead_letter} so that the rows behind it can go.
         */
        @WithDefault("3")
        int maxAttempts();

        /** How long published rows are kept (for diagnosis) before the relay deletes them. */
        @WithDefault("P1D")
        Duration retention();
    }
}
