package org.contactpoint.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.contactpoint.identity.domain.SealedLink;

import java.time.Instant;
import java.util.List;

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
                        SELECT 'NEW_IDENTITY', c.contact_point_id, l.reason, l.created_by, l.created_at
                          FROM sealed_identity_link l JOIN child c ON c.id = l.new_child_id
                         WHERE l.previous_child_id = ?1
                        UNION ALL
                        SELECT 'PREVIOUS_IDENTITY', c.contact_point_id, l.reason, l.created_by, l.created_at
                          FROM sealed_identity_link l JOIN child c ON c.id = l.previous_child_id
                         WHERE l.new_child_id = ?1""")
                .setParameter(1, childId).getResultList();
        return rows.stream().map(r -> new SealedLink((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                toInstant(r[4]))).toList();
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
