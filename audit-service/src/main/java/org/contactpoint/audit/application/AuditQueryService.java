package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditQuery;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.ChainVerification;
import org.contactpoint.audit.repository.AuditRecordRepository;
import org.contactpoint.events.audit.AuditEvent.Outcome;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The security team's reads of the trail; each is itself chained in the same transaction. */
@ApplicationScoped
public class AuditQueryService {

    private final AuditRecordRepository records;
    private final ChainVerifier verifier;
    private final AccessRecorder recorder;
    private final ChainedEvents chained;

    public AuditQueryService(AuditRecordRepository records, ChainVerifier verifier, AccessRecorder recorder,
                             ChainedEvents chained) {
        this.records = records;
        this.verifier = verifier;
        this.recorder = recorder;
        this.chained = chained;
    }

    @Transactional
    public RecordPage search(AuditQuery query, int page, int size, Caller caller, PurposeOfUse purpose) {
        List<ChainedRecord> found = records.search(query, page, size).stream().map(this::chainedRecord).toList();
        long total = records.count(query);
        recorder.record(caller, purpose, "QUERY_AUDIT_RECORDS", Outcome.SUCCESS, describe(query, page, size),
                query.childId() == null ? List.of() : List.of(query.childId()), found.size());
        return new RecordPage(found, page, size, total, (int) ((total + size - 1) / size));
    }

    /**
     * A page of the matching records without counting them all (v2): one more than the page is fetched to know whether
     * another follows. Chained as the v1 query is.
     */
    @Transactional
    public RecordSlice searchPage(AuditQuery query, int page, int size, Caller caller, PurposeOfUse purpose) {
        List<AuditRecord> fetched = records.searchFrom(query, page * size, size + 1);
        List<ChainedRecord> found = fetched.stream().limit(size).map(this::chainedRecord).toList();
        recorder.record(caller, purpose, "QUERY_AUDIT_RECORDS", Outcome.SUCCESS, describe(query, page, size),
                query.childId() == null ? List.of() : List.of(query.childId()), found.size());
        return new RecordSlice(found, fetched.size() > size);
    }

    /** A page of records, and whether more follow. */
    public record RecordSlice(List<ChainedRecord> records, boolean more) {
    }

    @Transactional
    public ChainVerification verify(Caller caller) {
        ChainVerification result = verifier.verify();
        recorder.record(caller, null, "VERIFY_AUDIT_CHAIN", Outcome.SUCCESS,
                Map.of("intact", String.valueOf(result.intact())), List.of(), 0);
        return result;
    }

    private ChainedRecord chainedRecord(AuditRecord record) {
        return new ChainedRecord(record.sequence(), record.source(), record.storedAt(), record.previousHash(),
                record.recordHash(), chained.of(record));
    }

    private static Map<String, String> describe(AuditQuery query, int page, int size) {
        Map<String, String> described = new LinkedHashMap<>();
        put(described, "childId", query.childId());
        put(described, "userId", query.userId());
        put(described, "organisation", query.organisation());
        put(described, "from", query.from() == null ? null : query.from().toString());
        put(described, "to", query.to() == null ? null : query.to().toString());
        put(described, "purpose", query.purpose());
        put(described, "action", query.action());
        described.put("page", String.valueOf(page));
        described.put("size", String.valueOf(size));
        return described;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
