package org.contactpoint.audit.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.CanonicalJson;
import org.contactpoint.audit.domain.ChainHead;
import org.contactpoint.audit.domain.ChainLink;
import org.contactpoint.audit.domain.IndexedAccess;
import org.contactpoint.audit.messaging.out.AuditStreamPublisher;
import org.contactpoint.audit.repository.ChainAppendRepository;
import org.contactpoint.audit.repository.ChainHeadRepository;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.ChainCheckpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The only writer of the audit trail: appends accesses to the chain and publishes the stored records on the audit
 * stream, in the caller's transaction. A batch takes one turn on the locked chain head: its records are linked in
 * memory, in the order given, and written with one insert each for the trail and the stream.
 */
@ApplicationScoped
public class AuditChain {

    /**
     * An access to chain and where it came from: a topic, or {@code audit-service} for this service's own reads; and
     * the trace its stream row continues (serialised as an outbox row keeps it), null for the work in hand's.
     */
    public record Access(AuditEvent event, String source, String trace) {

        public Access(AuditEvent event, String source) {
            this(event, source, null);
        }
    }

    private final ChainAppendRepository appends;
    private final ChainHeadRepository heads;
    private final AuditStreamPublisher stream;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    public AuditChain(ChainAppendRepository appends, ChainHeadRepository heads, AuditStreamPublisher stream,
                      ObjectMapper objectMapper, Clock clock) {
        this.appends = appends;
        this.heads = heads;
        this.stream = stream;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /**
     * Appends the access unless an access with the same event id is already chained.
     *
     * @return the stored record; empty when the event was already stored (a redelivery)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AuditRecord> append(AuditEvent event, String source) {
        return appendAll(List.of(new Access(event, source))).stream().findFirst().map(AuditStreamPublisher.Stored::record);
    }

    /**
     * Appends the accesses in the order given, leaving out any whose event id is already chained or appears earlier
     * in the batch.
     *
     * @return the records stored, in chain order, each with the access it chains
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AuditStreamPublisher.Stored> appendAll(List<Access> accesses) {
        if (accesses.isEmpty()) {
            return List.of();
        }
        // The canonical form needs no lock: computed before taking the head, so the turn on it stays short.
        List<String> canonical = new ArrayList<>(accesses.size());
        List<String> eventIds = new ArrayList<>(accesses.size());
        for (Access access : accesses) {
            canonical.add(CanonicalJson.of(objectMapper.valueToTree(access.event())));
            eventIds.add(access.event().eventId());
        }
        ChainLink head = appends.lockHead();
        // Checked under the lock, so two deliveries of one event on two threads cannot both pass.
        Set<String> chained = new HashSet<>(appends.chainedAmong(eventIds));
        // Millisecond precision survives the database round trip unchanged, so the hash can be recomputed from it.
        Instant storedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<AuditStreamPublisher.Stored> stored = new ArrayList<>(accesses.size());
        List<AuditRecord> records = new ArrayList<>(accesses.size());
        for (int i = 0; i < accesses.size(); i++) {
            Access access = accesses.get(i);
            if (!chained.add(eventIds.get(i))) {
                continue;
            }
            AuditRecord record = AuditRecord.chain(head.sequence() + 1, head.hash(), access.source(), storedAt,
                    indexed(access.event()), canonical.get(i));
            head = new ChainLink(record.sequence(), record.recordHash());
            records.add(record);
            stored.add(new AuditStreamPublisher.Stored(record, access.event(), access.trace()));
        }
        if (records.isEmpty()) {
            return List.of();
        }
        appends.insert(records);
        stream.stored(stored);
        appends.advanceHead(head);
        return stored;
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
