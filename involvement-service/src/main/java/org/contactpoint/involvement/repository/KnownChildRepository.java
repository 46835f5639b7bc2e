package org.contactpoint.involvement.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.involvement.domain.KnownChild;
import org.contactpoint.involvement.domain.KnownChildIdentifier;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class KnownChildRepository implements PanacheRepositoryBase<KnownChild, String> {

    public Optional<KnownChild> find(String contactPointId) {
        return findByIdOptional(contactPointId);
    }

    /**
     * The children a source identifier names (usually one; identity-service keeps them unique per source), from any
     * source system, or only from {@code source} when it is given.
     */
    public List<String> byIdentifier(String scheme, String value, String source) {
        if (source == null) {
            return getEntityManager().createQuery("""
                            select distinct i.key.contactPointId from KnownChildIdentifier i
                            where i.key.scheme = ?1 and i.key.value = ?2""", String.class)
                    .setParameter(1, scheme).setParameter(2, value).getResultList();
        }
        return getEntityManager().createQuery("""
                        select distinct i.key.contactPointId from KnownChildIdentifier i
                        where i.key.scheme = ?1 and i.key.value = ?2 and i.source = ?3""", String.class)
                .setParameter(1, scheme).setParameter(2, value).setParameter(3, source).getResultList();
    }

    /**
     * Children merged into {@code from} now resolve to {@code to}, which {@code from} was merged into: one hop, as
     * identity-service publishes it (it re-publishes each of them with the final survivor; this holds until then).
     */
    public int repointMerged(String from, String to) {
        flush();
        return getEntityManager().createQuery("update KnownChild c set c.mergedInto = ?2 where c.mergedInto = ?1")
                .setParameter(1, from).setParameter(2, to).executeUpdate();
    }

    public void replaceIdentifiers(String contactPointId, List<KnownChildIdentifier> identifiers) {
        getEntityManager().createQuery("delete from KnownChildIdentifier i where i.key.contactPointId = ?1")
                .setParameter(1, contactPointId).executeUpdate();
        identifiers.forEach(getEntityManager()::persist);
    }

    /**
     * Serialises every change to one child's involvements (submissions, identity events) for the rest of the
     * transaction, so a submission cannot park while the child's event is being applied, nor two leads start at once.
     */
    public void lock(String name) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, name).getSingleResult();
    }
}
