package org.contactpoint.involvement.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.InvolvementStatus;
import org.contactpoint.involvement.domain.SubmissionKey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InvolvementRepository implements PanacheRepositoryBase<Involvement, UUID> {

    public Optional<Involvement> findBySubmission(String sourceAgency, String submissionId) {
        return find("sourceAgency = ?1 and submissionId = ?2", sourceAgency, submissionId).firstResultOptional();
    }

    /** Every involvement the child has now, oldest first. */
    public List<Involvement> forChild(String contactPointId) {
        return list("contactPointId = ?1 order by startDate, id", contactPointId);
    }

    public List<Involvement> activeForChild(String contactPointId) {
        return list("contactPointId = ?1 and status = ?2 order by startDate, id", contactPointId,
                InvolvementStatus.ACTIVE);
    }

    /**
     * Takes up to {@code limit} involvements off the queue to publish again ({@code involvement_republish}), locked
     * for the rest of the transaction; another replica taking at the same time gets others. A queued id whose
     * involvement is gone since is dropped.
     */
    @SuppressWarnings("unchecked")
    public List<Involvement> takeForRepublishing(int limit) {
        List<UUID> ids = getEntityManager().createNativeQuery("""
                        DELETE FROM involvement_republish WHERE involvement_id IN (
                            SELECT involvement_id FROM involvement_republish ORDER BY involvement_id LIMIT ?1
                            FOR UPDATE SKIP LOCKED)
                        RETURNING involvement_id""", UUID.class)
                .setParameter(1, limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Optional<Involvement> activeLead(String contactPointId) {
        return find("contactPointId = ?1 and status = ?2 and leadProfessional = true", contactPointId,
                InvolvementStatus.ACTIVE).firstResultOptional();
    }

    /**
     * Moves every involvement the child {@code from} has to the child {@code to} in one statement, each one version
     * on; returns them as they are now, oldest first, for their events.
     */
    public List<Involvement> moveAll(String from, String to, Instant now) {
        List<Involvement> moving = forChild(from);
        if (moving.isEmpty()) {
            return moving;
        }
        flush();
        // The update bypasses the persistence context: let go of the old state so the read below sees the new one.
        moving.forEach(getEntityManager()::detach);
        getEntityManager().createQuery("""
                        update Involvement i set i.contactPointId = ?2, i.version = i.version + 1, i.updatedAt = ?3
                        where i.contactPointId = ?1""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, now).executeUpdate();
        return list("id in ?1 order by startDate, id", moving.stream().map(Involvement::id).toList());
    }

    /**
     * The unmerge's query: the involvements submitted for a child that live with another. The condition
     * {@code submitted_for <> contact_point_id} repeats the rest in the words of the partial index
     * {@code involvement_rehomed} (V36), which holds only such involvements, so the planner can prove the index
     * applies (without it, a full scan of every involvement: {@code StatementPlanningTest}).
     */
    public static final String SUBMITTED_FOR_BUT_ELSEWHERE = """
            SELECT * FROM involvement
            WHERE submitted_for = ?1 AND contact_point_id <> ?1 AND submitted_for <> contact_point_id
            ORDER BY start_date, id""";

    /** Involvements submitted for this child that a merge moved to another child. */
    @SuppressWarnings("unchecked")
    public List<Involvement> submittedForButElsewhere(String submittedFor) {
        return getEntityManager().createNativeQuery(SUBMITTED_FOR_BUT_ELSEWHERE, Involvement.class)
                .setParameter(1, submittedFor).getResultList();
    }

    /**
     * One page of the involvements a practitioner may list: active ones, and ended ones whose end date is on or after
     * {@code endedSince} (the "has worked with" period). Optionally for one organisation and/or one child.
     */
    public List<Involvement> listable(String organisationCode, String contactPointId, LocalDate endedSince,
                                      int offset, int rows) {
        StringBuilder where = new StringBuilder("(status = :active or (endDate is not null and endDate >= :since))");
        Parameters parameters = Parameters.with("active", InvolvementStatus.ACTIVE).and("since", endedSince);
        if (organisationCode != null) {
            where.append(" and organisationCode = :organisation");
            parameters.and("organisation", organisationCode);
        }
        if (contactPointId != null) {
            where.append(" and contactPointId = :child");
            parameters.and("child", contactPointId);
        }
        return find(where + " order by contactPointId, startDate, id", parameters)
                .range(offset, offset + rows - 1).list();
    }

    /** Ceased involvements whose "has worked with" period is over. */
    public List<Involvement> ceasedBefore(LocalDate endDate) {
        return list("status = ?1 and endDate < ?2", InvolvementStatus.CEASED, endDate);
    }

    /** Why this submission's involvement was removed for good, if it was: a replay of it must not re-create it. */
    public Optional<SubmissionKey.Tombstone> tombstoneOf(SubmissionKey key) {
        List<?> reasons = getEntityManager()
                .createNativeQuery("SELECT reason FROM submission_tombstone WHERE key_digest = ?1")
                .setParameter(1, key.digest()).getResultList();
        return reasons.stream().findFirst().map(r -> SubmissionKey.Tombstone.valueOf((String) r));
    }

    /** Keeps these submissions' keys (their digests only) as removed for good, in one statement. */
    public void tombstone(Collection<SubmissionKey> keys, SubmissionKey.Tombstone reason, Instant at) {
        if (keys.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO submission_tombstone (key_digest, reason, tombstoned_at)"
                + " VALUES ");
        int parameter = 3;
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(parameter++).append(", ?1, ?2)");
        }
        sql.append(" ON CONFLICT (key_digest) DO NOTHING");
        var insert = getEntityManager().createNativeQuery(sql.toString()).setParameter(1, reason.name())
                .setParameter(2, at);
        parameter = 3;
        for (SubmissionKey key : keys) {
            insert.setParameter(parameter++, key.digest());
        }
        insert.executeUpdate();
    }

    /**
     * An involvement to change, managed by this transaction's persistence context: a batch reads the children's active
     * involvements past Hibernate ({@code SubmissionBatchRepository.activeForChildren}), detached, and changes the lead
     * it stands down through this one.
     */
    public Involvement forChange(UUID id) {
        return findById(id);
    }
}
