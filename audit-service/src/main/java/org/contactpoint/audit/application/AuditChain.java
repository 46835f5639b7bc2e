package org.contactpoint.audit.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.CanonicalJson;
import org.contactpoint.audit.domain.ChainHead;
import org.contactpoint.audit.domain.IndexedAccess;
import org.contactpoint.audit.messaging.out.AuditStreamPublisher;
import org.contactpoint.audit.repository.AuditRecordRepository;
import org.contactpoint.audit.repository.ChainHeadRepository;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.ChainCheckpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The only writer of the audit trail: appends an access to the chain and publishes the stored record on the audit
 * stream, in the caller's transaction. Appends take turns on the locked chain head.
 */
@ApplicationScoped
public class AuditChain {

    private final AuditRecordRepository records;
    private final ChainHeadRepository heads;
    private final AuditStreamPublisher stream;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    public AuditChain(AuditRecordRepository records, ChainHeadRepository heads, AuditStreamPublisher stream,
                      ObjectMapper objectMapper, Clock clock) {
        this.records = records;
        this.heads = heads;
        this.stream = stream;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /**
     * Appends the access unless an access with the same event id is already chained.
     *
     * @param source the topic the event came from, or {@code audit-service} for this service's own reads
     * @return the stored record; empty when the event was already stored (a redelivery)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AuditRecord> append(AuditEvent event, String source) {
        ChainHead head = heads.lockHead();
        // Checked under the lock, so two deliveries of one event on two threads cannot both pass.
        if (records.existsByEventId(event.eventId())) {
            return Optional.empty();
        }
        String canonicalEvent = CanonicalJson.of(objectMapper.valueToTree(event));
        // Millisecond precision survives the database round trip unchanged, so the hash can be recomputed from it.
        Instant storedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AuditRecord record = AuditRecord.chain(head.lastSequence() + 1, head.lastHash(), source, storedAt,
                indexed(event), canonicalEvent);
        records.persist(record);
        head.advance(record);
        stream.stored(record, event);
        return Optional.of(record);
    }

    /**
     * Publishes the head of the chain as a checkpoint on the audit stream, if anything was appended since the last.
     *
     * @return the checkpoint published, if any
     */
    @Transactional
    public Optional<ChainCheckpoint> checkpoint() {
        ChainHead head = heads.lockHead();
        if (!head.hasRecordsSinceCheckpoint()) {
            return Optional.empty();
        }
        ChainCheckpoint checkpoint = stream.checkpoint(head, clock.instant());
        head.checkpointed();
        return Optional.of(checkpoint);
    }

    /** The query columns of the record that will chain {@code event}. */
    static IndexedAccess indexed(AuditEvent event) {
        AuditEvent.Actor actor = event.actor();
        return new IndexedAccess(event.eventId(), event.occurredAt(), event.service(), actor.userId(),
                actor.organisation(), actor.organisationCode(), event.action(), event.outcome(), event.purpose(),
                event.childIds() == null ? List.of() : event.childIds());
    }
}
