package org.contactpoint.gateway.repository.reports;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.gateway.domain.reports.ReportedChild;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The local authority team's reports over the read model: one authority's active children (not archived, closed,
 * merged or deceased) missing a current school or GP involvement. Each report is one statement, paged by offset.
 */
@ApplicationScoped
public class LocalAuthorityReportRepository {

    /** A current involvement of a service type: active and not ended before today (parameter: today). */
    private static final String CURRENT = """
            i.contact_point_id = c.contact_point_id AND i.status = 'ACTIVE'
            AND (i.end_date IS NULL OR i.end_date >= ?)""";

    /* Parameters: today (service types), then the report's own. */
    private static final String ROWS = """
            SELECT c.contact_point_id, c.given_names, c.family_name, c.preferred_name, c.date_of_birth, c.shielded,
                   CASE WHEN c.shielded THEN NULL ELSE c.whereabouts -> 'address' ->> 'postcode' END AS postcode,
                   (c.vulnerabilities @> '["CHILD_PROTECTION_PLAN"]' OR c.vulnerabilities @> '["LOOKED_AFTER"]') AS protected,
                   r.since, r.previous_local_authority,
                   ARRAY(SELECT DISTINCT i.service_type FROM involvement i
                         WHERE %s AND NOT i.sensitive AND i.service_type IS NOT NULL
                         ORDER BY i.service_type) AS service_types
            FROM child c
            LEFT JOIN local_authority_residence r ON r.contact_point_id = c.contact_point_id
                 AND r.local_authority = c.responsible_local_authority AND r.previous_local_authority IS NOT NULL
            """.formatted(CURRENT);

    private static final String WITHOUT_SERVICE = """
            NOT EXISTS (SELECT 1 FROM involvement i WHERE %s AND i.service_type = ANY (?::text[]))
            """.formatted(CURRENT);

    private final DataSource dataSource;

    public LocalAuthorityReportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The authority's children born within the dates given with no current involvement of any of the service types,
     * in name order.
     */
    public List<ReportedChild> withoutService(String localAuthority, List<String> serviceTypes, LocalDate bornFrom,
                                              LocalDate bornTo, LocalDate today, int offset, int limit) {
        String sql = ROWS + """
                WHERE c.responsible_local_authority = ? AND c.status = 'ACTIVE'
                  AND c.date_of_birth BETWEEN ? AND ?
                """ + " AND " + WITHOUT_SERVICE + """
                ORDER BY c.family_name, c.given_names, c.contact_point_id
                LIMIT ? OFFSET ?
                """;
        return query(sql, today, localAuthority, Date.valueOf(bornFrom), Date.valueOf(bornTo), today,
                serviceTypes.toArray(String[]::new), limit, offset);
    }

    /**
     * The authority's children who came to it from another authority since {@code movedInSince} with no current
     * involvement of any of the service types, the latest arrivals first.
     */
    public List<ReportedChild> movedInWithoutService(String localAuthority, List<String> serviceTypes,
                                                     Instant movedInSince, LocalDate today, int offset, int limit) {
        String sql = ROWS + """
                WHERE c.responsible_local_authority = ? AND c.status = 'ACTIVE'
                  AND r.since >= ?
                """ + " AND " + WITHOUT_SERVICE + """
                ORDER BY r.since DESC, c.contact_point_id
                LIMIT ? OFFSET ?
                """;
        return query(sql, today, localAuthority, Timestamp.from(movedInSince), today,
                serviceTypes.toArray(String[]::new), limit, offset);
    }

    private List<ReportedChild> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof LocalDate date) {
                    query.setDate(i + 1, Date.valueOf(date));
                } else if (parameter instanceof String[] texts) {
                    query.setArray(i + 1, connection.createArrayOf("text", texts));
                } else {
                    query.setObject(i + 1, parameter);
                }
            }
            List<ReportedChild> children = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    children.add(child(rows));
                }
            }
            return children;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a local authority report", e);
        }
    }

    private static ReportedChild child(ResultSet rows) throws SQLException {
        Date born = rows.getDate("date_of_birth");
        Timestamp since = rows.getTimestamp("since");
        Array types = rows.getArray("service_types");
        return new ReportedChild(rows.getString("contact_point_id"), rows.getString("given_names"),
                rows.getString("family_name"), rows.getString("preferred_name"),
                born == null ? null : born.toLocalDate(), rows.getString("postcode"), rows.getBoolean("shielded"),
                since == null ? null : since.toInstant(), rows.getString("previous_local_authority"),
                types == null ? List.of() : Arrays.asList((String[]) types.getArray()),
                rows.getBoolean("protected"));
    }
}
