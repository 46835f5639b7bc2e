package org.contactpoint.involvement.application;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Drains the republishing queue (empty once done, and on a fresh database from the start). */
@ApplicationScoped
public class RepublishJob {

    private static final int BATCH = 500;

    private final Republishing republishing;

    public RepublishJob(Republishing republishing) {
        this.republishing = republishing;
    }

    @Scheduled(every = "${contactpoint.involvement.republish-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void republish() {
        long total = 0;
        int published;
        while ((published = republishing.next(BATCH)) > 0) {
            total += published;
        }
        if (total > 0) {
            Log.infof("Published %d stored involvement(s) again on the involvement topic", total);
        }
    }
}
