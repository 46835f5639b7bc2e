package org.contactpoint.audit.messaging.in;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.audit.application.ConsumedAccesses;
import org.contactpoint.audit.config.ChainConfig;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.json.ContractViolation;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;
import org.contactpoint.support.messaging.InvalidEventException;
import org.contactpoint.support.messaging.RecordTrace;
import org.contactpoint.support.tracing.Tracing;

import java.util.ArrayList;
import java.util.List;

/**
 * Chains a consumed poll of audit events. Each record is read as the inbound template reads one (its type, a value,
 * the contract parsed and validated with {@link Inbound#parse}); a record that could never be chained faithfully is
 * dead-lettered on its own with its reason, and the rest are chained in the order consumed, in transactions of at
 * most {@link ChainConfig#recordsPerTransaction()} records one after another (the chain appends an event id once,
 * so a poll redelivered after a crash part-way is chained once, its tallies and alerts counted once). The alerts a
 * part raises commit with it and need not wait for the rest of the poll. While the database is unavailable a part
 * is retried, holding the partitions; if a part keeps failing for another reason it is applied record by record, so
 * only the record that cannot be stored is dead-lettered. Offsets are committed once the whole poll is handled.
 */
@ApplicationScoped
public class AuditEventHandler {

    private final ConsumedAccesses accesses;
    private final DeadLetters deadLetters;
    private final Tracing tracing;
    private final int recordsPerTransaction;

    public AuditEventHandler(ConsumedAccesses accesses, DeadLetters deadLetters, Tracing tracing, ChainConfig chain) {
        this.accesses = accesses;
        this.deadLetters = deadLetters;
        this.tracing = tracing;
        this.recordsPerTransaction = Math.max(1, chain.recordsPerTransaction());
    }

    public void handle(Iterable<ConsumerRecord<String, String>> records) {
        List<IncomingEvent> read = new ArrayList<>();
        List<ConsumedAccesses.Consumed> batch = new ArrayList<>();
        List<ConsumerRecord<String, String>> origins = new ArrayList<>();
        List<DeadLetters.DeadLetter> invalid = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                IncomingEvent incoming = IncomingEvent.from(record);
                batch.add(new ConsumedAccesses.Consumed(incoming.id(), incoming.topic(), read(incoming)));
                read.add(incoming);
                origins.add(record);
            } catch (InvalidEventException e) {
                invalid.add(new DeadLetters.DeadLetter(record, e));
            }
        }
        for (int from = 0; from < batch.size(); from += recordsPerTransaction) {
            int to = Math.min(batch.size(), from + recordsPerTransaction);
            chain(read.subList(from, to), batch.subList(from, to), origins.subList(from, to), invalid);
        }
        deadLetters.send(invalid);
    }

    /** Chains part of a poll in one transaction; if it keeps failing, record by record. */
    private void chain(List<IncomingEvent> read, List<ConsumedAccesses.Consumed> batch,
                       List<ConsumerRecord<String, String>> origins, List<DeadLetters.DeadLetter> invalid) {
        try {
            // In each record's trace (a consumer span per traced record, a child of the lookup that caused it), as
            // the records are chained together; each record's stream row and alerts continue its own trace.
            tracing.processEach(read.get(0).topic(), origins.stream().map(RecordTrace::of).toList(),
                    traces -> ConsumerRetry.untilApplied(read.get(0),
                            () -> accesses.chain(traced(batch, traces))));
        } catch (RuntimeException e) {
            Log.warnf("A batch of %d from %s keeps failing (%s); applying it record by record", batch.size(),
                    read.get(0).topic(), e.getMessage());
            oneByOne(read, batch, origins, invalid);
        }
    }

    /** The batch, each access with the trace context of its record's consumer span (null: none). */
    private static List<ConsumedAccesses.Consumed> traced(List<ConsumedAccesses.Consumed> batch, List<String> traces) {
        List<ConsumedAccesses.Consumed> traced = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ConsumedAccesses.Consumed consumed = batch.get(i);
            traced.add(new ConsumedAccesses.Consumed(consumed.messageId(), consumed.source(), consumed.event(),
                    traces.get(i)));
        }
        return traced;
    }

    private void oneByOne(List<IncomingEvent> read, List<ConsumedAccesses.Consumed> batch,
                          List<ConsumerRecord<String, String>> origins, List<DeadLetters.DeadLetter> invalid) {
        for (int i = 0; i < batch.size(); i++) {
            List<ConsumedAccesses.Consumed> one = List.of(batch.get(i));
            try {
                IncomingEvent event = read.get(i);
                var trace = RecordTrace.of(origins.get(i));
                ConsumerRetry.untilApplied(event, () -> tracing.processEach(event.topic(), List.of(trace),
                        traces -> accesses.chain(traced(one, traces))));
            } catch (RuntimeException e) {
                invalid.add(new DeadLetters.DeadLetter(origins.get(i), e));
            }
        }
    }

    /** The event, checked as the template checks it; a payload that is not an AuditEvent at all says so. */
    private static AuditEvent read(IncomingEvent incoming) {
        // Checked first so the dead-letter reason reads as it always has.
        if (!AuditEvent.TYPE.equals(incoming.type())) {
            throw new InvalidEventException("unexpected event type " + incoming.type() + ", expected "
                    + AuditEvent.TYPE);
        }
        if (incoming.isTombstone()) {
            throw new InvalidEventException("a " + AuditEvent.class.getSimpleName() + " must have a value");
        }
        try {
            return Inbound.parse(incoming, AuditEvent.class);
        } catch (InvalidEventException e) {
            boolean unreadable = e.getCause() instanceof ContractViolation violation && violation.getCause() != null;
            if (unreadable) {
                throw new InvalidEventException("not an AuditEvent: " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
