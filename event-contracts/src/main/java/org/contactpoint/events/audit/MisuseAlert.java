package org.contactpoint.events.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A possible misuse of ContactPoint, raised by one of audit-service's rules, on {@code audit.alerts.v1}. Key: the
 * user id, so one user's alerts stay in order.
 *
 * @param alertId          unique id of the alert (also the CloudEvents id)
 * @param rule             which rule fired: {@code SEARCH_BURST}, {@code OWN_FAMILY_NAME}, {@code BREAK_GLASS},
 *                         {@code SHIELDED_ACCESS}, {@code OUT_OF_HOURS}, {@code UNRELATED_CHILDREN}
 * @param severity         {@code HIGH} or {@code MEDIUM}: how soon the security team should look
 * @param summary          one sentence a person can act on
 * @param actor            who did it
 * @param recordSequences  the audit records that triggered the rule (look them up with the query API)
 * @param childIds         the children concerned
 * @param aggregate        how many accesses the alert stands for and when the first and last occurred (added in
 *                         issue 19; absent from alerts published before it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MisuseAlert(
        String alertId,
        String rule,
        String severity,
        Instant raisedAt,
        String summary,
        AuditEvent.Actor actor,
        List<Long> recordSequences,
        List<String> childIds,
        Aggregate aggregate) {

    public static final String TYPE = "audit.alert.raised.v1";

    /** An alert without the aggregated count, as published before issue 19. */
    public MisuseAlert(String alertId, String rule, String severity, Instant raisedAt, String summary,
                       AuditEvent.Actor actor, List<Long> recordSequences, List<String> childIds) {
        this(alertId, rule, severity, raisedAt, summary, actor, recordSequences, childIds, null);
    }

    /**
     * What an alert aggregates: one access for a rule that judges each access alone; for a counting rule the accesses
     * that made it fire (the searches in the burst window, the lookups of unrelated children in the day).
     *
     * @param occurrences  how many accesses
     * @param firstSeenAt  when the first of them occurred
     * @param lastSeenAt   when the last of them occurred
     */
    public record Aggregate(int occurrences, Instant firstSeenAt, Instant lastSeenAt) {
    }
}
