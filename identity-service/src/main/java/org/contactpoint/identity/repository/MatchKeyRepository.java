package org.contactpoint.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.contactpoint.identity.domain.matching.TermFrequencies;

import javax.sql.DataSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/** The blocking index (child_match_key): candidate retrieval by index lookups, name frequencies from their counts. */
@ApplicationScoped
public class MatchKeyRepository {

    /**
     * A large register's size moves slowly against itself; counting it for every record would cost more than the
     * matching. A small one can double in minutes (a first bulk load), and a stale small count makes every name look
     * common (a name held by 200 of 28,000 children scored as if by 200 of 1,000): recount it every second.
     */
    private static final long LARGE_REGISTER_TTL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
    private static final long SMALL_REGISTER_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private static final long LARGE_REGISTER = 1_000_000;

    private final EntityManager entityManager;
    private final JdbcStatements jdbc;
    private volatile long childrenCount = -1;
    private volatile long childrenCountedAt;
    private volatile TermFrequencies.NamesHeld namesHeld = TermFrequencies.NamesHeld.NONE;

    public MatchKeyRepository(EntityManager entityManager, DataSource dataSource) {
        this.entityManager = entityManager;
        this.jdbc = new JdbcStatements(dataSource, "Name frequencies");
    }

    /**
     * Replaces a child's keys; an empty set takes the child out of matching (merged, closed). Only the keys that
     * changed are written, in one statement each way and in key order: a republished child usually keeps its keys, and
     * the name-frequency counts the trigger keeps (V3) are then locked in the same order by every transaction.
     */
    @SuppressWarnings("unchecked")
    public void index(Long childId, Set<String> keys) {
        entityManager.flush();
        Set<String> current = new TreeSet<>(entityManager.createNativeQuery(
                        "SELECT key FROM child_match_key WHERE child_id = ?1")
                .setParameter(1, childId).getResultList());
        Set<String> removed = new TreeSet<>(current);
        removed.removeAll(keys);
        Set<String> added = new TreeSet<>(keys);
        added.removeAll(current);
        if (!removed.isEmpty()) {
            entityManager.createNativeQuery("DELETE FROM child_match_key WHERE child_id = ?1 AND key IN (?2)")
                    .setParameter(1, childId).setParameter(2, removed).executeUpdate();
        }
        if (!added.isEmpty()) {
            StringJoiner rows = new StringJoiner(", ", "INSERT INTO child_match_key (child_id, key) VALUES ", "");
            for (int i = 0; i < added.size(); i++) {
                rows.add("(?1, ?" + (i + 2) + ")");
            }
            Query insert = entityManager.createNativeQuery(rows.toString()).setParameter(1, childId);
            int position = 2;
            for (String key : added) {
                insert.setParameter(position++, key);
            }
            insert.executeUpdate();
        }
    }

    /**
     * As {@link #index} for many children at once (a batch's linked children): their keys read in one query, and what
     * changed written in one statement each way, in key order. One by one, each child's read flushed the whole
     * persistence context first.
     */
    public void indexAll(Map<Long, Set<String>> keysByChild) {
        if (keysByChild.isEmpty()) {
            return;
        }
        entityManager.flush();
        Map<Long, Set<String>> current = new HashMap<>();
        jdbc.query("SELECT child_id, key FROM child_match_key WHERE child_id = ANY(?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("bigint",
                        keysByChild.keySet().toArray(new Long[0]))),
                rows -> current.computeIfAbsent(rows.getLong(1), id -> new HashSet<>()).add(rows.getString(2)));
        List<Long> removedFrom = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Long> addedTo = new ArrayList<>();
        List<String> added = new ArrayList<>();
        keysByChild.forEach((childId, keys) -> {
            Set<String> held = current.getOrDefault(childId, Set.of());
            for (String key : new TreeSet<>(held)) {
                if (!keys.contains(key)) {
                    removedFrom.add(childId);
                    removed.add(key);
                }
            }
            for (String key : new TreeSet<>(keys)) {
                if (!held.contains(key)) {
                    addedTo.add(childId);
                    added.add(key);
                }
            }
        });
        if (!removed.isEmpty()) {
            jdbc.update("""
                    DELETE FROM child_match_key k USING unnest(?::bigint[], ?::varchar[]) AS r(child_id, key)
                    WHERE k.child_id = r.child_id AND k.key = r.key""", statement -> {
                statement.setArray(1, statement.getConnection().createArrayOf("bigint", removedFrom.toArray(new Long[0])));
                statement.setArray(2, statement.getConnection().createArrayOf("varchar", removed.toArray()));
            });
        }
        if (!added.isEmpty()) {
            jdbc.update("""
                    INSERT INTO child_match_key (child_id, key)
                    SELECT child_id, key FROM unnest(?::bigint[], ?::varchar[]) AS k(child_id, key)
                    ORDER BY key, child_id""", statement -> {
                statement.setArray(1, statement.getConnection().createArrayOf("bigint", addedTo.toArray(new Long[0])));
                statement.setArray(2, statement.getConnection().createArrayOf("varchar", added.toArray()));
            });
        }
    }

    /**
     * Children indexed under any of the keys, at most {@code limit}, those sharing the most keys with the record first
     * (ties by id, so the answer is repeatable), as the batch path ranks them.
     */
    @SuppressWarnings("unchecked")
    public List<Long> candidates(Collection<String> keys, int limit) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Number> ids = entityManager.createNativeQuery("""
                        SELECT child_id FROM child_match_key WHERE key IN (?1)
                        GROUP BY child_id ORDER BY count(*) DESC, child_id LIMIT ?2""")
                .setParameter(1, keys).setParameter(2, limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /**
     * Every matchable child has exactly one {@code fx:} key, so the family-name counts add up to the register. The
     * same reads count the family and given names held by one, two and three children ({@link #namesHeld}), so both
     * describe one register.
     */
    private long matchableChildren() {
        long now = System.nanoTime();
        long ttl = childrenCount >= LARGE_REGISTER ? LARGE_REGISTER_TTL_NANOS : SMALL_REGISTER_TTL_NANOS;
        if (childrenCount < 0 || now - childrenCountedAt > ttl) {
            Object[] family = namesOfKind("fx:", "fx;");
            Object[] given = namesOfKind("gx:", "gx;");
            Map<String, Long> held = new HashMap<>();
            for (int children = 1; children <= 3; children++) {
                held.put(TermFrequencies.NamesHeld.key("fx:", children), ((Number) family[children]).longValue());
                held.put(TermFrequencies.NamesHeld.key("gx:", children), ((Number) given[children]).longValue());
            }
            namesHeld = new TermFrequencies.NamesHeld(held);
            childrenCount = ((Number) family[0]).longValue();
            childrenCountedAt = now;
        }
        return childrenCount;
    }

    /** The children counted under the keys of one kind, and how many of its names one, two, three children hold. */
    private Object[] namesOfKind(String from, String before) {
        return (Object[]) entityManager.createNativeQuery("""
                        SELECT coalesce(sum(children), 0), count(*) FILTER (WHERE children = 1),
                               count(*) FILTER (WHERE children = 2), count(*) FILTER (WHERE children = 3)
                        FROM match_key_frequency WHERE key >= ?1 AND key < ?2""")
                .setParameter(1, from).setParameter(2, before).getSingleResult();
    }

    /**
     * How many given and family names the register holds once, twice and three times (Turing's estimate of a rare
     * name's share, {@link TermFrequencies}), counted with the register's size.
     */
    public TermFrequencies.NamesHeld namesHeld() {
        matchableChildren();
        return namesHeld;
    }

    /**
     * How many matchable children carry each of these frequency keys (absent: none), for a batch's own tally. The keys
     * travel as one array: a batch asks for some five thousand, which as an {@code IN} list were as many parameters,
     * a statement text of that length for the driver to write and PostgreSQL to parse and plan, every batch.
     */
    public Map<String, Long> frequencyCounts(Collection<String> keys) {
        Map<String, Long> counts = new HashMap<>();
        if (!keys.isEmpty()) {
            jdbc.query("SELECT key, children FROM match_key_frequency WHERE key = ANY(?::varchar[]) AND children > 0",
                    statement -> statement.setArray(1, statement.getConnection().createArrayOf("varchar",
                            keys.toArray())),
                    rows -> counts.put(rows.getString(1), rows.getLong(2)));
        }
        return counts;
    }

    /** How many matchable children there are (recounted as {@link #frequencies} does). */
    public long registerSize() {
        return matchableChildren();
    }

    /**
     * How many matchable children carry each of these frequency keys, and how many matchable children there are:
     * read from the counts V3's trigger keeps, the same numbers a {@code count(*)} over the index would give.
     */
    @SuppressWarnings("unchecked")
    public TermFrequencies frequencies(Collection<String> keys) {
        Map<String, Long> counts = new HashMap<>();
        if (!keys.isEmpty()) {
            List<Object[]> rows = entityManager.createNativeQuery(
                            "SELECT key, children FROM match_key_frequency WHERE key IN (?1) AND children > 0")
                    .setParameter(1, keys).getResultList();
            for (Object[] row : rows) {
                counts.put((String) row[0], ((Number) row[1]).longValue());
            }
        }
        long children = matchableChildren();
        return new TermFrequencies(counts, children, namesHeld);
    }
}
