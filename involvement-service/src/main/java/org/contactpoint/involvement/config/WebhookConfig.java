package org.contactpoint.involvement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How notifications are pushed to organisations' webhooks. */
@ConfigMapping(prefix = "contactpoint.involvement.webhook")
public interface WebhookConfig {

    /** How often due notifications are pushed. */
    @WithDefault("10s")
    String every();

    /**
     * How many due notifications one run pushes at most. They are pushed inside the run's transaction, which holds
     * their rows: batch-size x (2 x timeout) stays well under the transaction timeout (60 s).
     */
    @WithDefault("8")
    int batchSize();

    /** How long to wait for a receiver to accept the connection, and again for its answer. */
    @WithDefault("PT3S")
    Duration timeout();

    /** The wait before the first retry; it doubles with each further failure, up to {@link #maxRetryAfter()}. */
    @WithDefault("PT30S")
    Duration retryAfter();

    /** The longest wait between two attempts. */
    @WithDefault("PT1H")
    Duration maxRetryAfter();

    /** Attempts before a notification is no longer pushed (it stays in the inbox). */
    @WithDefault("12")
    int maxAttempts();

    /** Whether a webhook may be plain http (tests, local runs); otherwise https only. */
    @WithDefault("false")
    boolean allowHttp();
}
