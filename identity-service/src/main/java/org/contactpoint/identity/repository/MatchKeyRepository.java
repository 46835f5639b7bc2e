package org.contactpoint.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.contactpoint.identity.domain.matching.TermFrequencies;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The blocking index (child_match_key): candidate retrieval and name frequencies, both by index lookups. */
@ApplicationScoped
public class MatchKeyRepository {

    /** The register's size moves slowly; counting it for every record would cost more than the matching. */
    private static final long CHILDREN_COUNT_TTL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

    private final EntityManager entityManager;
    private volatile long childrenCount = -1;
    private volatile long childrenCountedAt;

    public MatchKeyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Replaces a child's keys; an empty set takes the child out of matching (merged, closed). */
    public void index(Long childId, Set<String> keys) {
        entityManager.flush();
        entityManager.createNativeQuery("DELETE FROM child_match_key WHERE child_id = ?1")
                .setParameter(1, childId).executeUpdate();
        for (String key : keys) {
            entityManager.createNativeQuery("INSERT INTO child_match_key (child_id, key) VALUES (?1, ?2)")
                    .setParameter(1, childId).setParameter(2, key).executeUpdate();
        }
    }

    /** Children indexed under any of the keys, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<Long> candidates(Collection<String> keys, int limit) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Number> ids = entityManager.createNativeQuery(
                        "SELECT DISTINCT child_id FROM child_match_key WHERE key IN (?1) LIMIT ?2")
                .setParameter(1, keys).setParameter(2, limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Every matchable child has exactly one {@code fx:} key; the range scan reads only the index. */
    private long matchableChildren() {
        long now = System.nanoTime();
        if (childrenCount < 0 || now - childrenCountedAt > CHILDREN_COUNT_TTL_NANOS) {
            childrenCount = ((Number) entityManager.createNativeQuery(
                            "SELECT count(*) FROM child_match_key WHERE key >= 'fx:' AND key < 'fx;'")
                    .getSingleResult()).longValue();
            childrenCountedAt = now;
        }
        return childrenCount;
    }

    /** How many matchable children carry each of these frequency keys, and how many matchable children there are. */
    @SuppressWarnings("unchecked")
    public TermFrequencies frequencies(Collection<String> keys) {
        Map<String, Long> counts = new HashMap<>();
        if (!keys.isEmpty()) {
            List<Object[]> rows = entityManager.createNativeQuery(
                            "SELECT key, count(*) FROM child_match_key WHERE key IN (?1) GROUP BY key")
                    .setParameter(1, keys).getResultList();
            for (Object[] row : rows) {
                counts.put((String) row[0], ((Number) row[1]).longValue());
            }
        }
        return new TermFrequencies(counts, matchableChildren());
    }
}
