package org.contactpoint.events;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Retired (issue 16): involvement-service published the state of each involvement here keyed by the child, so the
     * topic could not be compacted and a removed involvement's earlier events stayed on it. Nothing publishes to or
     * reads it any more ({@link #INVOLVEMENT_INVOLVEMENTS_BY_ID} replaced it); its records age out by its retention.
     */
    public static final String INVOLVEMENT_INVOLVEMENTS = "involvement.involvements.v1";
    /**
     * involvement-service publishes the state of each involvement, keyed by the involvement id and compacted: the
     * latest state per involvement, and a tombstone (null value, {@code ce_type} removed) when it is removed (consent
     * withdrawn, child purged, has-worked-with period over), after which compaction forgets every earlier state.
     */
    public static final String INVOLVEMENT_INVOLVEMENTS_BY_ID = "involvement.involvements.v2";
    /**
     * The shared agency topic, retired: agencies now write to their own organisation's topic
     * ({@link #agencySubmissions}); nothing reads this one and no agency may write to it. Its dead-letter topic is where
     * involvement-service dead-letters refused records of every agency topic.
     */
    public static final String INVOLVEMENT_AGENCY_SUBMISSIONS = "involvement.agency-submissions.v1";
    /** involvement-service's audit events. */
    public static final String INVOLVEMENT_AUDIT_EVENTS = "involvement.audit-events.v1";

    /** search-gateway's audit events: every search and record view. */
    public static final String GATEWAY_AUDIT_EVENTS = "gateway.audit-events.v1";

    /** The audit stream the security team consumes: every stored, hash-chained audit record and checkpoints. */
    public static final String AUDIT_RECORDS = "audit.records.v1";
    /** Misuse alerts raised by audit-service's rules. */
    public static final String AUDIT_ALERTS = "audit.alerts.v1";
    /**
     * Suspended and closed accounts, keyed by user id and compacted: every instance of every service reads it whole
     * into memory and refuses those accounts' next requests; a reinstatement is a tombstone.
     */
    public static final String AUDIT_ACCOUNT_SUSPENSIONS = "audit.account-suspensions.v1";
    /**
     * Misuse investigations opened for HIGH alerts, keyed by investigation id: involvement-service tells the user's
     * organisation and the investigating local authority's team through their inboxes. No child data.
     */
    public static final String AUDIT_INVESTIGATIONS = "audit.investigations.v1";

    /**
     * How Kafka cleans a topic up and how long it keeps a record: {@code cleanup.policy} ({@code compact}: the latest
     * record per key for ever, a tombstone deletes the key; {@code delete}: records go by age) and {@code retention.ms}
     * ({@link #FOREVER} for no limit by age). Every topic holds personal data, so every topic has one, stated in the
     * event catalogue's retention table and applied by deploy/local/kafka/topics and deploy/k8s's KafkaTopics.
     */
    public record Retention(String cleanupPolicy, long retentionMs) {
        /** {@code retention.ms} for a log nothing is deleted from by age. */
        public static final long FOREVER = -1;
    }

    private static final long DAY_MS = 86_400_000L;
    /** A dead-letter topic's records: 30 days for an operator to read the reason, fix and replay. */
    public static final Retention DEAD_LETTER_RETENTION = new Retention("delete", 30 * DAY_MS);

    /**
     * The retention of a topic (or of its dead-letter topic), as the event catalogue states it and why. The audit
     * stream's seven years are a proposal to confirm with the information governance lead.
     */
    public static Retention retention(String topic) {
        if (topic.endsWith(deadLetter(""))) {
            return DEAD_LETTER_RETENTION;
        }
        if (agencyOrganisation(topic).isPresent()) {
            // An organisation's own submission topic: an inbound feed like the others below.
            return new Retention("delete", 7 * DAY_MS);
        }
        return switch (topic) {
            // The latest state of each child; a purge leaves a tombstone, and compaction then removes the key.
            case IDENTITY_CHILDREN -> new Retention("compact", Retention.FOREVER);
            // Read within seconds by their consumers (audit-service keeps the audit events in its chain; the security
            // team's and the authorities' systems keep what they need): a week covers one down over a long weekend.
            case IDENTITY_SOURCE_RECORDS, INVOLVEMENT_AGENCY_SUBMISSIONS,
                    IDENTITY_AUDIT_EVENTS, INVOLVEMENT_AUDIT_EVENTS, GATEWAY_AUDIT_EVENTS,
                    AUDIT_ALERTS, AUDIT_INVESTIGATIONS -> new Retention("delete", 7 * DAY_MS);
            // The latest state of each involvement; a removal leaves a tombstone, and compaction then removes the key.
            case INVOLVEMENT_INVOLVEMENTS_BY_ID -> new Retention("compact", Retention.FOREVER);
            // Every suspension in force must stay readable for as long as it holds; a reinstatement's tombstone
            // removes the key.
            case AUDIT_ACCOUNT_SUSPENSIONS -> new Retention("compact", Retention.FOREVER);
            // Retired: nothing is published to it, so what it still holds (removed involvements' started events
            // among them) goes within a week, after which the operator deletes it.
            case INVOLVEMENT_INVOLVEMENTS -> new Retention("delete", 7 * DAY_MS);
            // The hash-chained audit stream outside witnesses replay: seven years (2,557 days), as the audit trail.
            case AUDIT_RECORDS -> new Retention("delete", 2_557 * DAY_MS);
            default -> throw new IllegalArgumentException("no retention documented for topic " + topic);
        };
    }

    /**
     * The per-agency submission topics, {@code involvement.agency-submissions.<organisation-code>.v1}, one per
     * organisation, each written only by that organisation's own Kafka principal (a prefixed WRITE ACL): the topic, not
     * the payload, says which organisation is speaking. The code is the organisation's (ODS code, school URN, LA code),
     * in letters, digits, '-' and '_'. The group is the organisation code.
     */
    public static final Pattern AGENCY_SUBMISSIONS = Pattern.compile(
            "involvement\\.agency-submissions\\.([A-Za-z0-9_-]+)\\.v1");

    private Topics() {
    }

    /** The submission topic of one organisation's agency system. */
    public static String agencySubmissions(String organisationCode) {
        if (organisationCode == null || !organisationCode.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("An organisation code for a topic name is letters, digits, '-' or '_'");
        }
        return "involvement.agency-submissions." + organisationCode + ".v1";
    }

    /** The organisation whose submission topic this is; empty for any other topic (the retired shared one too). */
    public static Optional<String> agencyOrganisation(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        Matcher matcher = AGENCY_SUBMISSIONS.matcher(topic);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The dead-letter topic for a consumed topic: the rejected record, unchanged, with the reason in headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
