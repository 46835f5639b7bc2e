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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.contactpoint.audit.repository.OutboxRepository;
import org.contactpoint.support.messaging.OutboxWriter;

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
    private final ObjectMapper objectMapper;
    private final TransactionSynchronizationRegistry transactions;

    public AuditStreamPublisher(OutboxWriter outbox, OutboxRepository outboxRows, ObjectMapper objectMapper,
                                TransactionSynchronizationRegistry transactions) {
        this.outbox = outbox;
        this.outboxRows = outboxRows;
        this.objectMapper = objectMapper;
        this.transactions = transactions;
    }

    /** The stream rows a transaction holds back until it releases them. */
    private static final class Held {
        final List<OutboxRepository.Row> rows = new ArrayList<>();
        boolean holding = true;
    }

    /** A record just chained and the access it chains, as it was hashed. */
    public record Stored(AuditRecord record, AuditEvent event) {
    }

    /** Publishes a batch of records just chained, in chain order, as one multi-row outbox insert. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(List<Stored> batch) {
        List<OutboxRepository.Row> rows = new ArrayList<>(batch.size());
        for (Stored stored : batch) {
            AuditRecord record = stored.record();
            AuditRecordEvent published = new AuditRecordEvent(record.sequence(), record.source(), record.storedAt(),
                    record.previousHash(), record.recordHash(), stored.event());
            try {
                rows.add(new OutboxRepository.Row(UUID.randomUUID(), Topics.AUDIT_RECORDS, AuditRecordEvent.CHAIN_KEY,
                        AuditRecordEvent.TYPE, objectMapper.writeValueAsString(published)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Event payload is not serialisable: " + AuditRecordEvent.TYPE, e);
            }
        }
        Held held = (Held) transactions.getResource(HELD);
        if (held != null && held.holding) {
            held.rows.addAll(rows);
        } else {
            outboxRows.append(rows);
        }
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
