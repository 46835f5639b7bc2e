package org.contactpoint.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.contactpoint.identity.domain.SealedLink;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The sealed links between closed and new identities. Only the sealed-records role ever reads them. */
@ApplicationScoped
public class SealedLinkRepository {

    private final EntityManager entityManager;

    public SealedLinkRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void seal(Long previousChildId, Long newChildId, String reason, String createdBy, Instant now) {
        entityManager.createNativeQuery("""
                        INSERT INTO sealed_identity_link (previous_child_id, new_child_id, reason, created_by, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, previousChildId).setParameter(2, newChildId).setParameter(3, reason)
                .setParameter(4, createdBy).setParameter(5, now).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<SealedLink> linksOf(Long childId) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT 'NEW_IDENTITY', c.contact_point_id, l.reason, l.created_by, l.created_at,
                               l.audit_reference::text
                          FROM sealed_identity_link l JOIN child c ON c.id = l.new_child_id
                         WHERE l.previous_child_id = ?1
                        UNION ALL
                        SELECT 'PREVIOUS_IDENTITY', c.contact_point_id, l.reason, l.created_by, l.created_at,
                               l.audit_reference::text
                          FROM sealed_identity_link l JOIN child c ON c.id = l.previous_child_id
                         WHERE l.new_child_id = ?1""")
                .setParameter(1, childId).getResultList();
        return rows.stream().map(r -> new SealedLink((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                toInstant(r[4]), (String) r[5])).toList();
    }

    /** The audit reference of each of these new identities (by child row id) that has one. */
    @SuppressWarnings("unchecked")
    public Map<Long, String> auditReferences(Collection<Long> newChildIds) {
        if (newChildIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT new_child_id, audit_reference::text FROM sealed_identity_link
                         WHERE new_child_id IN (?1)""")
                .setParameter(1, newChildIds).getResultList();
        Map<Long, String> references = new HashMap<>();
        rows.forEach(r -> references.put(((Number) r[0]).longValue(), (String) r[1]));
        return references;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
