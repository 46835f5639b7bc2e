package org.contactpoint.audit.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.ChainHead;
import org.contactpoint.audit.domain.ChainVerification;
import org.contactpoint.audit.domain.ChainVerification.BrokenLink;
import org.contactpoint.audit.domain.HashChain;
import org.contactpoint.audit.repository.AuditRecordRepository;
import org.contactpoint.audit.repository.ChainHeadRepository;
import org.contactpoint.events.audit.AuditEvent;

import java.util.List;
import java.util.Objects;

/**
 * Walks the chain from record 1 and reports the first link that does not hold: a gap or reordering in the sequence,
 * a previous hash that is not the record before's hash, a record whose content no longer hashes to its hash, or index
 * columns that no longer agree with the chained event. Finally the head must name the last record.
 * <p>
 * Each verification counts in {@code contactpoint.audit.chain.verifications}, tagged {@code result} intact or broken:
 * a broken one pages the security team (deploy/k8s PrometheusRule ContactPointAuditChainBroken), whoever asked.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int BATCH = 500;

    private final AuditRecordRepository records;
    private final ChainHeadRepository heads;
    private final ObjectMapper objectMapper;
    private final Counter intact;
    private final Counter broken;

    public ChainVerifier(AuditRecordRepository records, ChainHeadRepository heads, ObjectMapper objectMapper,
                         MeterRegistry registry) {
        this.records = records;
        this.heads = heads;
        this.objectMapper = objectMapper;
        this.intact = verifications(registry, "intact");
        this.broken = verifications(registry, "broken");
    }

    private static Counter verifications(MeterRegistry registry, String result) {
        return Counter.builder("contactpoint.audit.chain.verifications").tag("result", result)
                .description("Verifications of the audit chain, by result; a broken one needs the security team")
                .register(registry);
    }

    @Transactional
    public ChainVerification verify() {
        ChainVerification verification = walk();
        (verification.intact() ? intact : broken).increment();
        return verification;
    }

    private ChainVerification walk() {
        ChainHead head = heads.readHead();
        long expectedSequence = 1;
        String expectedPrevious = HashChain.GENESIS;
        long checked = 0;
        // Walk up to the head as read now: records appended while the walk runs are for the next verification.
        long upTo = head.lastSequence();
        List<AuditRecord> batch = records.batchAfter(0, upTo, BATCH);
        while (!batch.isEmpty()) {
            for (AuditRecord record : batch) {
                checked++;
                String reason = brokenReason(record, expectedSequence, expectedPrevious);
                if (reason != null) {
                    long at = record.sequence() > expectedSequence ? expectedSequence : record.sequence();
                    String eventId = record.sequence() > expectedSequence ? null : record.eventId();
                    return new ChainVerification(false, checked, head.lastSequence(), head.lastHash(),
                            new BrokenLink(at, eventId, reason));
                }
                expectedSequence++;
                expectedPrevious = record.recordHash();
            }
            records.getEntityManager().clear();
            batch = records.batchAfter(expectedSequence - 1, upTo, BATCH);
        }
        long last = expectedSequence - 1;
        if (last < upTo) {
            return new ChainVerification(false, checked, head.lastSequence(), head.lastHash(),
                    new BrokenLink(last + 1, null, "records " + (last + 1) + " to " + upTo + " are missing"));
        }
        if (!head.lastHash().equals(expectedPrevious)) {
            return new ChainVerification(false, checked, head.lastSequence(), head.lastHash(),
                    new BrokenLink(last, null, "the chain head's hash is not the hash of record " + last));
        }
        return new ChainVerification(true, checked, head.lastSequence(), head.lastHash(), null);
    }

    private String brokenReason(AuditRecord record, long expectedSequence, String expectedPrevious) {
        if (record.sequence() != expectedSequence) {
            return "record " + expectedSequence + " is missing (next is " + record.sequence() + ")";
        }
        if (!record.previousHash().equals(expectedPrevious)) {
            return "previous hash does not match the hash of record " + (expectedSequence - 1);
        }
        String recomputed = HashChain.link(record.previousHash(), record.sequence(), record.source(),
                record.storedAt(), record.canonicalEvent());
        if (!recomputed.equals(record.recordHash())) {
            return "content does not match its hash (changed after it was stored)";
        }
        return indexMismatch(record);
    }

    /** The query columns are not hashed themselves; they must still say what the hashed event says. */
    private String indexMismatch(AuditRecord record) {
        AuditEvent event;
        try {
            event = objectMapper.readValue(record.canonicalEvent(), AuditEvent.class);
        } catch (JsonProcessingException e) {
            return "the chained event cannot be read";
        }
        boolean agrees = Objects.equals(event.eventId(), record.eventId())
                && Objects.equals(event.actor().userId(), record.userId())
                && Objects.equals(event.actor().organisationCode(), record.organisationCode())
                && Objects.equals(event.action(), record.action())
                && Objects.equals(AuditRecord.indexed(event.occurredAt()), record.occurredAt())
                && Objects.equals(event.childIds() == null ? List.of() : event.childIds(), record.childIds());
        return agrees ? null : "the query columns do not match the chained event (changed after it was stored)";
    }
}
