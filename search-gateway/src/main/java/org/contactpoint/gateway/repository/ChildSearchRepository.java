package org.contactpoint.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.SearchEntry;
import org.contactpoint.gateway.domain.SearchHit;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The search table ({@code child_search}): written by the projection, a set of children at a time, and read by index
 * probes that each start from one index and never join. The exact probe is one B-tree probe on (family key, date of
 * birth) for the keys and dates given; the forgiving probes (sound, typo, swapped names, a date a slip away, a postcode)
 * run only when the caller finds the exact probe's answer too few. Dates are bound as {@code date} values computed in
 * Java (never {@code date + interval}, a timestamp, which defeats the date index).
 */
@ApplicationScoped
public class ChildSearchRepository {

    private static final String COLUMNS = """
            contact_point_id, variant, family_key, variant_name, date_of_birth, given_keys, other_given_keys, gender,
            given_names, family_name, preferred_name, shielded, protected""";

    // Given keys travel as one space-separated string per row (keys are letters only): a text[][] must be rectangular.
    private static final String INSERT = """
            INSERT INTO child_search (contact_point_id, variant, family_key, family_sound, family_sound_alt,
                                      variant_name, date_of_birth, given_keys, other_given_keys, gender, postcode,
                                      vulnerable, given_names, family_name, preferred_name, shielded, protected)
            SELECT r.id, r.variant, r.family_key, r.sound, r.sound_alt, r.variant_name, r.born,
                   string_to_array(r.given, ' '), string_to_array(r.other_given, ' '), r.gender, r.postcode,
                   r.vulnerable, r.given_names, r.family_name, r.preferred_name, r.shielded, r.protected
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                        ?::boolean[])
                AS r(id, variant, family_key, sound, sound_alt, variant_name, born, given, other_given, gender,
                     postcode, vulnerable, given_names, family_name, preferred_name, shielded, protected)""";

    private static final String SCOPE = " AND (?::boolean OR vulnerable)";
    private static final String ON_DATES = "date_of_birth = ANY (?::date[])";
    private static final String IN_RANGE = "date_of_birth BETWEEN ? AND ?";

    /** How a probe's dates are given: a list of days, or a range (a month, a year, a range typed). */
    public record Dates(List<LocalDate> days, LocalDate from, LocalDate to) {

        public static Dates days(List<LocalDate> days) {
            return new Dates(days, null, null);
        }

        public static Dates range(LocalDate from, LocalDate to) {
            return new Dates(null, from, to);
        }

        String condition() {
            return days != null ? ON_DATES : IN_RANGE;
        }
    }

    /**
     * The forgiving probes to run, each led by its own index; a null or empty argument leaves a probe out.
     *
     * @param slipKeys family keys one slip from those typed, looked up exactly ({@code Names.oneSlipFrom})
     */
    public record Forgiving(List<String> slipKeys, List<String> sounds, String typoKey, List<String> swappedKeys,
                            List<String> familyKeys, List<LocalDate> nearDays, String postcode,
                            List<LocalDate> postcodeDays) {
    }

    private final DataSource dataSource;

    public ChildSearchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Replaces the search rows of these children with those of their current state, in two statements whatever their
     * number (a child that may not be found gets none).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replace(Collection<Child> children) {
        if (children.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (Child child : children) {
            String given = String.join(" ", SearchEntry.givenKeys(child));
            String otherGiven = String.join(" ", SearchEntry.otherGivenKeys(child));
            for (SearchEntry entry : SearchEntry.of(child)) {
                rows.add(new Object[]{child.contactPointId(), entry.variant().code(), entry.familyKey(),
                        entry.familySound(), entry.familySoundAlt(), entry.variantName(),
                        child.dateOfBirth() == null ? null : Date.valueOf(child.dateOfBirth()), given, otherGiven,
                        child.gender(), child.searchPostcode(), !child.vulnerabilities().isEmpty(),
                        child.givenNames(), child.familyName(), child.preferredName(), child.shielded(),
                        child.isProtected()});
            }
        }
        String[] types = {"text", "text", "text", "text", "text", "text", "date", "text", "text", "text", "text",
                "boolean", "text", "text", "text", "boolean", "boolean"};
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM child_search WHERE contact_point_id = ANY (?::text[])")) {
                delete.setArray(1, connection.createArrayOf("text",
                        children.stream().map(Child::contactPointId).distinct().toArray()));
                delete.executeUpdate();
            }
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int column = 0; column < types.length; column++) {
                    Object[] values = new Object[rows.size()];
                    for (int row = 0; row < rows.size(); row++) {
                        values[row] = rows.get(row)[column];
                    }
                    insert.setArray(column + 1, connection.createArrayOf(types[column], values));
                }
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the search rows of " + children.size() + " children", e);
        }
    }

    /**
     * The exact probe: rows whose family key is one of these, born on the dates given.
     *
     * @param universal false in targeted mode: only children with a vulnerability are answered
     * @param limit     the most rows to read
     */
    public List<SearchHit> exact(List<String> familyKeys, Dates dates, boolean universal, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM child_search WHERE family_key = ANY (?::text[]) AND "
                + dates.condition() + SCOPE + " LIMIT ?";
        return query(sql, (connection, query) -> {
            int i = 1;
            query.setArray(i++, connection.createArrayOf("text", familyKeys.toArray()));
            i = bind(connection, query, i, dates);
            query.setBoolean(i++, universal);
            query.setInt(i, limit);
        });
    }

    /** Rows at a postcode (never a shielded child's: theirs is not held), with one of these family keys if any. */
    public List<SearchHit> atPostcode(String postcode, List<String> familyKeys, Dates dates, boolean universal,
                                      int limit) {
        String sql = "SELECT " + COLUMNS + " FROM child_search WHERE postcode = ?"
                + (familyKeys.isEmpty() ? "" : " AND family_key = ANY (?::text[])")
                + (dates == null ? "" : " AND " + dates.condition()) + SCOPE + " LIMIT ?";
        return query(sql, (connection, query) -> {
            int i = 1;
            query.setString(i++, postcode);
            if (!familyKeys.isEmpty()) {
                query.setArray(i++, connection.createArrayOf("text", familyKeys.toArray()));
            }
            if (dates != null) {
                i = bind(connection, query, i, dates);
            }
            query.setBoolean(i++, universal);
            query.setInt(i, limit);
        });
    }

    /**
     * The forgiving probes in one statement, each a branch of a UNION ALL led by its own index: the keys one slip
     * away ({@code child_search_exact}), the same sound ({@code child_search_sound}, {@code _sound_alt}), a similar
     * key ({@code child_search_typo_lower}, pg_trgm's {@code %}), the typed given name as the family name (swapped), the
     * family keys on the dates a slip leads to, and a postcode.
     */
    public List<SearchHit> forgiving(Forgiving probes, Dates dates, boolean universal, int limit) {
        List<String> branches = new ArrayList<>();
        List<Binder> binders = new ArrayList<>();
        String select = "SELECT " + COLUMNS + " FROM child_search WHERE ";
        // First: exact keys, the fewest rows, read in full before the cap can cut the broader branches short.
        if (probes.slipKeys() != null && !probes.slipKeys().isEmpty()) {
            branches.add(select + "family_key = ANY (?::text[]) AND " + dates.condition() + SCOPE);
            binders.add((connection, query, i) -> {
                query.setArray(i++, connection.createArrayOf("text", probes.slipKeys().toArray()));
                i = bind(connection, query, i, dates);
                query.setBoolean(i++, universal);
                return i;
            });
        }
        if (probes.sounds() != null && !probes.sounds().isEmpty()) {
            branches.add(select + "(family_sound = ANY (?::text[]) OR family_sound_alt = ANY (?::text[])) AND "
                    + dates.condition() + SCOPE);
            binders.add((connection, query, i) -> {
                query.setArray(i++, connection.createArrayOf("text", probes.sounds().toArray()));
                query.setArray(i++, connection.createArrayOf("text", probes.sounds().toArray()));
                i = bind(connection, query, i, dates);
                query.setBoolean(i++, universal);
                return i;
            });
        }
        if (probes.typoKey() != null && !probes.typoKey().isEmpty()) {
            branches.add(select + "lower(family_key) % ? AND " + dates.condition() + SCOPE);
            binders.add((connection, query, i) -> {
                query.setString(i++, probes.typoKey());
                i = bind(connection, query, i, dates);
                query.setBoolean(i++, universal);
                return i;
            });
        }
        if (probes.swappedKeys() != null && !probes.swappedKeys().isEmpty()) {
            branches.add(select + "family_key = ANY (?::text[]) AND " + dates.condition() + SCOPE);
            binders.add((connection, query, i) -> {
                query.setArray(i++, connection.createArrayOf("text", probes.swappedKeys().toArray()));
                i = bind(connection, query, i, dates);
                query.setBoolean(i++, universal);
                return i;
            });
        }
        if (probes.nearDays() != null && !probes.nearDays().isEmpty() && !probes.familyKeys().isEmpty()) {
            branches.add(select + "family_key = ANY (?::text[]) AND " + ON_DATES + SCOPE);
            binders.add((connection, query, i) -> {
                query.setArray(i++, connection.createArrayOf("text", probes.familyKeys().toArray()));
                i = bind(connection, query, i, Dates.days(probes.nearDays()));
                query.setBoolean(i++, universal);
                return i;
            });
        }
        if (probes.postcode() != null && probes.postcodeDays() != null && !probes.postcodeDays().isEmpty()) {
            branches.add(select + "postcode = ? AND " + ON_DATES + SCOPE);
            binders.add((connection, query, i) -> {
                query.setString(i++, probes.postcode());
                i = bind(connection, query, i, Dates.days(probes.postcodeDays()));
                query.setBoolean(i++, universal);
                return i;
            });
        }
        if (branches.isEmpty()) {
            return List.of();
        }
        String sql = "(" + String.join(")\nUNION ALL\n(", branches) + ")\nLIMIT ?";
        return query(sql, (connection, query) -> {
            int i = 1;
            for (Binder binder : binders) {
                i = binder.bind(connection, query, i);
            }
            query.setInt(i, limit);
        });
    }

    private interface Binder {
        int bind(Connection connection, PreparedStatement query, int index) throws SQLException;
    }

    private interface Parameters {
        void bind(Connection connection, PreparedStatement query) throws SQLException;
    }

    private static int bind(Connection connection, PreparedStatement query, int i, Dates dates)
            throws SQLException {
        if (dates.days() != null) {
            // ISO dates as text: java.sql.Date values are formatted through a Calendar, one per date. A year before 1
            // (0000-05-06 parses) is no one's birthday and no date PostgreSQL reads in this form: left out.
            query.setArray(i++, connection.createArrayOf("date", dates.days().stream()
                    .filter(day -> day.getYear() >= 1).map(LocalDate::toString).toArray(String[]::new)));
        } else {
            query.setObject(i++, dates.from());
            query.setObject(i++, dates.to());
        }
        return i;
    }

    private List<SearchHit> query(String sql, Parameters parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            parameters.bind(connection, query);
            List<SearchHit> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    // As a LocalDate straight from the driver: getDate() goes through a Calendar for every row.
                    found.add(new SearchHit(rows.getString(1), SearchEntry.Variant.ofCode(rows.getString(2)),
                            rows.getString(3), rows.getString(4), rows.getObject(5, LocalDate.class),
                            strings(rows.getArray(6)), strings(rows.getArray(7)), rows.getString(8),
                            rows.getString(9), rows.getString(10), rows.getString(11), rows.getBoolean(12),
                            rows.getBoolean(13)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Search failed", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
