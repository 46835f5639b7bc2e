package org.contactpoint.audit.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.service.AuditChain;
import org.contactpoint.audit.service.StoredAccessListeners;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.messaging.InboxGuard;
import org.contactpoint.support.messaging.IncomingEvent;

/**
 * Chains one consumed audit event: records its id first (a redelivery changes nothing), appends it, and lets the
 * rules and notifications look at the stored record, all in one transaction.
 */
@ApplicationScoped
public class AuditEventHandler {

    static final String CONSUMER = "audit-chain";

    private final InboxGuard inbox;
    private final AuditEventReader reader;
    private final AuditChain chain;
    private final StoredAccessListeners listeners;

    public AuditEventHandler(InboxGuard inbox, AuditEventReader reader, AuditChain chain,
                             StoredAccessListeners listeners) {
        this.inbox = inbox;
        this.reader = reader;
        this.chain = chain;
        this.listeners = listeners;
    }

    @Transactional
    public void handle(IncomingEvent incoming) {
        AuditEvent event = reader.read(incoming);
        if (!inbox.firstDelivery(CONSUMER, incoming.id())) {
            return;
        }
        chain.append(event, incoming.topic()).ifPresent(record -> listeners.stored(record, event));
    }
}
