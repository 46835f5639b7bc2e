package org.contactpoint.gateway;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The gateway's clock in tests, in place of service-support's {@code ClockProducer}: it follows the system clock
 * until a test holds it at one instant (and moves it forward if it needs to), so that a test about the per-minute
 * quota cannot race a minute boundary. Every user of the clock sees the held instant while it is held (the quota, the
 * verified-token cache, audit timestamps, the read model): hold it only around the steps that need it, with
 * try-with-resources so that it is always released. It never goes back: once released it answers no earlier than
 * the last instant it was held at.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private Instant held;
    private Instant floor = Instant.MIN;

    /** Holds the clock at the present instant until the returned hold is closed. */
    public synchronized Hold hold() {
        if (held != null) {
            throw new IllegalStateException("The clock is already held, at " + held);
        }
        held = instant();
        return this::release;
    }

    /** Moves the held clock forward. */
    public synchronized void advance(Duration by) {
        if (held == null) {
            throw new IllegalStateException("Only a held clock can be moved");
        }
        if (by.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward");
        }
        held = held.plus(by);
    }

    private synchronized void release() {
        if (held != null) {
            floor = held;
            held = null;
        }
    }

    @Override
    public synchronized Instant instant() {
        if (held != null) {
            return held;
        }
        Instant now = Instant.now();
        return now.isBefore(floor) ? floor : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(getZone())) {
            return this;
        }
        // The same held or following instant, seen in another zone.
        TestClock source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }

    /** A held clock; closing it lets the clock follow the system clock again. */
    @FunctionalInterface
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }
}
