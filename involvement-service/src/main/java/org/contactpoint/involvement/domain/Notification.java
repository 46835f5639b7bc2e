package org.contactpoint.involvement.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice for one recipient, read from its own inbox and nowhere else: an organisation working with the child, or a
 * local authority. It never names a sensitive service, and never a shielded child's local authority.
 *
 * @param newService             for a new involvement that may be named: who started
 * @param localAuthority         for a move of a child not shielded: the new responsible local authority
 * @param previousLocalAuthority for a move of a child not shielded: the one before
 * @param acknowledgedAt         when the recipient acknowledged it; null until then
 */
public record Notification(UUID id, Recipient recipient, String type, String contactPointId, String message,
                           NewService newService, String localAuthority, String previousLocalAuthority,
                           Instant occurredAt, Instant acknowledgedAt) {

    /** Another service has started working with the child. */
    public static final String NEW_INVOLVEMENT = "involvement.notification.new-involvement.v1";
    /** The child's responsible local authority has changed. */
    public static final String MOVED_LOCAL_AUTHORITY = "involvement.notification.moved-local-authority.v1";
    /** The child's whereabouts are now shielded (told to the child's own local authority only). */
    public static final String SHIELD_SET = "involvement.notification.shield-set.v1";
    /** The child's whereabouts are no longer shielded (told to the child's own local authority only). */
    public static final String SHIELD_LIFTED = "involvement.notification.shield-lifted.v1";

    /** Whose inbox: an organisation by its code, or a local authority by its code. */
    public record Recipient(Kind kind, String code, String name) {

        public enum Kind { ORGANISATION, LOCAL_AUTHORITY }

        public static Recipient organisation(String code, String name) {
            return new Recipient(Kind.ORGANISATION, code, name);
        }

        public static Recipient localAuthority(String code) {
            return new Recipient(Kind.LOCAL_AUTHORITY, code, null);
        }
    }

    /** The service that started. */
    public record NewService(ServiceType serviceType, String organisationName, String organisationCode) {
    }
}
