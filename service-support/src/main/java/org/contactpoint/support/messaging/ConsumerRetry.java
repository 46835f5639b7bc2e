package org.contactpoint.support.messaging;

import io.quarkus.logging.Log;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Decides what a consumer does when applying an event fails. While the database is unreachable, or a transaction
 * lost a deadlock, it retries the same event (holding the partition, so a child's events stay in order and nothing is skipped); an invalid event, or one
 * that keeps failing for another reason, is rethrown so the connector dead-letters it and the partition moves on.
 */
public final class ConsumerRetry {

    private static final int ATTEMPTS_FOR_UNEXPECTED_FAILURES = 3;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private ConsumerRetry() {
    }

    public static void untilApplied(IncomingEvent event, Runnable apply) {
        Duration backoff = Duration.ofMillis(100);
        int unexpectedFailures = 0;
        while (true) {
            try {
                apply.run();
                return;
            } catch (InvalidEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!isUnavailable(e) && ++unexpectedFailures >= ATTEMPTS_FOR_UNEXPECTED_FAILURES) {
                    throw e;
                }
                Log.warnf("Could not apply %s from %s (retrying in %s): %s", event.id(), event.topic(), backoff,
                        e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * True when the failure will pass if the same event is tried again: the database unreachable (SQL state class 08,
     * 57P) or a transaction rolled back by a deadlock or serialisation conflict (class 40).
     */
    static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                    || sql.getSQLState().startsWith("40"))) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Acquisition timeout") || message.contains("Connection refused")) {
                return true;
            }
        }
        return false;
    }
}
