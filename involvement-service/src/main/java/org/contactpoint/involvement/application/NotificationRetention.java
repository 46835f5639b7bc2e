package org.contactpoint.involvement.application;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.config.NotificationRetentionConfig;
import org.contactpoint.involvement.repository.NotificationRepository;

import java.time.Clock;
import java.time.Instant;

/**
 * Deletes notifications past their retention: {@code keep} after they were made, {@code keep-acknowledged} after
 * their recipient acknowledged them, whichever comes first. A notification says which organisation works with which
 * child; an inbox is a mailbox, not an archive (the involvements themselves are the record).
 */
@ApplicationScoped
public class NotificationRetention {

    private final NotificationRepository notifications;
    private final NotificationRetentionConfig config;
    private final Clock clock;

    public NotificationRetention(NotificationRepository notifications, NotificationRetentionConfig config,
                                 Clock clock) {
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${contactpoint.involvement.notification-retention.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int deleted = purge(clock.instant());
        if (deleted > 0) {
            Log.infof("Deleted %d notifications past their retention", deleted);
        }
    }

    /** Deletes every notification expired at {@code now}, a batch per transaction; returns how many. */
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
        return notifications.deleteExpired(now.minus(config.keep()), now.minus(config.keepAcknowledged()),
                config.batchSize());
    }
}
