package org.contactpoint.audit.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.ChainHead;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.AuditRecordEvent;
import org.contactpoint.events.audit.ChainCheckpoint;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.contactpoint.audit.repository.OutboxRepository;
import org.contactpoint.support.messaging.OutboxWriter;
import org.contactpoint.support.tracing.Tracing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The audit stream (audit.records.v1): each stored record with its place in the chain, and checkpoints of the head,
 * through the outbox in the caller's transaction. Everything goes under one key, so the stream keeps chain order.
 * <p>
 * A transaction may {@linkplain #holdBack() hold back} its records' rows and {@linkplain #release() release} them
 * later, in one insert: a consumed poll does, so that the alerts its records raise are written to the outbox ahead of
 * its (up to thousands of) stream rows, and the relay, which publishes in outbox order, sends the alerts first.
 */
@ApplicationScoped
public class AuditStreamPublisher {

    /** The key of a transaction's held-back rows in the transaction's resources. */
    private static final String HELD = AuditStreamPublisher.class.getName() + ".held";

    private final OutboxWriter outbox;
    private final OutboxRepository outboxRows;
    private final TransactionSynchronizationRegistry transactions;
    private final Tracing tracing;

    public AuditStreamPublisher(OutboxWriter outbox, OutboxRepository outboxRows,
                                TransactionSynchronizationRegistry transactions, Tracing tracing) {
        this.outbox = outbox;
        this.outboxRows = outboxRows;
        this.transactions = transactions;
        this.tracing = tracing;
    }

    /** The stream rows a transaction holds back until it releases them. */
    private static final class Held {
        final List<OutboxRepository.Row> rows = new ArrayList<>();
        boolean holding = true;
    }

    /**
     * A record just chained and the access it chains, as it was hashed; {@code trace} is the trace its stream row
     * continues (the consumer span of the record it was read from, serialised as an outbox row keeps it), null for
     * the work in hand's (a REST request's, for this service's own reads).
     */
    public record Stored(AuditRecord record, AuditEvent event, String trace) {

        public Stored(AuditRecord record, AuditEvent event) {
            this(record, event, null);
        }
    }

    /** Publishes a batch of records just chained, in chain order, as one multi-row outbox insert. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(List<Stored> batch) {
        List<OutboxRepository.Row> rows = new ArrayList<>(batch.size());
        // Each row continues its own record's trace (a consumed poll mixes many lookups' traces); one without one,
        // the trace of the work in hand (a REST request's, for this service's own reads), if any.
        String inHand = null;
        boolean inHandRead = false;
        for (Stored stored : batch) {
            String trace = stored.trace();
            if (trace == null) {
                if (!inHandRead) {
                    inHand = tracing.serialise(tracing.current());
                    inHandRead = true;
                }
                trace = inHand;
            }
            rows.add(new OutboxRepository.Row(UUID.randomUUID(), Topics.AUDIT_RECORDS, AuditRecordEvent.CHAIN_KEY,
                    AuditRecordEvent.TYPE, payload(stored.record()), trace));
        }
        Held held = (Held) transactions.getResource(HELD);
        if (held != null && held.holding) {
            held.rows.addAll(rows);
        } else {
            outboxRows.append(rows);
        }
    }

    /**
     * The {@link AuditRecordEvent} of a record, its members in the contract's order, with the event as chained: its
     * canonical JSON, already written to compute the hash (the same members as the event written afresh, in name
     * order), so the stream costs no second serialisation of every event (issue 19). An outsider recomputes the hash
     * from it exactly as before.
     */
    static String payload(AuditRecord record) {
        JsonStringEncoder strings = JsonStringEncoder.getInstance();
        StringBuilder json = new StringBuilder(record.canonicalEvent().length() + 256);
        json.append("{\"sequence\":").append(record.sequence()).append(",\"source\":\"");
        strings.quoteAsString(record.source(), json);
        json.append("\",\"storedAt\":\"").append(record.storedAt())
                .append("\",\"previousHash\":\"").append(record.previousHash())
                .append("\",\"recordHash\":\"").append(record.recordHash())
                .append("\",\"event\":").append(record.canonicalEvent());
        return json.append('}').toString();
    }

    /**
     * Holds back the rows of the records this transaction stores from now on, in chain order, until {@link #release()}.
     * Should the transaction end without releasing them, they are written as it completes, so none is lost.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdBack() {
        Held held = (Held) transactions.getResource(HELD);
        if (held != null) {
            held.holding = true;
            return;
        }
        Held fresh = new Held();
        transactions.putResource(HELD, fresh);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                if (fresh.holding && !fresh.rows.isEmpty()) {
                    write(fresh);
                }
            }

            @Override
            public void afterCompletion(int status) {
            }
        });
    }

    /** Writes the rows held back since {@link #holdBack()}, in chain order, as one multi-row outbox insert. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release() {
        Held held = (Held) transactions.getResource(HELD);
        if (held != null && held.holding) {
            write(held);
        }
    }

    private void write(Held held) {
        held.holding = false;
        List<OutboxRepository.Row> rows = List.copyOf(held.rows);
        held.rows.clear();
        outboxRows.append(rows);
    }

    /** Publishes the head as a checkpoint, naming the sequence the previous checkpoint covered. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ChainCheckpoint checkpoint(ChainHead head, Instant at) {
        ChainCheckpoint checkpoint = new ChainCheckpoint(head.lastSequence(), head.lastHash(),
                head.checkpointedSequence(), at);
        outbox.append(Topics.AUDIT_RECORDS, AuditRecordEvent.CHAIN_KEY, ChainCheckpoint.TYPE, checkpoint);
        return checkpoint;
    }
}
