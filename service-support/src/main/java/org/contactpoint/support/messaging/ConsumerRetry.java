package org.contactpoint.support.messaging;

import io.quarkus.logging.Log;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * Decides what a consumer does when applying an event fails. While the database is unreachable, or a transaction
 * lost a deadlock, it retries the same event (holding the partition, so a child's events stay in order and nothing is
 * skipped); an invalid event, or one that keeps failing for another reason, is rethrown so the connector dead-letters
 * it and the partition moves on.
 *
 * <p>Every consumer's failure path runs through here, so this is where the dead-letter reason is made safe: the
 * connector writes the thrown exception's message (and its cause's) into the record's headers, for whoever reads the
 * dead-letter topic. What leaves here is always an {@link InvalidEventException} with a reason in words and no cause:
 * never a database's message (which quotes the SQL statement and the values), a class name or a stack trace. The
 * detail goes to the log under a reference the reason gives.
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
                throw e.getCause() == null ? e : new InvalidEventException(e.getMessage());
            } catch (RuntimeException e) {
                if (!isUnavailable(e) && ++unexpectedFailures >= ATTEMPTS_FOR_UNEXPECTED_FAILURES) {
                    throw unapplicable(event, e, unexpectedFailures);
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

    /** The failure as a dead-letter reason in words, its detail logged under the reference the reason names. */
    static InvalidEventException unapplicable(IncomingEvent event, RuntimeException failure, int attempts) {
        String reference = UUID.randomUUID().toString();
        Log.errorf(failure, "Event %s from %s partition %d offset %d failed %d times; dead-lettered (reference %s)",
                event.id(), event.topic(), event.partition(), event.offset(), attempts, reference);
        return new InvalidEventException(inWords(failure) + " (reference " + reference + " in the service's log)");
    }

    /** What went wrong, for the reader of a dead-letter topic: the kind of failure, never the statement or values. */
    static String inWords(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = String.valueOf(sql.getSQLState());
                String message = String.valueOf(sql.getMessage());
                if (message.contains("0x00") || message.contains("Zero bytes")) {
                    return "could not be stored: text contains a NUL character";
                }
                if (state.startsWith("22")) {
                    return "could not be stored: a value is too long, out of range or not valid text";
                }
                if (state.startsWith("23")) {
                    return "could not be stored: it conflicts with data already stored";
                }
                return "could not be stored: the database refused it";
            }
        }
        return "could not be applied: an unexpected failure";
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
