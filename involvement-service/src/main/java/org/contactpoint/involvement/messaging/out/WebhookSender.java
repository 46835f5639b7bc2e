package org.contactpoint.involvement.messaging.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.events.involvement.InvolvementNotification;
import org.contactpoint.involvement.config.WebhookConfig;
import org.contactpoint.involvement.domain.Notification;
import org.contactpoint.involvement.security.WebhookTargets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Pushes one notification to its organisation's webhook as the {@link InvolvementNotification} JSON, signed:
 * {@code X-ContactPoint-Signature: sha256=<hex HMAC-SHA256 of the body under the organisation's secret>}, so the
 * receiver knows it came from ContactPoint and was not altered. Redirects are not followed, and a URL whose host now
 * resolves to an address that is not public is not called at all ({@link WebhookTargets}).
 */
@ApplicationScoped
public class WebhookSender {

    public static final String SIGNATURE = "X-ContactPoint-Signature";
    public static final String NOTIFICATION_ID = "X-ContactPoint-Notification-Id";

    private final ObjectMapper json;
    private final WebhookConfig config;
    private final WebhookTargets targets;
    private final HttpClient http;

    public WebhookSender(ObjectMapper json, WebhookConfig config, WebhookTargets targets) {
        this.json = json;
        this.config = config;
        this.targets = targets;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether the receiver accepted it (any 2xx). */
    public boolean push(Notification notification, String url, String secret) {
        try {
            URI target = URI.create(url);
            var refusal = targets.refusal(target);
            if (refusal.isPresent()) {
                Log.warnf("Webhook of %s not called for notification %s: its URL %s", notification.recipient().code(),
                        notification.id(), refusal.get());
                return false;
            }
            byte[] body = json.writeValueAsBytes(contract(notification));
            HttpRequest request = HttpRequest.newBuilder(target).timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header(NOTIFICATION_ID, notification.id().toString())
                    .header(SIGNATURE, "sha256=" + HexFormat.of().formatHex(sign(secret, body)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                Log.infof("Webhook of %s answered %d for notification %s", notification.recipient().code(), status,
                        notification.id());
            }
            return status / 100 == 2;
        } catch (IOException | IllegalArgumentException e) {
            Log.infof("Webhook of %s unreachable for notification %s: %s", notification.recipient().code(),
                    notification.id(), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static InvolvementNotification contract(Notification n) {
        Notification.NewService service = n.newService();
        return new InvolvementNotification(n.id().toString(), n.type(), n.contactPointId(),
                new InvolvementNotification.Recipient(n.recipient().name(), n.recipient().code()), n.message(),
                service == null ? null : new InvolvementNotification.Service(service.serviceType().name(),
                        service.organisationName(), service.organisationCode()),
                n.localAuthority(), n.previousLocalAuthority(), n.occurredAt());
    }

    private static byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has HmacSHA256", e);
        }
    }
}
