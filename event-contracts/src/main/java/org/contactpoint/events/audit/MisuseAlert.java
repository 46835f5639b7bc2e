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
        List<String> childIds) {

    public static final String TYPE = "audit.alert.raised.v1";
}
