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
 * a record view is one statement (the child an ID stands for now, its identifiers and its involvements, aggregated
 * with {@code json_agg}), an identifier search one statement. A merged child is answered by the child it was merged
 * into, in one step (identity publishes the final survivor); the caller decides what may be shown.
 */
@ApplicationScoped
public class ChildLookupRepository {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    // Readers built once: resolving a generic type on every record view was a measurable share of the view's CPU.
    private static final ObjectReader INVOLVEMENTS = JSON.readerFor(new TypeReference<List<InvolvementState>>() { });
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

    // Active first, then the most recently started (the order the record shows).
    private static final String RECORD = """
            SELECT %s,
                   (SELECT coalesce(json_agg(json_build_object(
                               'involvementId', i.involvement_id, 'contactPointId', i.contact_point_id,
                               'version', i.version, 'status', i.status, 'serviceType', i.service_type,
                               'sensitive', i.sensitive, 'organisationName', i.organisation_name,
                               'organisationCode', i.organisation_code, 'practitionerName', i.practitioner_name,
                               'practitionerRole', i.practitioner_role, 'contactPhone', i.contact_phone,
                               'contactEmail', i.contact_email, 'startDate', i.start_date, 'endDate', i.end_date,
                               'leadProfessional', i.lead_professional, 'cafHeld', i.caf_held)
                               ORDER BY CASE WHEN i.status = 'ACTIVE' THEN 0 ELSE 1 END, i.start_date DESC NULLS LAST,
                                        i.involvement_id), '[]')::text
                    FROM involvement i WHERE i.contact_point_id = s.contact_point_id)
            FROM child a JOIN child s ON s.contact_point_id = %s
            WHERE a.contact_point_id = ?""".formatted(CHILD_COLUMNS, CURRENT);

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
                List<InvolvementState> states = INVOLVEMENTS.readValue(row.getString(19));
                List<Involvement> involvements = new ArrayList<>(states.size());
                for (InvolvementState state : states) {
                    Involvement involvement = new Involvement(state.involvementId());
                    involvement.apply(state, read);
                    involvements.add(involvement);
                }
                return Optional.of(new ChildRecord(child, involvements));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not read the record of " + contactPointId, e);
        }
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
