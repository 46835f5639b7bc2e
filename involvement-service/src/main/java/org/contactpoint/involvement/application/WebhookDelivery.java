package org.contactpoint.involvement.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.config.WebhookConfig;
import org.contactpoint.involvement.messaging.out.WebhookSender;
import org.contactpoint.involvement.repository.NotificationRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Pushes due notifications to their organisations' webhooks; a refused or failed push is retried with a doubling wait
 * (from {@code retry-after} up to {@code max-retry-after}) until {@code max-attempts}. The inbox stays the record:
 * a notification that is never accepted is still read there.
 */
@ApplicationScoped
public class WebhookDelivery {

    private final NotificationRepository notifications;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final Clock clock;

    public WebhookDelivery(NotificationRepository notifications, WebhookSender sender, WebhookConfig config,
                           Clock clock) {
        this.notifications = notifications;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${contactpoint.involvement.webhook.every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void pushDue() {
        for (NotificationRepository.DuePush due : notifications.dueForWebhook(clock.instant(), config.batchSize())) {
            boolean accepted = sender.push(due.notification(), due.url(), due.secret());
            Instant now = clock.instant();
            int attempts = due.attempts() + 1;
            notifications.pushed(due.notification().id(), accepted ? now : null,
                    accepted || attempts >= config.maxAttempts() ? null : now.plus(retryAfter(attempts)));
        }
    }

    /** The wait after the n-th failed attempt: retry-after, doubled for each failure before, at most max-retry-after. */
    Duration retryAfter(int failedAttempts) {
        Duration wait = config.retryAfter().multipliedBy(1L << Math.min(failedAttempts - 1, 20));
        return wait.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : wait;
    }
}
