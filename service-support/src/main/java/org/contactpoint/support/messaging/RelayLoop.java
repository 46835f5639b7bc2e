package org.contactpoint.support.messaging;

import io.quarkus.logging.Log;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The thread a relay from a service's database to Kafka runs on (the outbox relay; audit-service's stream): it
 * publishes a batch after another, waits (for new rows, {@link RowsWritten}, or the poll interval) when there was
 * nothing to publish, and after a failure
 * waits longer each time (up to 5 s) before trying again, remembering why for the readiness check.
 */
public final class RelayLoop {

    /** One batch: how many rows it published (0 when there was nothing to do). */
    @FunctionalInterface
    public interface Batch {
        int publish() throws Exception;
    }

    /** What the thread does when a batch found nothing to publish: sleep, or wait to be told of new rows. */
    @FunctionalInterface
    public interface Idle {
        void await() throws InterruptedException;
    }

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String name;
    private final Duration pollInterval;
    private final Batch batch;
    private final Idle idle;
    private final Logger.Level failureLevel;
    private final String failureMessage;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private volatile boolean running;
    private volatile Thread worker;

    /**
     * @param name           the thread's name
     * @param pollInterval   the first wait after a failure (doubling up to 5 s)
     * @param failureLevel   how loudly a failed batch is logged
     * @param failureMessage logged with the wait and the failure, e.g. {@code "Outbox relay could not publish"}
     * @param idle           what to do when a batch found nothing, e.g. {@link RowsWritten#await()}
     */
    public RelayLoop(String name, Duration pollInterval, Logger.Level failureLevel, String failureMessage,
                     Batch batch, Idle idle) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.failureLevel = failureLevel;
        this.failureMessage = failureMessage;
        this.batch = batch;
        this.idle = idle;
    }

    public void start() {
        running = true;
        Thread thread = new Thread(this::run, name);
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /** Stops the thread, waiting up to 5 s for the batch in hand. */
    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
            try {
                current.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Why the last batch failed, or empty if it succeeded. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    private void run() {
        Duration backoff = pollInterval;
        while (running) {
            try {
                int published = batch.publish();
                lastFailure.set(null);
                backoff = pollInterval;
                if (published == 0) {
                    idle.await();
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                lastFailure.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                Log.logf(failureLevel, "%s (retrying in %s): %s", failureMessage, backoff, e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
