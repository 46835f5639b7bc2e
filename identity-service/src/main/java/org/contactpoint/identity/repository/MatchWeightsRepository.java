package org.contactpoint.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The versions of the matcher's weights (match_weights), and the samples they are estimated from. */
@ApplicationScoped
public class MatchWeightsRepository {

    private final EntityManager entityManager;

    public MatchWeightsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One stored estimate; {@code levels} as JSON, {@code field.LEVEL} to {@code {m, u}}. */
    public record Stored(long version, Instant estimatedAt, String estimatedBy, String levels, int randomPairs,
                         int trainingPairs, double matchShare, int iterations) {
    }

    /**
     * A stored decision's candidates as JSON, with what settled it: {@code resolvedBy} is set when a person did,
     * {@code childContactPointId} names the child it was linked to or created.
     */
    public record Decided(String outcome, String status, String candidates, String childContactPointId) {
    }

    /** The version put in force last. */
    public Optional<Stored> inForce() {
        return one("WHERE in_force_since IS NOT NULL ORDER BY in_force_since DESC, version DESC LIMIT 1", null);
    }

    public Optional<Stored> find(long version) {
        return one("WHERE version = ?1", version);
    }

    /** Puts a stored version in force (e.g. back to an earlier one); false if there is no such version. */
    public boolean putInForce(long version, Instant now) {
        return entityManager.createNativeQuery("UPDATE match_weights SET in_force_since = ?2 WHERE version = ?1")
                .setParameter(1, version).setParameter(2, now).executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    private Optional<Stored> one(String condition, Long version) {
        jakarta.persistence.Query query = entityManager.createNativeQuery("""
                SELECT version, estimated_at, estimated_by, levels::text, random_pairs, training_pairs, match_share,
                       iterations
                FROM match_weights\s""" + condition);
        if (version != null) {
            query.setParameter(1, version);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().findFirst().map(row -> new Stored(((Number) row[0]).longValue(), instant(row[1]),
                (String) row[2], (String) row[3], ((Number) row[4]).intValue(), ((Number) row[5]).intValue(),
                ((Number) row[6]).doubleValue(), ((Number) row[7]).intValue()));
    }

    /** The version after the one in force; estimates are serialised so two never take the same number. */
    public long nextVersion() {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('match_weights'))").getSingleResult();
        return ((Number) entityManager.createNativeQuery("SELECT coalesce(max(version), 0) + 1 FROM match_weights")
                .getSingleResult()).longValue();
    }

    /** Stores a new estimate, not yet in force. */
    public void save(Stored weights) {
        entityManager.createNativeQuery("""
                        INSERT INTO match_weights (version, estimated_at, estimated_by, levels, random_pairs,
                                                   training_pairs, match_share, iterations, in_force_since)
                        VALUES (?1, ?2, ?3, cast(?4 AS jsonb), ?5, ?6, ?7, ?8, NULL)""")
                .setParameter(1, weights.version()).setParameter(2, weights.estimatedAt())
                .setParameter(3, weights.estimatedBy()).setParameter(4, weights.levels())
                .setParameter(5, weights.randomPairs()).setParameter(6, weights.trainingPairs())
                .setParameter(7, weights.matchShare()).setParameter(8, weights.iterations())
                .executeUpdate();
    }

    /** Up to {@code count} matchable children, drawn at random (ids only; read them as the batch path does). */
    @SuppressWarnings("unchecked")
    public List<Long> randomChildren(int count) {
        List<Number> ids = entityManager.createNativeQuery("""
                        SELECT id FROM child WHERE status = 'ACTIVE' AND release_at IS NULL
                        ORDER BY random() LIMIT ?1""")
                .setParameter(1, count).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** The most recent decisions that compared a record with candidates (sealed ones stay with their team). */
    @SuppressWarnings("unchecked")
    public List<Decided> recentDecisions(int count) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT d.outcome, d.status, d.candidates::text, c.contact_point_id
                        FROM match_decision d LEFT JOIN child c ON c.id = d.child_id
                        WHERE d.candidates IS NOT NULL AND d.candidates <> '[]'::jsonb AND NOT d.sealed
                        ORDER BY d.decided_at DESC LIMIT ?1""")
                .setParameter(1, count).getResultList();
        return rows.stream().map(row -> new Decided((String) row[0], (String) row[1], (String) row[2],
                (String) row[3])).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
