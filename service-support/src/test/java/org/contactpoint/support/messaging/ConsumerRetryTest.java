package org.contactpoint.support.messaging;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerRetryTest {

    private static final IncomingEvent EVENT = new IncomingEvent("id-1", "type", "source", "key", "{}", "topic", 0, 0);

    @Test
    void deadlocksAndOutagesAreWaitedOutNotDeadLettered() {
        AtomicInteger attempts = new AtomicInteger();
        ConsumerRetry.untilApplied(EVENT, () -> {
            int attempt = attempts.incrementAndGet();
            if (attempt == 1) {
                throw new IllegalStateException(new SQLException("deadlock detected", "40P01"));
            }
            if (attempt < 5) {
                throw new IllegalStateException(new SQLException("connection refused", "08001"));
            }
        });
        assertThat(attempts).hasValue(5);
    }

    @Test
    void invalidEventsAreRethrownAtOnceAndOtherFailuresAfterAFewTries() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> ConsumerRetry.untilApplied(EVENT, () -> {
            attempts.incrementAndGet();
            throw new InvalidEventException("bad");
        })).isInstanceOf(InvalidEventException.class);
        assertThat(attempts).hasValue(1);

        attempts.set(0);
        assertThatThrownBy(() -> ConsumerRetry.untilApplied(EVENT, () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("a bug");
        })).isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("could not be applied: an unexpected failure")
                .hasMessageNotContaining("a bug").hasNoCause();
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aDatabaseRefusalIsDeadLetteredInWordsWithoutTheStatementOrItsCause() {
        assertThatThrownBy(() -> ConsumerRetry.untilApplied(EVENT, () -> {
            throw new IllegalStateException("could not execute statement [insert into child (family_name) values (?)]",
                    new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
        })).isInstanceOf(InvalidEventException.class).hasNoCause()
                .hasMessageStartingWith("could not be stored: text contains a NUL character (reference ")
                .hasMessageNotContaining("insert").hasMessageNotContaining("UTF8");

        assertThatThrownBy(() -> ConsumerRetry.untilApplied(EVENT, () -> {
            throw new InvalidEventException("familyName: contains a NUL character",
                    new IllegalArgumentException("Jackson's own words"));
        })).hasMessage("familyName: contains a NUL character").hasNoCause();
    }
}
