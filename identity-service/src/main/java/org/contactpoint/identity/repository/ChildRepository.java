package org.contactpoint.identity.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildStatus;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ChildRepository implements PanacheRepository<Child> {

    public Optional<Child> findByContactPointId(String contactPointId) {
        return find("contactPointId", contactPointId).firstResultOptional();
    }

    /**
     * A child by ID, its row locked until the transaction ends: a change made from a version the caller read
     * (If-Match) compares and writes with no other change in between.
     */
    public Optional<Child> findByContactPointIdForUpdate(String contactPointId) {
        return find("contactPointId", contactPointId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public boolean existsByContactPointId(String contactPointId) {
        return count("contactPointId", contactPointId) > 0
                || getEntityManager().createNativeQuery(
                        "SELECT 1 FROM retired_contact_point_id WHERE contact_point_id = ?1")
                .setParameter(1, contactPointId).getResultList().size() > 0;
    }

    public List<Child> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    /** Children with this status born on or before {@code bornBy}: the retention job narrows these down. */
    public List<Child> bornBy(ChildStatus status, LocalDate bornBy) {
        return list("status = ?1 and dateOfBirth <= ?2", status, bornBy);
    }

    public List<Child> diedBy(LocalDate diedBy) {
        return list("status = ?1 and dateOfDeath <= ?2", ChildStatus.DECEASED, diedBy);
    }

    public List<Child> archivedBy(LocalDate archivedBy) {
        return list("status = ?1 and archivedOn <= ?2", ChildStatus.ARCHIVED, archivedBy);
    }

    /** The children merged into this one (each names its final survivor, so this is every one of them). */
    /** New identities whose hold is over, oldest first, locked so that two replicas never publish one twice. */
    public List<Child> heldUntil(java.time.Instant now) {
        return find("releaseAt <= ?1 order by releaseAt", now)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Closed identities missing from the blocking index (closed before they were kept in it), a few at a time,
     * locked so that replicas share the work.
     */
    @SuppressWarnings("unchecked")
    public List<Child> closedWithoutMatchKeys(int limit) {
        List<Number> ids = getEntityManager().createNativeQuery("""
                        SELECT c.id FROM child c
                         WHERE c.status = 'CLOSED'
                           AND NOT EXISTS (SELECT 1 FROM child_match_key k WHERE k.child_id = c.id)
                         ORDER BY c.id LIMIT ?1 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, limit).getResultList();
        return ids.isEmpty() ? List.of() : byIds(ids.stream().map(Number::longValue).toList());
    }

    public List<Child> mergedInto(String contactPointId) {
        return list("mergedInto", contactPointId);
    }

    /** Forgets a purged child's ID for good: it is never issued again. */
    public void retire(String contactPointId, java.time.Instant now) {
        getEntityManager().createNativeQuery(
                        "INSERT INTO retired_contact_point_id (contact_point_id, purged_at) VALUES (?1, ?2)")
                .setParameter(1, contactPointId).setParameter(2, now).executeUpdate();
    }
}
