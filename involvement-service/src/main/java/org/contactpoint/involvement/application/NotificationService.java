package org.contactpoint.involvement.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.config.WebhookConfig;
import org.contactpoint.involvement.domain.Notification;
import org.contactpoint.involvement.repository.NotificationRepository;
import org.contactpoint.involvement.security.AccessPolicy;
import org.contactpoint.involvement.security.WebhookTargets;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.security.Caller;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The caller's own inbox, and nobody else's: whose it is comes from the token (its organisation, or for the LA
 * management team its local authority), never from a parameter. Each read is audited with its purpose.
 */
@ApplicationScoped
public class NotificationService {

    private final NotificationRepository notifications;
    private final AccessPolicy policy;
    private final AccessAudit audit;
    private final WebhookConfig webhooks;
    private final WebhookTargets targets;
    private final Clock clock;
    private final SecureRandom secrets = new SecureRandom();

    public NotificationService(NotificationRepository notifications, AccessPolicy policy, AccessAudit audit,
                               WebhookConfig webhooks, WebhookTargets targets, Clock clock) {
        this.notifications = notifications;
        this.policy = policy;
        this.audit = audit;
        this.webhooks = webhooks;
        this.targets = targets;
        this.clock = clock;
    }

    /** One page of the caller's inbox, unacknowledged first, oldest first. */
    @Transactional
    public NotificationPage inbox(int page, int size, PurposeOfUse purpose, Caller caller) {
        Notification.Recipient recipient = recipientOf(caller);
        // One row more than the page holds says whether a next page exists.
        List<Notification> fetched = notifications.inbox(recipient, page * size, size + 1);
        boolean more = fetched.size() > size;
        List<Notification> items = more ? List.copyOf(fetched.subList(0, size)) : fetched;
        audit.success(caller.toActor(), "LIST_NOTIFICATIONS", purpose,
                Map.of("page", String.valueOf(page), "size", String.valueOf(size)),
                // A misuse investigation's notice names no child.
                items.stream().map(Notification::contactPointId).filter(java.util.Objects::nonNull).toList(),
                items.size());
        return new NotificationPage(items, more);
    }

    /** The caller acknowledges one of its own notifications; anyone else's is not found, as if it did not exist. */
    @Transactional
    public Notification acknowledge(String id, Caller caller) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Rejected.field("id", "is not a notification id (a UUID)");
        }
        Notification acknowledged = notifications.acknowledge(uuid, recipientOf(caller), caller.userId(),
                clock.instant()).orElseThrow(() -> new NotFound("No notification " + id + " in your inbox"));
        audit.success(caller, "ACKNOWLEDGE_NOTIFICATION", Map.of("notificationId", id),
                acknowledged.contactPointId() == null ? List.of() : List.of(acknowledged.contactPointId()), 1);
        return acknowledged;
    }

    /**
     * The caller's organisation's webhook, replacing any it had, with a new secret it is shown this once: every push
     * is signed with it. Only https, unless plain http is allowed (local runs and tests), and only to a public address
     * ({@link WebhookTargets}; checked again before each push).
     */
    @Transactional
    public String registerWebhook(String url, Caller caller) {
        Notification.Recipient recipient = recipientOf(caller);
        if (recipient.kind() != Notification.Recipient.Kind.ORGANISATION) {
            throw new Forbidden("A webhook is registered by a system of the organisation whose notifications it takes");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw Rejected.field("url", "is not a URL");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) && webhooks.allowHttp();
        if (!(https || http) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw Rejected.field("url", webhooks.allowHttp() ? "must be an http or https URL with a host"
                    : "must be an https URL with a host");
        }
        targets.refusal(uri).ifPresent(reason -> {
            throw Rejected.field("url", reason);
        });
        byte[] random = new byte[32];
        secrets.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        notifications.registerWebhook(recipient.code(), url, secret, caller.userId(), clock.instant());
        audit.success(caller, "REGISTER_WEBHOOK", Map.of("organisationCode", recipient.code()), List.of(), 0);
        return secret;
    }

    private Notification.Recipient recipientOf(Caller caller) {
        return policy.inboxOf(caller).orElseThrow(() -> new Forbidden(
                "Your token names no organisation (org_code) or, for the LA management team, no local authority (la)"));
    }

    /** One page of an inbox, and whether more follow. */
    public record NotificationPage(List<Notification> items, boolean more) {
    }
}
