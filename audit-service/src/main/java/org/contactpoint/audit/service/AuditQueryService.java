package org.contactpoint.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditQuery;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.ChainVerification;
import org.contactpoint.audit.repository.AuditRecordRepository;
import org.contactpoint.audit.rest.AuditRecordPage;
import org.contactpoint.audit.rest.AuditRecordView;
import org.contactpoint.events.audit.AuditEvent;
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
    private final ObjectMapper objectMapper;

    public AuditQueryService(AuditRecordRepository records, ChainVerifier verifier, AccessRecorder recorder,
                             ObjectMapper objectMapper) {
        this.records = records;
        this.verifier = verifier;
        this.recorder = recorder;
        this.objectMapper = objectMapper;
    }

    @Transactional
    public AuditRecordPage search(AuditQuery query, int page, int size, Caller caller) {
        List<AuditRecordView> found = records.search(query, page, size).stream().map(this::view).toList();
        long total = records.count(query);
        recorder.record(caller, "QUERY_AUDIT_RECORDS", "SUCCESS", describe(query, page, size),
                query.childId() == null ? List.of() : List.of(query.childId()), found.size());
        return new AuditRecordPage(found, page, size, total, (int) ((total + size - 1) / size));
    }

    @Transactional
    public ChainVerification verify(Caller caller) {
        ChainVerification result = verifier.verify();
        recorder.record(caller, "VERIFY_AUDIT_CHAIN", "SUCCESS", Map.of("intact", String.valueOf(result.intact())),
                List.of(), 0);
        return result;
    }

    public AuditRecordView view(AuditRecord record) {
        return new AuditRecordView(record.sequence(), record.source(), record.storedAt(), record.previousHash(),
                record.recordHash(), event(record));
    }

    public AuditEvent event(AuditRecord record) {
        try {
            return objectMapper.readValue(record.canonicalEvent(), AuditEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Chained event " + record.sequence() + " cannot be read", e);
        }
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
