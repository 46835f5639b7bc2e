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
 * @param investigation          for a misuse investigation's notice (which names no child): whom and why
 */
public record Notification(UUID id, Recipient recipient, String type, String contactPointId, String message,
                           NewService newService, String localAuthority, String previousLocalAuthority,
                           Instant occurredAt, Instant acknowledgedAt, Investigation investigation) {

    /** A notice about a child, as every notification was before misuse investigations were told. */
    public Notification(UUID id, Recipient recipient, String type, String contactPointId, String message,
                        NewService newService, String localAuthority, String previousLocalAuthority,
                        Instant occurredAt, Instant acknowledgedAt) {
        this(id, recipient, type, contactPointId, message, newService, localAuthority, previousLocalAuthority,
                occurredAt, acknowledgedAt, null);
    }

    /** Another service has started working with the child. */
    public static final String NEW_INVOLVEMENT = "involvement.notification.new-involvement.v1";
    /** The child's responsible local authority has changed. */
    public static final String MOVED_LOCAL_AUTHORITY = "involvement.notification.moved-local-authority.v1";
    /** The child's whereabouts are now shielded (told to the child's own local authority only). */
    public static final String SHIELD_SET = "involvement.notification.shield-set.v1";
    /** The child's whereabouts are no longer shielded (told to the child's own local authority only). */
    public static final String SHIELD_LIFTED = "involvement.notification.shield-lifted.v1";
    /**
     * A misuse alert opened an investigation into one of the recipient's users (told to their organisation and to the
     * local authority team that investigates). Names no child.
     */
    public static final String MISUSE_INVESTIGATION = "involvement.notification.misuse-investigation.v1";

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

    /**
     * The misuse investigation a notice tells of: the investigation (the LA team reads it in audit-service), the rule
     * that fired, the user and whether their account was suspended at once.
     */
    public record Investigation(UUID investigationId, String rule, String userId, String userName,
                                String organisation, boolean accountSuspended) {
    }
}
