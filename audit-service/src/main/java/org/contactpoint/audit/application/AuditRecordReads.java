package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.repository.AuditRecordRepository;
import org.contactpoint.events.audit.AuditEvent.Outcome;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An auditor's read of one record of the trail, by its place in the chain; chained itself like every query. */
@ApplicationScoped
public class AuditRecordReads {

    private final AuditRecordRepository records;
    private final AccessRecorder recorder;
    private final ChainedEvents chained;

    public AuditRecordReads(AuditRecordRepository records, AccessRecorder recorder, ChainedEvents chained) {
        this.records = records;
        this.recorder = recorder;
        this.chained = chained;
    }

    @Transactional
    public Optional<ChainedRecord> read(long sequence, Caller caller, PurposeOfUse purpose) {
        Optional<ChainedRecord> found = records.findByIdOptional(sequence)
                .map(record -> new ChainedRecord(record.sequence(), record.source(), record.storedAt(),
                        record.previousHash(), record.recordHash(), chained.of(record)));
        recorder.record(caller, purpose, "READ_AUDIT_RECORD", Outcome.SUCCESS,
                Map.of("sequence", String.valueOf(sequence)),
                found.map(r -> r.event().childIds() == null ? List.<String>of() : r.event().childIds())
                        .orElse(List.of()), found.isPresent() ? 1 : 0);
        return found;
    }
}
