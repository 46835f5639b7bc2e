package org.contactpoint.support.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.messaging.OutboxWriter;

import java.util.List;

/**
 * Records an access as an audit event in the caller's transaction, through the outbox. Because it is the same
 * transaction as the read or write it describes, the access and its audit record commit together or not at all:
 * if the audit record cannot be written, the request fails (audit fails closed).
 */
@ApplicationScoped
public class AuditTrail {

    private final OutboxWriter outbox;
    private final AuditConfig auditConfig;

    public AuditTrail(OutboxWriter outbox, AuditConfig auditConfig) {
        this.outbox = outbox;
        this.auditConfig = auditConfig;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditEvent event) {
        outbox.append(auditConfig.topic(), event.eventId(), AuditEvent.TYPE, event);
    }
    /** Records many accesses in one statement, in the order given. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<AuditEvent> events) {
        outbox.appendAll(events.stream()
                .map(event -> new OutboxWriter.Outgoing(auditConfig.topic(), event.eventId(), AuditEvent.TYPE, event))
                .toList());
    }
}
