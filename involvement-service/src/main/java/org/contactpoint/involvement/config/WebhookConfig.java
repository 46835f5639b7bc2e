package org.contactpoint.involvement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * Address ranges (CIDR) a webhook may reach although they are not public: none in production. A webhook that
     * is, or resolves to, a private, loopback, link-local or reserved address outside these is refused.
     */
    Optional<List<String>> allowedPrivateNetworks();
}
