package org.contactpoint.audit.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.application.AuditChain;
import org.contactpoint.audit.application.StoredAccessListeners;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.json.ContractViolation;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;

import java.util.Optional;

/**
 * Chains one consumed audit event on the inbound template: records its id first (a redelivery changes nothing),
 * appends it, and lets the rules and notifications look at the stored record, all in one transaction. Anything that
 * could not be chained faithfully (see {@link AuditEvent#violations()}) is dead-lettered.
 */
@ApplicationScoped
public class AuditEventHandler {

    /** The inbox consumer name: unchanged, so redeliveries from before a change are still recognised. */
    static final String CONSUMER = "audit-chain";

    private final Inbound inbound;
    private final AuditChain chain;
    private final StoredAccessListeners listeners;

    public AuditEventHandler(Inbound inbound, AuditChain chain, StoredAccessListeners listeners) {
        this.inbound = inbound;
        this.chain = chain;
        this.listeners = listeners;
    }

    @Transactional
    public void handle(IncomingEvent incoming) {
        // The template checks the type too; checked first here so the dead-letter reason reads as it always has.
        if (!AuditEvent.TYPE.equals(incoming.type())) {
            throw new InvalidEventException("unexpected event type " + incoming.type() + ", expected "
                    + AuditEvent.TYPE);
        }
        receive(incoming).ifPresent(event ->
                chain.append(event, incoming.topic()).ifPresent(record -> listeners.stored(record, event)));
    }

    /** The event, or empty for a redelivery; a payload that is not an AuditEvent at all says so in its reason. */
    private Optional<AuditEvent> receive(IncomingEvent incoming) {
        try {
            return inbound.receive(incoming, CONSUMER, AuditEvent.TYPE, AuditEvent.class);
        } catch (InvalidEventException e) {
            boolean unreadable = e.getCause() instanceof ContractViolation violation && violation.getCause() != null;
            if (unreadable) {
                throw new InvalidEventException("not an AuditEvent: " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
