package org.contactpoint.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Audits audit-service's own reads. Other services publish their audit events for audit-service to chain; audit-service
 * appends its own straight to its chain in the transaction that serves the read (no topic only it would read, and
 * the read cannot be answered without its record being chained). It plays the part the shared AuditTrail plays
 * elsewhere, and fails closed the same way.
 */
@ApplicationScoped
public class AccessRecorder {

    public static final String SOURCE = "audit-service";

    private final AuditChain chain;
    private final Clock clock;

    public AccessRecorder(AuditChain chain, Clock clock) {
        this.chain = chain;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord record(Caller caller, String action, String outcome, Map<String, String> query,
                              List<String> childIds, int resultCount) {
        AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), clock.instant(), SOURCE, caller.toActor(),
                action, outcome, null, query, childIds, resultCount, null, false, List.of());
        return chain.append(event, SOURCE).orElseThrow();
    }
}
