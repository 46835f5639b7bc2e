package org.contactpoint.identity.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.identity.domain.MatchDecision;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class MatchDecisionRepository implements PanacheRepositoryBase<MatchDecision, UUID> {

    /** The review queue, oldest first; all of it when {@code localAuthority} is null. */
    /** Whether this caller's own submission created this child or was linked to it (automatically or by a person). */
    public boolean submittedBy(long childId, String userId) {
        return count("childId = ?1 and decidedBy = ?2 and outcome in ?3", childId, userId,
                List.of(MatchDecision.Outcome.CREATED, MatchDecision.Outcome.LINKED)) > 0;
    }

    /**
     * One page of the pending items, the likeliest match first (the probability of the best candidate, as decided;
     * items decided before probabilities last), then oldest first; of one local authority, or of all when it is
     * null. Items that resemble a closed identity are never in it: they are the sealed-records team's
     * ({@link #pendingSealed}).
     */
    @SuppressWarnings("unchecked")
    public List<MatchDecision> pending(String localAuthority, int offset, int rows) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM match_decision
                        WHERE status = 'PENDING' AND NOT sealed AND (cast(?1 AS varchar) IS NULL OR local_authority = ?1)
                        ORDER BY cast(candidates -> 0 ->> 'probability' AS float8) DESC NULLS LAST, decided_at, id
                        OFFSET ?2 LIMIT ?3""", MatchDecision.class)
                .setParameter(1, localAuthority).setParameter(2, offset).setParameter(3, rows).getResultList();
    }

    /** One page of the pending items that resemble a closed identity, oldest first. */
    public List<MatchDecision> pendingSealed(int offset, int rows) {
        return find("status = ?1 and sealed = true order by decidedAt, id", MatchDecision.Status.PENDING)
                .range(offset, offset + rows - 1).list();
    }

    public Optional<MatchDecision> pendingFor(String source, String sourceRecordId) {
        return find("status = ?1 and source = ?2 and sourceRecordId = ?3", MatchDecision.Status.PENDING, source,
                sourceRecordId).firstResultOptional();
    }

    /** Children a person has said this source record is not. */
    @SuppressWarnings("unchecked")
    public Set<Long> excludedChildren(String source, String sourceRecordId) {
        List<Number> ids = getEntityManager().createNativeQuery(
                        "SELECT child_id FROM match_exclusion WHERE source = ?1 AND source_record_id = ?2")
                .setParameter(1, source).setParameter(2, sourceRecordId).getResultList();
        return Set.copyOf(ids.stream().map(Number::longValue).toList());
    }

    public void exclude(String source, String sourceRecordId, Long childId) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO match_exclusion (source, source_record_id, child_id) VALUES (?1, ?2, ?3)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, source).setParameter(2, sourceRecordId).setParameter(3, childId).executeUpdate();
    }

    /** Purge: the record as submitted is personal data too. */
    public void deleteForChild(Long childId) {
        delete("childId", childId);
    }
}
