package org.contactpoint.involvement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.involvement.domain.Notification;

import java.time.Instant;

/**
 * A notification as its recipient reads it: the fields of the former {@code InvolvementNotification}, and when it
 * was acknowledged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(String notificationId, String type, String contactPointId, String message,
                               Service newService, String localAuthority, String previousLocalAuthority,
                               Instant occurredAt, Instant acknowledgedAt, Investigation investigation) {

    /** A misuse investigation's notice: whom it is about, the rule, the investigation (no child). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Investigation(String investigationId, String rule, String userId, String userName,
                                String organisation, boolean accountSuspended) {
    }

    /** The service that started. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(String serviceType, String organisationName, String organisationCode) {
    }

    static NotificationView of(Notification n) {
        Notification.NewService service = n.newService();
        return new NotificationView(n.id().toString(), n.type(), n.contactPointId(), n.message(),
                service == null ? null : new Service(service.serviceType().name(), service.organisationName(),
                        service.organisationCode()),
                n.localAuthority(), n.previousLocalAuthority(), n.occurredAt(), n.acknowledgedAt(),
                n.investigation() == null ? null : new Investigation(n.investigation().investigationId().toString(),
                        n.investigation().rule(), n.investigation().userId(), n.investigation().userName(),
                        n.investigation().organisation(), n.investigation().accountSuspended()));
    }
}
