package org.contactpoint.audit.application;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.config.AccessNotificationRetentionConfig;
import org.contactpoint.audit.repository.AccessNotificationRepository;

import java.time.Clock;
import java.time.Instant;

/**
 * Deletes access notifications past their retention: {@code keep} after the view they report, {@code
 * keep-acknowledged} after the authority acknowledged them, whichever comes first. The chained audit record of the
 * view is untouched: an inbox is how an authority is told, not the record.
 */
@ApplicationScoped
public class AccessNotificationRetention {

    private final AccessNotificationRepository inboxes;
    private final AccessNotificationRetentionConfig config;
    private final Clock clock;

    public AccessNotificationRetention(AccessNotificationRepository inboxes, AccessNotificationRetentionConfig config,
                                       Clock clock) {
        this.inboxes = inboxes;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${contactpoint.access-notifications.retention.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int deleted = purge(clock.instant());
        if (deleted > 0) {
            Log.infof("Deleted %d access notifications past their retention", deleted);
        }
    }

    /** Deletes every access notification expired at {@code now}, a batch per transaction; returns how many. */
    public int purge(Instant now) {
        int total = 0;
        int deleted;
        do {
            deleted = purgeBatch(now);
            total += deleted;
        } while (deleted == config.batchSize());
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int purgeBatch(Instant now) {
        return inboxes.deleteExpired(now.minus(config.keep()), now.minus(config.keepAcknowledged()),
                config.batchSize());
    }
}
