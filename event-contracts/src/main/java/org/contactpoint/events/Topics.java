package org.contactpoint.events;

/**
 * Every Kafka topic in ContactPoint. Names follow {@code <owner>.<aggregate-plural>.v<major>}; the owner is the one
 * service that publishes to the topic (inbound feed topics are owned by the service that defines their contract).
 * Records about a child are keyed by the child's ContactPoint ID so that one child's events stay in order.
 */
public final class Topics {

    /** identity-service publishes the state of each child (compacted: the latest state per child, tombstone on purge). */
    public static final String IDENTITY_CHILDREN = "identity.children.v1";
    /** Source systems (health, school census, local authorities) push bulk demographic records here for matching. */
    public static final String IDENTITY_SOURCE_RECORDS = "identity.source-records.v1";
    /** identity-service's audit events: every read and write it serves. */
    public static final String IDENTITY_AUDIT_EVENTS = "identity.audit-events.v1";

    /** involvement-service publishes the state of each involvement (keyed by the child's ContactPoint ID). */
    public static final String INVOLVEMENT_INVOLVEMENTS = "involvement.involvements.v1";
    /** Agencies push involvement submissions here (the agency topic). */
    public static final String INVOLVEMENT_AGENCY_SUBMISSIONS = "involvement.agency-submissions.v1";
    /** Notifications addressed to organisations already working with a child. */
    public static final String INVOLVEMENT_NOTIFICATIONS = "involvement.notifications.v1";
    /** involvement-service's audit events. */
    public static final String INVOLVEMENT_AUDIT_EVENTS = "involvement.audit-events.v1";

    /** search-gateway's audit events: every search and record view. */
    public static final String GATEWAY_AUDIT_EVENTS = "gateway.audit-events.v1";

    /** The audit stream the security team consumes: every stored, hash-chained audit record and checkpoints. */
    public static final String AUDIT_RECORDS = "audit.records.v1";
    /** Misuse alerts raised by audit-service's rules. */
    public static final String AUDIT_ALERTS = "audit.alerts.v1";
    /** Notifications to a responsible local authority that a protected child's record was viewed. */
    public static final String AUDIT_ACCESS_NOTIFICATIONS = "audit.access-notifications.v1";

    private Topics() {
    }

    /** The dead-letter topic for a consumed topic: the rejected record, unchanged, with the reason in headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
