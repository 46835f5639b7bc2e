package org.contactpoint.audit.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
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
 */
@ApplicationScoped
public class AuditStreamPublisher {

    private final OutboxWriter outbox;
    private final OutboxRepository outboxRows;
    private final ObjectMapper objectMapper;

    public AuditStreamPublisher(OutboxWriter outbox, OutboxRepository outboxRows, ObjectMapper objectMapper) {
        this.outbox = outbox;
        this.outboxRows = outboxRows;
        this.objectMapper = objectMapper;
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
