package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;

import java.util.List;

/**
 * Chains the accesses other services published, a consumed batch (or a part of a larger poll) at a time, in one
 * transaction: the new accesses are appended in the order consumed, and the rules and notifications look at the stored
 * records before it commits. A redelivered access changes nothing: the chain appends an event id once, checked under
 * the chain head's lock before any record is linked, and only the records it stored reach the rules, the tallies and
 * the notifications (no inbox row per access: the chain's unique event id is the record of what was consumed). Only
 * the alerts go through the outbox: the records reach {@code audit.records.v1} from the chain itself, so an alert never
 * queues behind a poll's stream events.
 */
@ApplicationScoped
public class ConsumedAccesses {

    /**
     * An access read from an audit topic.
     *
     * @param messageId its {@code ce_id}
     * @param source    the topic it was consumed from
     * @param trace     the trace context its record was handled in (its consumer span, as an outbox row keeps it),
     *                  continued by its {@code audit.records.v1} event and its alerts; null when it carries none
     */
    public record Consumed(String messageId, String source, AuditEvent event, String trace) {

        /** An access read outside any trace. */
        public Consumed(String messageId, String source, AuditEvent event) {
            this(messageId, source, event, null);
        }
    }

    private final AuditChain chain;
    private final StoredAccessListeners listeners;

    public ConsumedAccesses(AuditChain chain, StoredAccessListeners listeners) {
        this.chain = chain;
        this.listeners = listeners;
    }

    /** @return how many records were chained (an access already chained, or earlier in the batch, is not) */
    @Transactional
    public int chain(List<Consumed> batch) {
        List<AuditChain.Access> accesses = batch.stream()
                .map(c -> new AuditChain.Access(c.event(), c.source(), c.trace())).toList();
        List<AuditChain.Stored> stored = chain.appendAll(accesses);
        listeners.stored(stored);
        return stored.size();
    }
}
