package org.contactpoint.involvement.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Removes ceased involvements once their "has worked with" period is over. */
@ApplicationScoped
public class ExpiryJob {

    private final LifecycleService lifecycle;
    private final Clock clock;

    public ExpiryJob(LifecycleService lifecycle, Clock clock) {
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @Scheduled(every = "${contactpoint.involvement.expiry-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeExpired() {
        lifecycle.removeExpired(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}
