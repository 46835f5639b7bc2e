package org.contactpoint.events.involvement;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A notification on {@code involvement.notifications.v1}, addressed to one organisation already actively working with
 * a child, so its practitioners learn of a change without searching. Keyed by the child's ContactPoint ID; an
 * integrator delivers the ones whose {@link #recipient} is theirs.
 * <p>
 * A sensitive service (sexual health, mental health, substance misuse) is never named: {@link #newService} is absent
 * and the message says only that another service is working with the child.
 *
 * @param type                   the CloudEvents type, repeated: {@link #NEW_INVOLVEMENT} or {@link #MOVED_LOCAL_AUTHORITY}
 * @param message                a sentence for the practitioner
 * @param newService             for a new involvement that is not sensitive: who started
 * @param localAuthority         for a move: the child's new responsible local authority
 * @param previousLocalAuthority for a move: the one before
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvolvementNotification(
        String notificationId,
        String type,
        String contactPointId,
        Recipient recipient,
        String message,
        Service newService,
        String localAuthority,
        String previousLocalAuthority,
        Instant occurredAt) {

    /** Another service has started working with the child. */
    public static final String NEW_INVOLVEMENT = "involvement.notification.new-involvement.v1";
    /** The child's responsible local authority has changed. */
    public static final String MOVED_LOCAL_AUTHORITY = "involvement.notification.moved-local-authority.v1";

    /** The organisation the notification is for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String organisationName, String organisationCode) {
    }

    /** The service that started. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(String serviceType, String organisationName, String organisationCode) {
    }
}
