package org.contactpoint.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;

/**
 * Serialises the matching of records that could be the same new child: a transaction-scoped advisory lock per date
 * of birth, held until commit. Two sources submitting the same new child at once would otherwise each find no
 * candidate (neither sees the other's uncommitted child) and create two; with the lock the second waits, then its
 * statements see the first's child (READ COMMITTED) and link to it.
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
}
