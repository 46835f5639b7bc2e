package org.contactpoint.audit.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.ChainHead;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.AuditRecordEvent;
import org.contactpoint.events.audit.ChainCheckpoint;
import org.contactpoint.support.messaging.OutboxWriter;

import java.time.Instant;

/**
 * The audit stream (audit.records.v1): each stored record with its place in the chain, and checkpoints of the head,
 * through the outbox in the caller's transaction. Everything goes under one key, so the stream keeps chain order.
 */
@ApplicationScoped
public class AuditStreamPublisher {

    private final OutboxWriter outbox;

    public AuditStreamPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Publishes a record just chained; {@code event} is the access it chains, as it was hashed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(AuditRecord record, AuditEvent event) {
        outbox.append(Topics.AUDIT_RECORDS, AuditRecordEvent.CHAIN_KEY, AuditRecordEvent.TYPE,
                new AuditRecordEvent(record.sequence(), record.source(), record.storedAt(), record.previousHash(),
                        record.recordHash(), event));
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
