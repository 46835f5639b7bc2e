package org.contactpoint.identity.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildStatus;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.MatchDecision;
import org.contactpoint.identity.domain.Vulnerability;
import org.contactpoint.identity.domain.matching.MatchRecord;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The set-based reads and multi-row writes of batch matching, in plain JDBC on the transaction's connection: one
 * statement per step for a whole batch, rows read as projections (no entities hydrated, nothing for Hibernate to
 * track). Arrays travel as PostgreSQL arrays and are joined with {@code unnest}, so a statement's text does not grow
 * with the batch.
 */
@ApplicationScoped
public class BatchMatchRepository {

    /** The JSON the child entity's JSONB columns hold (Hibernate's own mapper, plain Jackson). */
    private static final ObjectMapper COLUMNS = new ObjectMapper().findAndRegisterModules();
    // Each candidate row carries five JSON list columns, most of them empty: readers resolved once, not per value.
    private static final ObjectReader FORMER_NAMES = COLUMNS.readerFor(new TypeReference<List<FormerName>>() { });
    private static final ObjectReader VULNERABILITIES = COLUMNS.readerFor(new TypeReference<List<Vulnerability>>() { });
    private static final ObjectReader STRINGS = COLUMNS.readerFor(new TypeReference<List<String>>() { });

    private final JdbcStatements jdbc;

    public BatchMatchRepository(DataSource dataSource) {
        this.jdbc = new JdbcStatements(dataSource, "Batch matching");
    }

    /** A record of the batch looked up by an identifier: {@code national} ignores the source. */
    public record IdentifierProbe(int record, String source, String scheme, String value, boolean national) {
    }

    /** The child an identifier probe found. */
    public record IdentifierHit(int record, String scheme, long childId) {
    }

    /** A source record waiting in the review queue. */
    public record Waiting(UUID decisionId, boolean withheld, Double score) {
    }

    /** A stored child as matching sees it, read as a projection. */
    public record ChildRow(long id, String contactPointId, long version, ChildStatus status, String givenNames,
                           String familyName, String preferredName, List<FormerName> formerNames,
                           LocalDate dateOfBirth, Gender gender, String postcode, boolean shielded,
                           String localAuthority, String mergedInto, List<Vulnerability> vulnerabilities,
                           List<String> carers, List<MatchRecord.Parent> parents) {
    }

    /** One identifier row: the same source, scheme and value is always the same child. */
    public record IdentifierRow(long childId, String scheme, String value, String source) {
    }

    /** The pending review items of these (source, source record id) pairs, keyed by {@code source + '\0' + id}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Waiting> waiting(List<String> sources, List<String> recordIds) {
        Map<String, Waiting> found = new HashMap<>();
        if (sources.isEmpty()) {
            return found;
        }
        jdbc.query("""
                SELECT d.source, d.source_record_id, d.id, d.withheld, d.score
                FROM unnest(?::varchar[], ?::varchar[]) AS p(source, record_id)
                JOIN match_decision d ON d.source = p.source AND d.source_record_id = p.record_id
                WHERE d.status = 'PENDING'""", statement -> {
            statement.setArray(1, array(statement, "varchar", sources));
            statement.setArray(2, array(statement, "varchar", recordIds));
        }, rows -> found.putIfAbsent(rows.getString(1) + '\0' + rows.getString(2),
                new Waiting(rows.getObject(3, UUID.class), rows.getBoolean(4), nullableDouble(rows, 5))));
        return found;
    }

    /** Every child an identifier of the batch already belongs to: one join for the whole batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<IdentifierHit> identified(List<IdentifierProbe> probes) {
        List<IdentifierHit> hits = new ArrayList<>();
        if (probes.isEmpty()) {
            return hits;
        }
        jdbc.query("""
                SELECT p.record, i.scheme, i.child_id
                FROM unnest(?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::boolean[])
                     AS p(record, source, scheme, value, national)
                JOIN child_source_identifier i ON i.scheme = p.scheme AND i.value = p.value
                     AND (p.national OR i.source = p.source)
                ORDER BY p.record, i.id""", statement -> {
            statement.setArray(1, array(statement, "int", probes.stream().map(IdentifierProbe::record).toList()));
            statement.setArray(2, array(statement, "varchar", probes.stream().map(IdentifierProbe::source).toList()));
            statement.setArray(3, array(statement, "varchar", probes.stream().map(IdentifierProbe::scheme).toList()));
            statement.setArray(4, array(statement, "varchar", probes.stream().map(IdentifierProbe::value).toList()));
            statement.setArray(5, array(statement, "boolean",
                    probes.stream().map(IdentifierProbe::national).toList()));
        }, rows -> hits.add(new IdentifierHit(rows.getInt(1), rows.getString(2), rows.getLong(3))));
        return hits;
    }

    /** Children a person has said these source records are not, keyed by {@code source + '\0' + id}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Set<Long>> excluded(List<String> sources, List<String> recordIds) {
        Map<String, Set<Long>> found = new HashMap<>();
        if (sources.isEmpty()) {
            return found;
        }
        jdbc.query("""
                SELECT e.source, e.source_record_id, e.child_id
                FROM unnest(?::varchar[], ?::varchar[]) AS p(source, record_id)
                JOIN match_exclusion e ON e.source = p.source AND e.source_record_id = p.record_id""", statement -> {
            statement.setArray(1, array(statement, "varchar", sources));
            statement.setArray(2, array(statement, "varchar", recordIds));
        }, rows -> found.computeIfAbsent(rows.getString(1) + '\0' + rows.getString(2), k -> new HashSet<>())
                .add(rows.getLong(3)));
        return found;
    }

    /**
     * Blocking for a whole batch in one join: each record's probe keys against the stored keys, its candidates
     * ranked by how many keys they share with it (ties by id, so the answer is repeatable), at most {@code limit}
     * each.
     *
     * @param keysByRecord each record's probe keys, by its position in the batch
     * @return each record's candidate child ids, best first
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Integer, List<Long>> candidates(Map<Integer, ? extends Collection<String>> keysByRecord, int limit) {
        Map<Integer, List<Long>> found = new HashMap<>();
        int size = keysByRecord.values().stream().mapToInt(Collection::size).sum();
        if (size == 0) {
            return found;
        }
        // A boxed record number per record, not per key (some 160 keys a record), and the keys as String[]: both
        // sent in binary. The driver's text form of a 160,000-element array, quoted and escaped element by element,
        // was a tenth of the import worker's CPU; the keys as one text split on the server (string_to_array) cost
        // PostgreSQL 0.46 ms a child more, its row count unknown to the planner (docs/benchmarks.md, "Session 19").
        Integer[] records = new Integer[size];
        String[] keys = new String[size];
        int n = 0;
        for (Map.Entry<Integer, ? extends Collection<String>> entry : keysByRecord.entrySet()) {
            Integer record = entry.getKey();
            for (String key : entry.getValue()) {
                records[n] = record;
                keys[n++] = key;
            }
        }
        jdbc.query("""
                SELECT record, child_id FROM (
                    SELECT p.record, k.child_id, row_number() OVER (PARTITION BY p.record
                                                                    ORDER BY count(*) DESC, k.child_id) AS rank
                    FROM unnest(?::int[], ?::varchar[]) AS p(record, key)
                    JOIN child_match_key k ON k.key = p.key
                    GROUP BY p.record, k.child_id) ranked
                WHERE rank <= ?
                ORDER BY record, rank""", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("int", records));
            statement.setArray(2, statement.getConnection().createArrayOf("text", keys));
            statement.setInt(3, limit);
        }, rows -> found.computeIfAbsent(rows.getInt(1), k -> new ArrayList<>()).add(rows.getLong(2)));
        return found;
    }

    private static final String CHILD_ROW = """
            SELECT id, contact_point_id, version, status, given_names, family_name, preferred_name, former_names::text,
                   date_of_birth, gender, whereabouts -> 'address' ->> 'postcode', shield_since IS NOT NULL,
                   responsible_local_authority, merged_into, vulnerabilities::text,
                   jsonb_path_query_array(parents_carers, '$[*].name')::text,
                   jsonb_path_query_array(parents_carers, '$[*] ? (@.name != null).relationship')::text,
                   jsonb_path_query_array(parents_carers, '$[*] ? (@.name != null).name')::text
            FROM child""";

    /** The children with these ids, as projections. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, ChildRow> children(Collection<Long> ids) {
        Map<Long, ChildRow> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query(CHILD_ROW + " WHERE id = ANY(?)",
                statement -> statement.setArray(1, array(statement, "bigint", new ArrayList<>(ids))),
                rows -> found.put(rows.getLong(1), childRow(rows)));
        return found;
    }

    /** The children with these ContactPoint IDs (a merged child's survivor), as projections. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, ChildRow> childrenByContactPointId(Collection<String> contactPointIds) {
        Map<String, ChildRow> found = new HashMap<>();
        if (contactPointIds.isEmpty()) {
            return found;
        }
        jdbc.query(CHILD_ROW + " WHERE contact_point_id = ANY(?)",
                statement -> statement.setArray(1, array(statement, "varchar", new ArrayList<>(contactPointIds))),
                rows -> found.put(rows.getString(2), childRow(rows)));
        return found;
    }

    /** Which of these ContactPoint IDs are already issued, or were retired by a purge. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> taken(Collection<String> contactPointIds) {
        Set<String> found = new HashSet<>();
        if (contactPointIds.isEmpty()) {
            return found;
        }
        jdbc.query("""
                SELECT contact_point_id FROM child WHERE contact_point_id = ANY(?::varchar[])
                UNION SELECT contact_point_id FROM retired_contact_point_id WHERE contact_point_id = ANY(?::varchar[])
                """, statement -> {
            Array ids = array(statement, "varchar", new ArrayList<>(contactPointIds));
            statement.setArray(1, ids);
            statement.setArray(2, ids);
        }, rows -> found.add(rows.getString(1)));
        return found;
    }

    /** Which of these identifiers are already held by some child, as {@code source + '\0' + scheme + '\0' + value}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> existingIdentifiers(List<IdentifierRow> identifiers) {
        Set<String> found = new HashSet<>();
        if (identifiers.isEmpty()) {
            return found;
        }
        jdbc.query("""
                SELECT i.source, i.scheme, i.value
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS p(source, scheme, value)
                JOIN child_source_identifier i ON i.source = p.source AND i.scheme = p.scheme AND i.value = p.value
                """, statement -> {
            statement.setArray(1, array(statement, "varchar", identifiers.stream().map(IdentifierRow::source).toList()));
            statement.setArray(2, array(statement, "varchar", identifiers.stream().map(IdentifierRow::scheme).toList()));
            statement.setArray(3, array(statement, "varchar", identifiers.stream().map(IdentifierRow::value).toList()));
        }, rows -> found.add(rows.getString(1) + '\0' + rows.getString(2) + '\0' + rows.getString(3)));
        return found;
    }

    /** {@code count} new child ids from the child table's own sequence, in one round trip. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> nextChildIds(int count) {
        List<Long> ids = new ArrayList<>();
        if (count == 0) {
            return ids;
        }
        jdbc.query("SELECT nextval(pg_get_serial_sequence('child', 'id')) FROM generate_series(1, ?)",
                statement -> statement.setInt(1, count), rows -> ids.add(rows.getLong(1)));
        return ids;
    }

    /** Inserts new children (ids already allocated) in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertChildren(List<Long> ids, List<Child> children) {
        if (children.isEmpty()) {
            return;
        }
        int n = children.size();
        // The numbers as Long[] (sent in binary, see array()), the rest as Object[] (text).
        Object[][] columns = new Object[13][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = c == 0 || c == 2 ? new Long[n] : new Object[n];
        }
        for (int i = 0; i < n; i++) {
            Child child = children.get(i);
            columns[0][i] = ids.get(i);
            columns[1][i] = child.contactPointId();
            columns[2][i] = child.version();
            columns[3][i] = child.status().name();
            columns[4][i] = child.givenNames();
            columns[5][i] = child.familyName();
            columns[6][i] = child.dateOfBirth() == null ? null : child.dateOfBirth().toString();
            columns[7][i] = child.gender() == null ? null : child.gender().name();
            columns[8][i] = json(child.whereabouts());
            columns[9][i] = json(child.parentsCarers());
            columns[10][i] = child.responsibleLocalAuthority();
            columns[11][i] = child.preferredName();
            columns[12][i] = json(child.formerNames());
        }
        String[] vulnerabilities = children.stream().map(c -> json(c.vulnerabilities())).toArray(String[]::new);
        Timestamp[] updated = children.stream().map(c -> Timestamp.from(c.updatedAt())).toArray(Timestamp[]::new);
        jdbc.update("""
                INSERT INTO child (id, contact_point_id, version, status, given_names, family_name, date_of_birth, gender,
                                   whereabouts, parents_carers, responsible_local_authority, preferred_name,
                                   former_names, vulnerabilities, created_at, updated_at)
                SELECT id, cp, version, status, given, family, dob::date, gender, whereabouts::jsonb, parents::jsonb, la,
                       preferred, former::jsonb, vulnerabilities::jsonb, updated, updated
                FROM unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[],
                            ?::varchar[], ?::varchar[], ?::text[], ?::text[], ?::varchar[], ?::varchar[], ?::text[],
                            ?::text[], ?::timestamptz[])
                     AS r(id, cp, version, status, given, family, dob, gender, whereabouts, parents, la, preferred,
                          former, vulnerabilities, updated)""", statement -> {
            String[] types = {"bigint", "varchar", "bigint", "varchar", "varchar", "varchar", "varchar", "varchar",
                    "text", "text", "varchar", "varchar", "text"};
            for (int c = 0; c < columns.length; c++) {
                statement.setArray(c + 1, statement.getConnection().createArrayOf(types[c], columns[c]));
            }
            statement.setArray(14, statement.getConnection().createArrayOf("text", vulnerabilities));
            statement.setArray(15, statement.getConnection().createArrayOf("timestamptz", updated));
        });
    }

    /** Adds identifiers in one statement; one already held (by any child) is left as it is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertIdentifiers(List<IdentifierRow> identifiers) {
        if (identifiers.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO child_source_identifier (child_id, scheme, value, source)
                SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[])
                ON CONFLICT (source, scheme, value) DO NOTHING""", statement -> {
            statement.setArray(1, array(statement, "bigint", identifiers.stream().map(IdentifierRow::childId).toList()));
            statement.setArray(2, array(statement, "varchar", identifiers.stream().map(IdentifierRow::scheme).toList()));
            statement.setArray(3, array(statement, "varchar", identifiers.stream().map(IdentifierRow::value).toList()));
            statement.setArray(4, array(statement, "varchar", identifiers.stream().map(IdentifierRow::source).toList()));
        });
    }

    /**
     * Indexes new children under their blocking keys in one statement, in key order: the name-frequency counts (V6's
     * statement trigger) then move once per name for the whole batch, locked in key order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertMatchKeys(List<Long> childIds, List<? extends Collection<String>> keys) {
        List<Long> ids = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < childIds.size(); i++) {
            for (String key : new LinkedHashSet<>(keys.get(i))) {
                ids.add(childIds.get(i));
                values.add(key);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO child_match_key (child_id, key)
                SELECT child_id, key FROM unnest(?::bigint[], ?::varchar[]) AS k(child_id, key) ORDER BY key, child_id
                """, statement -> {
            statement.setArray(1, array(statement, "bigint", ids));
            statement.setArray(2, array(statement, "varchar", values));
        });
    }

    /** Writes the batch's match decisions in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertDecisions(List<MatchDecision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO match_decision (id, source, source_record_id, outcome, status, child_id, score,
                                            local_authority, record, candidates, decided_by, decided_at, withheld,
                                            sealed)
                SELECT id, source, record_id, outcome, status, child_id, score, la, record::jsonb, candidates::jsonb,
                       decided_by, decided_at, withheld, sealed
                FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[],
                            ?::float8[], ?::varchar[], ?::text[], ?::text[], ?::varchar[], ?::timestamptz[],
                            ?::boolean[], ?::boolean[])
                     AS d(id, source, record_id, outcome, status, child_id, score, la, record, candidates, decided_by,
                          decided_at, withheld, sealed)""", statement -> {
            Connection connection = statement.getConnection();
            // Numbers and flags as typed arrays, which the driver sends in binary (see array()).
            statement.setArray(1, connection.createArrayOf("uuid", decisions.stream().map(MatchDecision::id).toArray()));
            statement.setArray(2, connection.createArrayOf("varchar",
                    decisions.stream().map(MatchDecision::source).toArray()));
            statement.setArray(3, connection.createArrayOf("varchar",
                    decisions.stream().map(MatchDecision::sourceRecordId).toArray()));
            statement.setArray(4, connection.createArrayOf("varchar",
                    decisions.stream().map(d -> d.outcome().name()).toArray()));
            statement.setArray(5, connection.createArrayOf("varchar",
                    decisions.stream().map(d -> d.status().name()).toArray()));
            statement.setArray(6, connection.createArrayOf("bigint",
                    decisions.stream().map(MatchDecision::childId).toArray(Long[]::new)));
            statement.setArray(7, connection.createArrayOf("float8",
                    decisions.stream().map(MatchDecision::score).toArray(Double[]::new)));
            statement.setArray(8, connection.createArrayOf("varchar",
                    decisions.stream().map(MatchDecision::localAuthority).toArray()));
            statement.setArray(9, connection.createArrayOf("text",
                    decisions.stream().map(MatchDecision::record).toArray()));
            statement.setArray(10, connection.createArrayOf("text",
                    decisions.stream().map(MatchDecision::candidates).toArray()));
            statement.setArray(11, connection.createArrayOf("varchar",
                    decisions.stream().map(MatchDecision::decidedBy).toArray()));
            statement.setArray(12, connection.createArrayOf("timestamptz",
                    decisions.stream().map(d -> Timestamp.from(d.decidedAt())).toArray()));
            statement.setArray(13, connection.createArrayOf("boolean",
                    decisions.stream().map(MatchDecision::withheld).toArray(Boolean[]::new)));
            statement.setArray(14, connection.createArrayOf("boolean",
                    decisions.stream().map(MatchDecision::sealed).toArray(Boolean[]::new)));
        });
    }

    private static ChildRow childRow(ResultSet rows) throws SQLException {
        String gender = rows.getString(10);
        Date dob = rows.getDate(9);
        return new ChildRow(rows.getLong(1), rows.getString(2), rows.getLong(3),
                ChildStatus.valueOf(rows.getString(4)), rows.getString(5), rows.getString(6), rows.getString(7),
                read(rows.getString(8), FORMER_NAMES),
                dob == null ? null : dob.toLocalDate(), gender == null ? null : Gender.valueOf(gender),
                rows.getString(11), rows.getBoolean(12), rows.getString(13), rows.getString(14),
                read(rows.getString(15), VULNERABILITIES),
                read(rows.getString(16), STRINGS),
                parents(read(rows.getString(17), STRINGS), read(rows.getString(18), STRINGS)));
    }

    /**
     * The carers in the roles they are recorded in, from the relationships and names of the carers that have a name
     * (two arrays of one length: a carer without a relationship gives no element, so they are read in pairs only when
     * every named carer has one, as feeds give them; otherwise no roles are compared).
     */
    private static List<MatchRecord.Parent> parents(List<String> relationships, List<String> names) {
        if (relationships.size() != names.size()) {
            return List.of();
        }
        List<MatchRecord.Parent> parents = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            parents.add(new MatchRecord.Parent(MatchRecord.Role.of(relationships.get(i)), names.get(i)));
        }
        return parents;
    }

    /** The NHS numbers of these children (those that have one), by child id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, String> nhsNumbers(Collection<Long> childIds) {
        Map<Long, String> found = new HashMap<>();
        if (childIds.isEmpty()) {
            return found;
        }
        jdbc.query("""
                SELECT child_id, value FROM child_source_identifier
                WHERE child_id = ANY(?) AND scheme = 'NHS_NUMBER'
                ORDER BY child_id, id""",
                statement -> statement.setArray(1, array(statement, "bigint", new ArrayList<>(childIds))),
                rows -> found.putIfAbsent(rows.getLong(1), rows.getString(2)));
        return found;
    }

    /** The sources that know these children by a record id of their own, by child id (session 19, the twins' rule). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, java.util.Set<String>> sourcesKnowing(Collection<Long> childIds) {
        Map<Long, java.util.Set<String>> found = new HashMap<>();
        if (childIds.isEmpty()) {
            return found;
        }
        jdbc.query("""
                SELECT DISTINCT child_id, source FROM child_source_identifier
                WHERE child_id = ANY(?) AND scheme = 'SOURCE_ID'""",
                statement -> statement.setArray(1, array(statement, "bigint", new ArrayList<>(childIds))),
                rows -> found.computeIfAbsent(rows.getLong(1), id -> new java.util.HashSet<>())
                        .add(rows.getString(2)));
        return found;
    }

    private static <T> List<T> read(String json, ObjectReader list) {
        // PostgreSQL gives an empty jsonb array back as "[]": the common case, answered without a parser.
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try {
            return list.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored child column is not the JSON expected", e);
        }
    }

    private static String json(Object value) {
        try {
            return COLUMNS.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a child column as JSON", e);
        }
    }

    private static Double nullableDouble(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static Array array(PreparedStatement statement, String type, List<?> values) throws SQLException {
        // Integer[] and Long[] go to the server in binary; an Object[] is written out as text and parsed again there.
        // The blocking join sends a record number beside each of a batch's ~160,000 probe keys (12 ms and 11.5 MB of
        // garbage a batch as text, 2.5 ms and 1.9 MB in binary: docs/benchmarks.md, "Session 15"). Strings stay text:
        // the driver's binary form of a String[] costs the client more than the text.
        Object[] elements = switch (type) {
            case "int" -> values.toArray(new Integer[0]);
            case "bigint" -> values.toArray(new Long[0]);
            default -> values.toArray();
        };
        return statement.getConnection().createArrayOf(type, elements);
    }
}
