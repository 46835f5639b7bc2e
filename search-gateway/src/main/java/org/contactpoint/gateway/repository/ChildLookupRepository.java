package org.contactpoint.gateway.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.ChildState;
import org.contactpoint.gateway.domain.ChildStatus;
import org.contactpoint.gateway.domain.FormerName;
import org.contactpoint.gateway.domain.Gender;
import org.contactpoint.gateway.domain.Involvement;
import org.contactpoint.gateway.domain.InvolvementState;
import org.contactpoint.gateway.domain.InvolvementStatus;
import org.contactpoint.gateway.domain.ParentCarer;
import org.contactpoint.gateway.domain.SourceIdentifier;
import org.contactpoint.gateway.domain.Vulnerability;
import org.contactpoint.gateway.domain.Whereabouts;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a lookup reads, in plain JDBC with no transaction and no persistence context (nothing on a lookup is written):
 * a record view is one statement (the child an ID stands for now, its identifiers, and its involvements joined as a
 * row each), an identifier search one statement. A merged child is answered by the child it was merged
 * into, in one step (identity publishes the final survivor); the caller decides what may be shown.
 */
@ApplicationScoped
public class ChildLookupRepository {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    // Readers built once: resolving a generic type on every record view was a measurable share of the view's CPU.
    private static final ObjectReader STRINGS = JSON.readerFor(new TypeReference<List<String>>() { });
    private static final ObjectReader FORMER_NAMES = JSON.readerFor(new TypeReference<List<FormerName>>() { });
    private static final ObjectReader WHEREABOUTS = JSON.readerFor(Whereabouts.class);
    private static final ObjectReader PARENTS = JSON.readerFor(new TypeReference<List<ParentCarer>>() { });
    private static final ObjectReader IDENTIFIERS = JSON.readerFor(new TypeReference<List<SourceIdentifier>>() { });

    /** The child an ID stands for now: itself, or the child it was merged into. */
    private static final String CURRENT = """
            CASE WHEN a.status = 'MERGED' AND a.merged_into IS NOT NULL THEN a.merged_into ELSE a.contact_point_id END""";

    private static final String CHILD_COLUMNS = """
            s.contact_point_id, s.version, s.status, s.merged_into, s.given_names, s.family_name, s.preferred_name,
            s.former_names::text, s.date_of_birth, s.gender, s.date_of_death, s.whereabouts::text,
            s.parents_carers::text, s.identifiers::text, s.responsible_local_authority, s.shielded,
            s.vulnerabilities::text, s.updated_at""";

    // The child and each of their involvements as plain columns, one row an involvement (a single row of nulls after
    // the child's columns when there is none). Jackson's readers were a sixth of the gateway's CPU on a record view
    // (JFR, issue 19), the json_agg of the involvements the largest text they read, and PostgreSQL built it first.
    // Active first, then the most recently started (the order the record shows).
    private static final String RECORD = """
            SELECT %s,
                   i.involvement_id, i.version, i.status, i.service_type, i.sensitive, i.organisation_name,
                   i.organisation_code, i.practitioner_name, i.practitioner_role, i.contact_phone, i.contact_email,
                   i.start_date, i.end_date, i.lead_professional, i.caf_held
            FROM child a JOIN child s ON s.contact_point_id = %s
                LEFT JOIN involvement i ON i.contact_point_id = s.contact_point_id
            WHERE a.contact_point_id = ?
            ORDER BY CASE WHEN i.status = 'ACTIVE' THEN 0 ELSE 1 END, i.start_date DESC NULLS LAST,
                     i.involvement_id""".formatted(CHILD_COLUMNS, CURRENT);

    private static final String BY_IDENTIFIER = """
            SELECT %s
            FROM child_identifier r JOIN child a ON a.contact_point_id = r.contact_point_id
                JOIN child s ON s.contact_point_id = %s
            WHERE r.scheme = ? AND r.value = ?
            ORDER BY r.contact_point_id""".formatted(CHILD_COLUMNS, CURRENT);

    private static final String BY_ID = """
            SELECT %s
            FROM child a JOIN child s ON s.contact_point_id = %s
            WHERE a.contact_point_id = ?""".formatted(CHILD_COLUMNS, CURRENT);

    /** A child as held, with every involvement held for them (active first). */
    public record ChildRecord(Child child, List<Involvement> involvements) {
    }

    private final DataSource dataSource;

    public ChildLookupRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The child this ID stands for now, with their involvements; empty when neither is held. */
    public Optional<ChildRecord> record(String contactPointId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(RECORD)) {
            query.setString(1, contactPointId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Child child = child(row);
                // Not shown; the involvement's own update time is not read.
                Instant read = row.getTimestamp(18).toInstant();
                List<Involvement> involvements = new ArrayList<>();
                do {
                    String involvementId = row.getString(19);
                    if (involvementId == null) {
                        break;
                    }
                    Involvement involvement = new Involvement(involvementId);
                    involvement.apply(involvement(row, child.contactPointId()), read);
                    involvements.add(involvement);
                } while (row.next());
                return Optional.of(new ChildRecord(child, involvements));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not read the record of " + contactPointId, e);
        }
    }

    private static InvolvementState involvement(ResultSet row, String contactPointId) throws SQLException {
        return new InvolvementState(row.getString(19), contactPointId, row.getLong(20),
                InvolvementStatus.valueOf(row.getString(21)), row.getString(22), row.getBoolean(23),
                row.getString(24), row.getString(25), row.getString(26), row.getString(27), row.getString(28),
                row.getString(29), row.getObject(30, LocalDate.class), row.getObject(31, LocalDate.class),
                row.getBoolean(32), row.getBoolean(33));
    }

    /** The child this ContactPoint ID stands for now, if held. */
    public Optional<Child> byContactPointId(String contactPointId) {
        return children(BY_ID, contactPointId).stream().findFirst();
    }

    /** The children holding this identifier, each as the child it stands for now. */
    public List<Child> byIdentifier(String scheme, String value) {
        return children(BY_IDENTIFIER, scheme, value);
    }

    private List<Child> children(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            List<Child> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(child(rows));
                }
            }
            return found;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not read children", e);
        }
    }

    private static Child child(ResultSet row) throws SQLException, JsonProcessingException {
        String id = row.getString(1);
        String gender = row.getString(10);
        String whereabouts = row.getString(12);
        List<String> vulnerabilities = STRINGS.readValue(row.getString(17));
        ChildState state = new ChildState(id, row.getLong(2), ChildStatus.valueOf(row.getString(3)),
                row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                FORMER_NAMES.readValue(row.getString(8)), row.getObject(9, LocalDate.class),
                gender == null ? null : Gender.valueOf(gender), row.getObject(11, LocalDate.class),
                whereabouts == null ? null : WHEREABOUTS.readValue(whereabouts),
                PARENTS.readValue(row.getString(13)), IDENTIFIERS.readValue(row.getString(14)), row.getString(15),
                row.getBoolean(16),
                vulnerabilities.stream().map(Vulnerability::valueOf).toList());
        Instant updatedAt = row.getTimestamp(18).toInstant();
        Child child = new Child(id);
        child.apply(state, updatedAt);
        return child;
    }
}
