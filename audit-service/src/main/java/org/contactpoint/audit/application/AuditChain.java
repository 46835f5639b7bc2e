package org.contactpoint.audit.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.CanonicalJson;
import org.contactpoint.audit.domain.ChainLink;
import org.contactpoint.audit.domain.IndexedAccess;
import org.contactpoint.audit.repository.ChainAppendRepository;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.tracing.Tracing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The only writer of the audit trail: appends accesses to the chain in the caller's transaction. A batch takes one
 * turn on the locked chain head: its records are linked in memory, in the order given, and written with one insert.
 * The audit stream is published from the stored records themselves ({@code AuditStreamRelay}), so an append writes
 * nothing else for it but the trace each record's stream event continues.
 */
@ApplicationScoped
public class AuditChain {

    /**
     * An access to chain and where it came from: a topic, or {@code audit-service} for this service's own reads; and
     * the trace its stream event and alerts continue (serialised as an outbox row keeps it), null for the work in
     * hand's.
     */
    public record Access(AuditEvent event, String source, String trace) {

        public Access(AuditEvent event, String source) {
            this(event, source, null);
        }
    }

    /**
     * A record just chained and the access it chains, as it was hashed; {@code trace} is the trace its stream event
     * and alerts continue (the consumer span of the record it was read from, or the work in hand's), null for none.
     */
    public record Stored(AuditRecord record, AuditEvent event, String trace) {

        public Stored(AuditRecord record, AuditEvent event) {
            this(record, event, null);
        }
    }

    private final ChainAppendRepository appends;
    private final ObjectMapper objectMapper;
    private final Tracing tracing;
    private final Clock clock;

    public AuditChain(ChainAppendRepository appends, ObjectMapper objectMapper, Tracing tracing, Clock clock) {
        this.appends = appends;
        this.objectMapper = objectMapper;
        this.tracing = tracing;
        this.clock = clock;
    }

    /**
     * Appends the access unless an access with the same event id is already chained.
     *
     * @return the stored record; empty when the event was already stored (a redelivery)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AuditRecord> append(AuditEvent event, String source) {
        return appendAll(List.of(new Access(event, source))).stream().findFirst().map(Stored::record);
    }

    /**
     * Appends the accesses in the order given, leaving out any whose event id is already chained or appears earlier
     * in the batch.
     *
     * @return the records stored, in chain order, each with the access it chains
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Stored> appendAll(List<Access> accesses) {
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
        // An access without a trace of its own continues the work in hand's (a REST request's, for this service's
        // own reads), if any.
        UnaryOperator<String> traces = tracing.ownOrInHand();
        ChainLink head = appends.lockHead();
        // Checked under the lock, so two deliveries of one event on two threads cannot both pass.
        Set<String> chained = new HashSet<>(appends.chainedAmong(eventIds));
        // Millisecond precision survives the database round trip unchanged, so the hash can be recomputed from it.
        Instant storedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Stored> stored = new ArrayList<>(accesses.size());
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
            stored.add(new Stored(record, access.event(), traces.apply(access.trace())));
        }
        if (records.isEmpty()) {
            return List.of();
        }
        appends.insert(stored.stream().map(s -> new ChainAppendRepository.Row(s.record(), s.trace())).toList());
        appends.advanceHead(head);
        return stored;
    }

    /** The query columns of the record that will chain {@code event}. */
    static IndexedAccess indexed(AuditEvent event) {
        AuditEvent.Actor actor = event.actor();
        return new IndexedAccess(event.eventId(), event.occurredAt(), event.service(), actor.userId(),
                actor.organisation(), actor.organisationCode(), event.action(), event.outcome(), event.purpose(),
                event.childIds() == null ? List.of() : event.childIds());
    }
}
