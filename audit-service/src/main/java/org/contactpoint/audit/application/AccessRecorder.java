package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.audit.AuditEvents;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

import java.util.List;
import java.util.Map;

/**
 * Audits audit-service's own reads. Other services publish their audit events for audit-service to chain; audit-service
 * appends its own straight to its chain in the transaction that serves the read (no topic only it would read, and
 * the read cannot be answered without its record being chained). It plays the part the shared AuditTrail plays
 * elsewhere, and fails closed the same way.
 */
@ApplicationScoped
public class AccessRecorder {

    /** The source of audit-service's own records (and the service name its events carry). */
    public static final String SOURCE = "audit-service";

    private final AuditChain chain;
    private final AuditEvents events;

    public AccessRecorder(AuditChain chain, AuditEvents events) {
        this.chain = chain;
        this.events = events;
    }

    /** @param purpose why the caller is reading; null for a read of no personal data (the chain's verification) */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord record(Caller caller, PurposeOfUse purpose, String action, AuditEvent.Outcome outcome,
                              Map<String, String> query, List<String> childIds, int resultCount) {
        AuditEvent event = events.by(caller, action).outcome(outcome).purpose(purpose == null ? null : purpose.name())
                .query(query).children(childIds).resultCount(resultCount).build();
        return chain.append(event, SOURCE).orElseThrow();
    }
}
