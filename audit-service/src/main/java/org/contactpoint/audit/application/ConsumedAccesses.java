package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.messaging.out.AuditStreamPublisher;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.messaging.InboxGuard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chains the accesses other services published, a consumed batch at a time, in one transaction: the message ids go
 * into the inbox in one statement (a redelivered message changes nothing), the new accesses are appended in the order
 * consumed, and the rules and notifications look at the stored records before it commits. The poll's
 * {@code audit.records.v1} rows are written to the outbox after its alerts, so the relay publishes the alerts first.
 */
@ApplicationScoped
public class ConsumedAccesses {

    /**
     * An access read from an audit topic.
     *
     * @param messageId its {@code ce_id}, the inbox key
     * @param source    the topic it was consumed from
     * @param trace     the trace context its record was handled in (its consumer span, as an outbox row keeps it),
     *                  continued by its {@code audit.records.v1} row and its alerts; null when it carries none
     */
    public record Consumed(String messageId, String source, AuditEvent event, String trace) {

        /** An access read outside any trace. */
        public Consumed(String messageId, String source, AuditEvent event) {
            this(messageId, source, event, null);
        }
    }

    private final InboxGuard inbox;
    private final AuditChain chain;
    private final StoredAccessListeners listeners;
    private final AuditStreamPublisher stream;

    public ConsumedAccesses(InboxGuard inbox, AuditChain chain, StoredAccessListeners listeners,
                            AuditStreamPublisher stream) {
        this.inbox = inbox;
        this.chain = chain;
        this.listeners = listeners;
        this.stream = stream;
    }

    /**
     * @param consumer the inbox name of the consumer (stable: it is what recognises a redelivery)
     * @return how many records were chained
     */
    @Transactional
    public int chain(String consumer, List<Consumed> batch) {
        // A message delivered twice within one batch counts once, at its first place.
        Map<String, Consumed> byMessage = new LinkedHashMap<>();
        batch.forEach(consumed -> byMessage.putIfAbsent(consumed.messageId(), consumed));
        Set<String> first = inbox.firstDeliveries(consumer, new ArrayList<>(byMessage.keySet()));
        List<AuditChain.Access> fresh = byMessage.values().stream().filter(c -> first.contains(c.messageId()))
                .map(c -> new AuditChain.Access(c.event(), c.source(), c.trace())).toList();
        // An alert waits for no stream row: the poll's records go onto the stream once its alerts are on the outbox.
        stream.holdBack();
        List<AuditStreamPublisher.Stored> stored = chain.appendAll(fresh);
        listeners.stored(stored);
        stream.release();
        return stored.size();
    }
}
