package org.contactpoint.involvement.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.domain.Basis;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.InvolvementStatus;
import org.contactpoint.involvement.domain.ParkedSubmission;
import org.contactpoint.involvement.domain.ServiceType;
import org.contactpoint.involvement.domain.SubmissionKey;
import org.contactpoint.support.messaging.InboxGuard;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The set-based statements of a batch of submissions (REST batch, a poll of the agency topic, an import batch): the
 * batch's locks in one statement, its existing submissions, tombstones, children and the children's active
 * involvements read in one query each, its involvements, parked submissions and inbox rows written in one statement
 * each. Plain JDBC on the transaction's connection, each list bound as one array ({@code = ANY (?)} or unnested): one
 * statement text whatever the batch's size, where Hibernate translated an {@code IN} list's query again for each size
 * (38 % of the import worker's CPU: docs/benchmarks.md, "Session 19"). The rows read come back as detached entities.
 */
@ApplicationScoped
public class SubmissionBatchRepository {

    /** How a submission names its child: by ContactPoint ID, or by a source identifier (scheme, value, source?). */
    public record ChildReference(String contactPointId, String scheme, String value, String source) {
    }

    /**
     * A child a reference names, as this service knows it: {@code status} null when it is not known at all; the child
     * it was merged into and that child's status (null when not known).
     */
    public record NamedChild(int reference, String contactPointId, String status, String mergedInto,
                             String survivorStatus, boolean shielded, boolean survivorShielded) {
    }

    private static final String LOCK_ALL = """
            SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest(?::text[]) AS k""";

    private static final String RESOLVE = """
            WITH wanted AS (
                SELECT * FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[])
                    AS w(ref, contact_point_id, scheme, value, source)),
            named AS (
                SELECT w.ref, w.contact_point_id FROM wanted w WHERE w.contact_point_id IS NOT NULL
                UNION
                SELECT w.ref, i.contact_point_id FROM wanted w JOIN known_child_identifier i
                    ON w.contact_point_id IS NULL AND i.scheme = w.scheme AND i.value = w.value
                   AND (w.source IS NULL OR i.source = w.source))
            SELECT n.ref, n.contact_point_id, c.status, c.merged_into, s.status,
                   c.shielded_since IS NOT NULL, s.shielded_since IS NOT NULL
            FROM named n
            LEFT JOIN known_child c ON c.contact_point_id = n.contact_point_id
            LEFT JOIN known_child s ON s.contact_point_id = c.merged_into
            ORDER BY n.ref, n.contact_point_id""";

    private static final String INSERT_INVOLVEMENTS = """
            INSERT INTO involvement (id, source_agency, submission_id, contact_point_id, submitted_for, version, status,
                service_type, sensitive, organisation_name, organisation_code, practitioner_name, practitioner_role,
                contact_phone, contact_email, start_date, end_date, lead_professional, caf_held, basis, updated_at)
            SELECT id, source_agency, submission_id, contact_point_id, submitted_for, version, status, service_type,
                sensitive, organisation_name, organisation_code, practitioner_name, practitioner_role, contact_phone,
                contact_email, start_date, end_date, lead_professional, caf_held, basis::jsonb, updated_at
            FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[],
                ?::varchar[], ?::boolean[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::date[], ?::date[], ?::boolean[], ?::boolean[], ?::text[], ?::timestamptz[])
                AS i(id, source_agency, submission_id, contact_point_id, submitted_for, version, status, service_type,
                     sensitive, organisation_name, organisation_code, practitioner_name, practitioner_role,
                     contact_phone, contact_email, start_date, end_date, lead_professional, caf_held, basis,
                     updated_at)""";

    private static final String INSERT_PARKED = """
            INSERT INTO parked_submission (involvement_id, source_agency, submission_id, contact_point_id,
                identifier_scheme, identifier_value, identifier_source, submission, submitted_by, received_at)
            SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::text[], ?::text[], ?::timestamptz[])""";

    private static final String INVOLVEMENT_COLUMNS = """
            i.id, i.source_agency, i.submission_id, i.submitted_for, i.contact_point_id, i.version, i.status,
            i.sensitive, i.service_type, i.organisation_name, i.organisation_code, i.practitioner_name,
            i.practitioner_role, i.contact_phone, i.contact_email, i.start_date, i.end_date, i.lead_professional,
            i.caf_held, i.basis::text, i.updated_at""";

    private static final String INVOLVEMENTS_BY_SUBMISSION = "SELECT " + INVOLVEMENT_COLUMNS + """

            FROM unnest(?::varchar[], ?::varchar[]) AS k(agency, submission_id)
            JOIN involvement i ON i.source_agency = k.agency AND i.submission_id = k.submission_id""";

    private static final String PARKED_BY_SUBMISSION = """
            SELECT p.involvement_id, p.source_agency, p.submission_id, p.contact_point_id, p.identifier_scheme,
                   p.identifier_value, p.identifier_source, p.submission, p.submitted_by, p.received_at
            FROM unnest(?::varchar[], ?::varchar[]) AS k(agency, submission_id)
            JOIN parked_submission p ON p.source_agency = k.agency AND p.submission_id = k.submission_id""";

    private static final String ACTIVE_FOR_CHILDREN = "SELECT " + INVOLVEMENT_COLUMNS + """

            FROM involvement i WHERE i.contact_point_id = ANY (?::varchar[]) AND i.status = 'ACTIVE'
            ORDER BY i.start_date, i.id""";

    private static final String TOMBSTONES = """
            SELECT key_digest, reason FROM submission_tombstone WHERE key_digest = ANY (?::bytea[])""";

    private static final String FORGET_DELIVERIES = """
            DELETE FROM inbox_message WHERE consumer = ? AND message_id = ANY(?::varchar[])""";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final InboxGuard inbox;

    public SubmissionBatchRepository(DataSource dataSource, ObjectMapper json, InboxGuard inbox) {
        this.dataSource = dataSource;
        this.json = json;
        this.inbox = inbox;
    }

    /**
     * Takes these advisory locks for the rest of the transaction, in the order given (the caller sorts them, so two
     * batches never wait on each other in a circle), in one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAll(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement(LOCK_ALL)) {
            lock.setArray(1, connection.createArrayOf("text", names.toArray()));
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock the batch's submissions and children", e);
        }
    }

    /**
     * Every child each reference names (by its index in the list), with what is known of it and of the child it was
     * merged into, in one query. A reference by ContactPoint ID always names its child (status null if unknown); a
     * reference by source identifier names the children that hold it (none, one, or more).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<NamedChild> resolve(List<ChildReference> references) {
        if (references.isEmpty()) {
            return List.of();
        }
        int size = references.size();
        Integer[] refs = new Integer[size];
        String[] ids = new String[size];
        String[] schemes = new String[size];
        String[] values = new String[size];
        String[] sources = new String[size];
        for (int i = 0; i < size; i++) {
            ChildReference reference = references.get(i);
            refs[i] = i;
            ids[i] = reference.contactPointId();
            schemes[i] = reference.scheme();
            values[i] = reference.value();
            sources[i] = reference.source();
        }
        List<NamedChild> named = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(RESOLVE)) {
            query.setArray(1, connection.createArrayOf("int4", refs));
            query.setArray(2, connection.createArrayOf("text", ids));
            query.setArray(3, connection.createArrayOf("text", schemes));
            query.setArray(4, connection.createArrayOf("text", values));
            query.setArray(5, connection.createArrayOf("text", sources));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    named.add(new NamedChild(rows.getInt(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getBoolean(6), rows.getBoolean(7)));
                }
            }
            return named;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not resolve the batch's children", e);
        }
    }

    /**
     * The involvements these submissions made, matched exactly by {@code (agency, submissionId)}, in one query; a
     * first load finds none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Involvement> involvementsBySubmission(Collection<SubmissionKey> keys) {
        List<Involvement> found = new ArrayList<>();
        if (!keys.isEmpty()) {
            query(INVOLVEMENTS_BY_SUBMISSION, (connection, statement) -> bindKeys(connection, statement, keys),
                    rows -> found.add(involvement(rows)), "Could not read the batch's earlier submissions");
        }
        return found;
    }

    /** The parked submissions among these {@code (agency, submissionId)} keys, in one query. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ParkedSubmission> parkedBySubmission(Collection<SubmissionKey> keys) {
        List<ParkedSubmission> found = new ArrayList<>();
        if (!keys.isEmpty()) {
            query(PARKED_BY_SUBMISSION, (connection, statement) -> bindKeys(connection, statement, keys),
                    rows -> found.add(new ParkedSubmission(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                            rows.getString(7), rows.getString(8), rows.getString(9),
                            rows.getObject(10, OffsetDateTime.class).toInstant())),
                    "Could not read the batch's parked submissions");
        }
        return found;
    }

    /**
     * The active involvements of these children, oldest first (then by id), in one query: what a batch decides the
     * lead and the notifications from. Detached: the lead a batch stands down is changed through Hibernate
     * ({@code InvolvementRepository.forChange}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Involvement> activeForChildren(Collection<String> contactPointIds) {
        List<Involvement> found = new ArrayList<>();
        if (!contactPointIds.isEmpty()) {
            query(ACTIVE_FOR_CHILDREN, (connection, statement) -> statement.setArray(1,
                            connection.createArrayOf("varchar", contactPointIds.toArray())),
                    rows -> found.add(involvement(rows)), "Could not read the children's active involvements");
        }
        return found;
    }

    /**
     * Which of these submissions were removed for good (consent withdrawn, child purged), in one query: the tombstone
     * of each key that has one. The digests travel as one bytea array, sent binary by the driver.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<SubmissionKey, SubmissionKey.Tombstone> tombstonesOf(Collection<SubmissionKey> keys) {
        Map<SubmissionKey, SubmissionKey.Tombstone> removed = new HashMap<>();
        if (keys.isEmpty()) {
            return removed;
        }
        Map<String, SubmissionKey> byDigest = new HashMap<>();
        byte[][] digests = new byte[keys.size()][];
        int n = 0;
        for (SubmissionKey key : keys) {
            digests[n] = key.digest();
            byDigest.put(HexFormat.of().formatHex(digests[n++]), key);
        }
        query(TOMBSTONES, (connection, statement) -> statement.setArray(1, connection.createArrayOf("bytea", digests)),
                rows -> {
                    SubmissionKey key = byDigest.get(HexFormat.of().formatHex(rows.getBytes(1)));
                    if (key != null) {
                        removed.put(key, SubmissionKey.Tombstone.valueOf(rows.getString(2)));
                    }
                }, "Could not read the batch's tombstoned submissions");
        return removed;
    }

    /** Stores new involvements in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertInvolvements(List<Involvement> involvements) {
        if (involvements.isEmpty()) {
            return;
        }
        int size = involvements.size();
        Object[][] columns = new Object[21][size];
        for (int n = 0; n < size; n++) {
            Involvement i = involvements.get(n);
            Object[] row = {i.id().toString(), i.sourceAgency(), i.submissionId(), i.contactPointId(), i.submittedFor(),
                    i.version(), i.status().name(), i.serviceType().name(), i.sensitive(), i.organisationName(),
                    i.organisationCode(), i.practitionerName(), i.practitionerRole(), i.contactPhone(),
                    i.contactEmail(), i.startDate().toString(),
                    i.endDate() == null ? null : i.endDate().toString(),
                    i.leadProfessional(), i.cafHeld(), basis(i), i.updatedAt().toString()};
            for (int c = 0; c < row.length; c++) {
                columns[c][n] = row[c];
            }
        }
        String[] types = {"text", "varchar", "varchar", "varchar", "varchar", "int8", "varchar", "varchar", "bool",
                "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "text", "text", "bool", "bool",
                "text", "text"};
        execute(INSERT_INVOLVEMENTS, types, columns, "Could not store the batch's involvements");
    }

    /** Stores parked submissions in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertParked(List<ParkedSubmission> parked) {
        if (parked.isEmpty()) {
            return;
        }
        int size = parked.size();
        Object[][] columns = new Object[10][size];
        for (int n = 0; n < size; n++) {
            ParkedSubmission p = parked.get(n);
            Object[] row = {p.involvementId().toString(), p.sourceAgency(), p.submissionId(), p.contactPointId(),
                    p.identifierScheme(), p.identifierValue(), p.identifierSource(), p.submission(), p.submittedBy(),
                    p.receivedAt().toString()};
            for (int c = 0; c < row.length; c++) {
                columns[c][n] = row[c];
            }
        }
        String[] types = {"text", "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "text", "text",
                "text"};
        execute(INSERT_PARKED, types, columns, "Could not park the batch's submissions");
    }

    /**
     * Records these message ids in the inbox of {@code consumer}, in one statement; returns those seen for the first
     * time (the others were applied before: a redelivery).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(String consumer, List<String> messageIds) {
        return inbox.firstDeliveries(consumer, messageIds);
    }

    /**
     * Takes messages out of the inbox again: those refused within a batch that commits, so that, as for a message
     * applied on its own (whose refusal rolls back its inbox row), a redelivery is refused and dead-lettered again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetDeliveries(String consumer, List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(FORGET_DELIVERIES)) {
            delete.setString(1, consumer);
            delete.setArray(2, connection.createArrayOf("varchar", messageIds.toArray()));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take refused messages out of the inbox", e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, Binder binder, RowReader reader, String failure) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(connection, statement);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(failure, e);
        }
    }

    /** Distinct keys as two parallel arrays, agencies then submission ids, for an unnest join. */
    private static void bindKeys(Connection connection, PreparedStatement statement, Collection<SubmissionKey> keys)
            throws SQLException {
        Set<SubmissionKey> distinct = new LinkedHashSet<>(keys);
        statement.setArray(1, connection.createArrayOf("varchar",
                distinct.stream().map(SubmissionKey::agency).toArray()));
        statement.setArray(2, connection.createArrayOf("varchar",
                distinct.stream().map(SubmissionKey::submissionId).toArray()));
    }

    /** A row of {@link #INVOLVEMENT_COLUMNS}. */
    private Involvement involvement(ResultSet rows) throws SQLException {
        String basis = rows.getString(20);
        try {
            return Involvement.stored(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                    rows.getString(4), rows.getString(5), rows.getLong(6), InvolvementStatus.valueOf(rows.getString(7)),
                    rows.getBoolean(8), new Involvement.Details(ServiceType.valueOf(rows.getString(9)),
                            rows.getString(10), rows.getString(11), rows.getString(12), rows.getString(13),
                            rows.getString(14), rows.getString(15), rows.getObject(16, LocalDate.class),
                            rows.getObject(17, LocalDate.class), rows.getBoolean(18), rows.getBoolean(19),
                            basis == null ? null : json.readValue(basis, Basis.class)),
                    rows.getObject(21, OffsetDateTime.class).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored basis of involvement " + rows.getString(1) + " is unreadable",
                    e);
        }
    }

    private void execute(String sql, String[] types, Object[][] columns, String failure) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int c = 0; c < columns.length; c++) {
                Array array = connection.createArrayOf(types[c], columns[c]);
                insert.setArray(c + 1, array);
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(failure, e);
        }
    }

    private String basis(Involvement involvement) {
        if (involvement.basis() == null) {
            return null;
        }
        try {
            return json.writeValueAsString(involvement.basis());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The basis of " + involvement.id() + " is not serialisable", e);
        }
    }
}
