package org.contactpoint.audit.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import org.contactpoint.audit.domain.AuditQuery;
import org.contactpoint.audit.domain.AuditRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class AuditRecordRepository implements PanacheRepositoryBase<AuditRecord, Long> {

    /** One page of the records matching the query, newest first. */
    @SuppressWarnings("unchecked")
    public List<AuditRecord> search(AuditQuery query, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, params);
        Query select = getEntityManager().createNativeQuery(
                "SELECT * FROM audit_record" + where + " ORDER BY sequence DESC", AuditRecord.class);
        params.forEach(select::setParameter);
        return select.setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    /** The records matching the query from the offset, newest first, at most {@code limit} of them. */
    @SuppressWarnings("unchecked")
    public List<AuditRecord> searchFrom(AuditQuery query, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, params);
        Query select = getEntityManager().createNativeQuery(
                "SELECT * FROM audit_record" + where + " ORDER BY sequence DESC", AuditRecord.class);
        params.forEach(select::setParameter);
        return select.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(AuditQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        Query count = getEntityManager().createNativeQuery("SELECT count(*) FROM audit_record" + where(query, params));
        params.forEach(count::setParameter);
        return ((Number) count.getSingleResult()).longValue();
    }

    /** Every record that touched the child, newest first, up to {@code limit} (the subject access report). */
    @SuppressWarnings("unchecked")
    public List<AuditRecord> forChild(String childId, int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM audit_record WHERE child_ids @> ARRAY[CAST(:child AS text)]
                        ORDER BY sequence DESC""", AuditRecord.class)
                .setParameter("child", childId).setMaxResults(limit).getResultList();
    }

    /**
     * The newest records that touched the child by when they happened (the services' streams are partitioned, so
     * the chain may hold a later access before an earlier one), leaving out those from {@code source}.
     */
    @SuppressWarnings("unchecked")
    public List<AuditRecord> recentForChild(String childId, String excludedSource, int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM audit_record WHERE child_ids @> ARRAY[CAST(:child AS text)] AND source <> :source
                        ORDER BY occurred_at DESC, sequence DESC""", AuditRecord.class)
                .setParameter("child", childId).setParameter("source", excludedSource).setMaxResults(limit)
                .getResultList();
    }

    /** Records in chain order after {@code afterSequence} up to {@code lastSequence}, for verification in batches. */
    public List<AuditRecord> batchAfter(long afterSequence, long lastSequence, int size) {
        return find("sequence > ?1 AND sequence <= ?2 ORDER BY sequence", afterSequence, lastSequence)
                .page(0, size).list();
    }

    /**
     * Up to {@code limit} of a user's records of one action that occurred in {@code (from, to]}, in chain order: the
     * records behind a burst alert, read once when it fires.
     */
    @SuppressWarnings("unchecked")
    public List<IndexedRecord> actionsBy(String userId, String action, Instant from, Instant to, int limit) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        SELECT sequence, array_to_string(child_ids, chr(31)), occurred_at FROM audit_record
                        WHERE user_id = :user AND action = :action AND occurred_at > :from AND occurred_at <= :to
                        ORDER BY sequence""")
                .setParameter("user", userId).setParameter("action", action).setParameter("from", from)
                .setParameter("to", to).setMaxResults(limit).getResultList();
        return rows.stream().map(row -> new IndexedRecord(((Number) row[0]).longValue(),
                row[1] == null || ((String) row[1]).isEmpty() ? List.<String>of()
                        : List.of(((String) row[1]).split("\u001f")), occurredAt(row[2]))).toList();
    }

    /** A record's place in the chain, the children it touched and when the access occurred. */
    public record IndexedRecord(long sequence, List<String> childIds, Instant occurredAt) {
    }

    private static Instant occurredAt(Object column) {
        if (column instanceof Instant instant) {
            return instant;
        }
        if (column instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) column).toInstant();
    }

    private static String where(AuditQuery query, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (query.childId() != null) {
            clauses.add("child_ids @> ARRAY[CAST(:childId AS text)]");
            params.put("childId", query.childId());
        }
        if (query.userId() != null) {
            clauses.add("user_id = :userId");
            params.put("userId", query.userId());
        }
        if (query.organisation() != null) {
            clauses.add("(organisation_code = :organisation OR lower(organisation) = lower(:organisation))");
            params.put("organisation", query.organisation());
        }
        if (query.from() != null) {
            clauses.add("occurred_at >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            clauses.add("occurred_at < :to");
            params.put("to", query.to());
        }
        if (query.purpose() != null) {
            clauses.add("purpose = :purpose");
            params.put("purpose", query.purpose());
        }
        if (query.action() != null) {
            clauses.add("action = :action");
            params.put("action", query.action());
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }
}
