package org.contactpoint.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.Collection;

/**
 * Serialises the matching of records that could be the same new child: a transaction-scoped advisory lock per date
 * of birth, held until commit. Two sources submitting the same new child at once would otherwise each find no
 * candidate (neither sees the other's uncommitted child) and create two; with the lock the second waits, then its
 * statements see the first's child (READ COMMITTED) and link to it. A batch (imports, the Kafka feed) takes the same
 * locks for every birthday it holds, so the single and the bulk path meet on them too.
 */
@ApplicationScoped
public class MatchLocks {

    /** The first key of the two-key advisory lock space, so these locks meet no other lock of the database. */
    private static final int BIRTHDAY_LOCKS = 18;

    private final EntityManager entityManager;

    public MatchLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void lockBirthday(LocalDate dateOfBirth) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, BIRTHDAY_LOCKS).setParameter(2, (int) dateOfBirth.toEpochDay())
                .getSingleResult();
    }

    /**
     * The locks of every date of birth, taken in ascending order in one statement: two batches (or a batch and a
     * single record, which holds one) then never wait for each other in a circle.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockBirthdays(Collection<LocalDate> datesOfBirth) {
        if (datesOfBirth.isEmpty()) {
            return;
        }
        String days = datesOfBirth.stream().map(d -> (int) d.toEpochDay()).distinct().sorted()
                .map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        entityManager.createNativeQuery("""
                        SELECT count(pg_advisory_xact_lock(?1, day))
                        FROM (SELECT day FROM unnest(cast(?2 AS int[])) AS day ORDER BY day) ordered""")
                .setParameter(1, BIRTHDAY_LOCKS).setParameter(2, days)
                .getSingleResult();
    }
}
