package org.contactpoint.gateway.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.Involvement;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code child} and {@code involvement} rows as the projection writes them: a poll's rows in one statement per
 * table (each column bound as one array and unnested), its held versions read as plain pairs, its deletions by id set.
 * Hibernate's entities are for reading a record; per-row inserts, dirty checks and the entities' JSON round trip cost
 * the load more CPU than the rows themselves (docs/benchmarks.md, "Session 11").
 */
@ApplicationScoped
public class ReadModelRowRepository {

    private static final String UPSERT_CHILDREN = """
            INSERT INTO child (contact_point_id, version, status, merged_into, given_names, family_name, preferred_name,
                               former_names, date_of_birth, gender, date_of_death, whereabouts, parents_carers,
                               identifiers, responsible_local_authority, shielded, search_postcode, vulnerabilities,
                               updated_at)
            SELECT r.id, r.version, r.status, r.merged_into, r.given_names, r.family_name, r.preferred_name,
                   r.former_names::jsonb, r.born, r.gender, r.died, r.whereabouts::jsonb, r.parents_carers::jsonb,
                   r.identifiers::jsonb, r.la, r.shielded, r.postcode, r.vulnerabilities::jsonb, ?::timestamptz
            FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::date[], ?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                        ?::text[], ?::text[])
                AS r(id, version, status, merged_into, given_names, family_name, preferred_name, former_names, born,
                     gender, died, whereabouts, parents_carers, identifiers, la, shielded, postcode, vulnerabilities)
            ON CONFLICT (contact_point_id) DO UPDATE SET
                version = excluded.version, status = excluded.status, merged_into = excluded.merged_into,
                given_names = excluded.given_names, family_name = excluded.family_name,
                preferred_name = excluded.preferred_name, former_names = excluded.former_names,
                date_of_birth = excluded.date_of_birth, gender = excluded.gender,
                date_of_death = excluded.date_of_death, whereabouts = excluded.whereabouts,
                parents_carers = excluded.parents_carers, identifiers = excluded.identifiers,
                responsible_local_authority = excluded.responsible_local_authority, shielded = excluded.shielded,
                search_postcode = excluded.search_postcode, vulnerabilities = excluded.vulnerabilities,
                updated_at = excluded.updated_at""";

    private static final String UPSERT_INVOLVEMENTS = """
            INSERT INTO involvement (involvement_id, contact_point_id, version, status, service_type, sensitive,
                                     organisation_name, organisation_code, practitioner_name, practitioner_role,
                                     contact_phone, contact_email, start_date, end_date, lead_professional, caf_held,
                                     updated_at)
            SELECT r.*, ?::timestamptz
            FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::boolean[], ?::boolean[]) AS r
            ON CONFLICT (involvement_id) DO UPDATE SET
                contact_point_id = excluded.contact_point_id, version = excluded.version, status = excluded.status,
                service_type = excluded.service_type, sensitive = excluded.sensitive,
                organisation_name = excluded.organisation_name, organisation_code = excluded.organisation_code,
                practitioner_name = excluded.practitioner_name, practitioner_role = excluded.practitioner_role,
                contact_phone = excluded.contact_phone, contact_email = excluded.contact_email,
                start_date = excluded.start_date, end_date = excluded.end_date,
                lead_professional = excluded.lead_professional, caf_held = excluded.caf_held,
                updated_at = excluded.updated_at""";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public ReadModelRowRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Plans the rest of this transaction's statements for their own values, each time. A poll's statements are
     * prepared once per connection, and after five runs PostgreSQL may keep one generic plan for good: made while a
     * table was nearly empty, at the start of a bulk load, that plan scans the whole table on every later poll (the
     * session 14 profile caught {@link #involvementVersions} doing so 278 times in one load, two thirds of the
     * gateway's database time). Planning a poll's few statements costs far less than one such scan. Lookups keep
     * their cached plans: the setting ends with the poll's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void planForThisPoll() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the poll's planning", e);
        }
    }

    /** The version held of each of these children (absent: not held). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> childVersions(List<String> contactPointIds) {
        return versions("SELECT contact_point_id, version FROM child WHERE contact_point_id = ANY (?::text[])",
                contactPointIds);
    }

    /** The version held of each of these involvements (absent: not held). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> involvementVersions(List<String> involvementIds) {
        return versions("SELECT involvement_id, version FROM involvement WHERE involvement_id = ANY (?::text[])",
                involvementIds);
    }

    /** Inserts these children or replaces the rows held for them, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertChildren(Collection<Child> children, Instant now) {
        if (children.isEmpty()) {
            return;
        }
        int n = children.size();
        Object[][] columns = new Object[18][n];
        int row = 0;
        for (Child child : children) {
            Object[] values = {child.contactPointId(), child.version(), child.status(), child.mergedInto(),
                    child.givenNames(), child.familyName(), child.preferredName(), json(child.formerNames()),
                    date(child.dateOfBirth()), child.gender(), date(child.dateOfDeath()),
                    child.whereabouts() == null ? null : json(child.whereabouts()), json(child.parentsCarers()),
                    json(child.identifiers()), child.responsibleLocalAuthority(), child.shielded(),
                    child.searchPostcode(), json(child.vulnerabilities())};
            for (int column = 0; column < values.length; column++) {
                columns[column][row] = values[column];
            }
            row++;
        }
        write(UPSERT_CHILDREN, now, columns, new String[]{"text", "int8", "text", "text", "text", "text", "text",
                "text", "date", "text", "date", "text", "text", "text", "text", "bool", "text", "text"}, "children");
    }

    /** Inserts these involvements or replaces the rows held for them, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertInvolvements(Collection<Involvement> involvements, Instant now) {
        if (involvements.isEmpty()) {
            return;
        }
        int n = involvements.size();
        Object[][] columns = new Object[16][n];
        int row = 0;
        for (Involvement i : involvements) {
            Object[] values = {i.involvementId(), i.contactPointId(), i.version(), i.status(), i.serviceType(),
                    i.sensitive(), i.organisationName(), i.organisationCode(), i.practitionerName(),
                    i.practitionerRole(), i.contactPhone(), i.contactEmail(), date(i.startDate()), date(i.endDate()),
                    i.leadProfessional(), i.cafHeld()};
            for (int column = 0; column < values.length; column++) {
                columns[column][row] = values[column];
            }
            row++;
        }
        write(UPSERT_INVOLVEMENTS, now, columns, new String[]{"text", "text", "int8", "text", "text", "bool",
                "text", "text", "text", "text", "text", "text", "date", "date", "bool", "bool"}, "involvements");
    }

    /** Deletes these children (their identifiers and search rows go with them); their involvements stay. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleteChildren(Collection<String> contactPointIds) {
        deleteWhere("DELETE FROM child WHERE contact_point_id = ANY (?::text[])", contactPointIds);
    }

    /** Deletes these involvements. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleteInvolvements(Collection<String> involvementIds) {
        deleteWhere("DELETE FROM involvement WHERE involvement_id = ANY (?::text[])", involvementIds);
    }

    /**
     * Forgets these children for good (purged by identity): every involvement held for them is remembered as removed
     * at its version, then deleted, the children deleted and marked purged, in four statements.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void purgeChildren(Collection<String> contactPointIds) {
        if (contactPointIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement remember = connection.prepareStatement("""
                     INSERT INTO removed_involvement (involvement_id, version)
                     SELECT involvement_id, version FROM involvement WHERE contact_point_id = ANY (?::text[])
                     ON CONFLICT (involvement_id) DO UPDATE
                     SET version = greatest(removed_involvement.version, excluded.version)""");
             PreparedStatement involvements = connection.prepareStatement(
                     "DELETE FROM involvement WHERE contact_point_id = ANY (?::text[])");
             PreparedStatement children = connection.prepareStatement(
                     "DELETE FROM child WHERE contact_point_id = ANY (?::text[])");
             PreparedStatement mark = connection.prepareStatement("""
                     INSERT INTO purged_child (contact_point_id) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING""")) {
            Array ids = connection.createArrayOf("text", contactPointIds.toArray());
            for (PreparedStatement statement : List.of(remember, involvements, children, mark)) {
                statement.setArray(1, ids);
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not purge " + contactPointIds.size() + " children", e);
        }
    }

    private Map<String, Long> versions(String sql, List<String> ids) {
        Map<String, Long> versions = new HashMap<>();
        if (ids.isEmpty()) {
            return versions;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getLong(2));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the versions held", e);
        }
    }

    /** One statement: the time written first, then each column as one array (JSON travels as text, cast in SQL). */
    private void write(String sql, Instant now, Object[][] columns, String[] types, String what) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, now.atOffset(ZoneOffset.UTC));
            for (int column = 0; column < columns.length; column++) {
                statement.setArray(column + 2, connection.createArrayOf(types[column], columns[column]));
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + columns[0].length + " " + what + ": "
                    + e.getMessage(), e);
        }
    }

    private void deleteWhere(String sql, Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete " + ids.size() + " rows", e);
        }
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A read-model value could not be written as JSON", e);
        }
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
