package org.contactpoint.audit.repository.usage;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.domain.usage.UsageReport.DailyCount;
import org.contactpoint.audit.domain.usage.UsageReport.RuleCount;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Usage counted from the trail, grouped by organisation and day: nothing that names a child or a user leaves these
 * statements. A local authority's figures are its own organisations' (the actor's {@code la} in the chained event);
 * England's have no such filter (the parameter is null).
 */
@ApplicationScoped
public class UsageReportRepository {

    /* Parameters: from, to, the local authority (twice; null for all). %s: the kind of access counted. */
    private static final String DAILY = """
            SELECT (occurred_at AT TIME ZONE 'Europe/London')::date AS day, organisation_code,
                   max(organisation) AS organisation, count(*) AS accesses
            FROM audit_record
            WHERE occurred_at >= ? AND occurred_at < ?
              AND (?::text IS NULL OR canonical_event::jsonb -> 'actor' ->> 'localAuthority' = ?)
              AND %s
            GROUP BY 1, 2
            ORDER BY 1, 2
            """;
    /** A search or record view the gateway served (its FHIR facade's too). */
    private static final String LOOKUP = "service = 'search-gateway' AND action IN ('SEARCH', 'VIEW_RECORD')"
            + " AND outcome = 'SUCCESS'";
    private static final String BREAK_GLASS = "outcome = 'SUCCESS'"
            + " AND canonical_event::jsonb ->> 'breakGlassReason' IS NOT NULL";
    private static final String SHIELDED = "outcome = 'SUCCESS'"
            + " AND (canonical_event::jsonb ->> 'shieldedAccessed')::boolean";
    private static final String REFUSED = "outcome IN ('DENIED', 'REJECTED')";

    /* Alerts by when the access that raised them happened. A user's alerts count for the authority when that user's accesses in the period carry its la. */
    private static final String ALERTS = """
            SELECT a.rule, count(*) AS alerts
            FROM misuse_alert a
            WHERE a.occurred_at >= ? AND a.occurred_at < ?
              AND (?::text IS NULL OR EXISTS (SELECT 1 FROM audit_record r
                       WHERE r.user_id = a.user_id AND r.occurred_at >= ? AND r.occurred_at < ?
                         AND r.canonical_event::jsonb -> 'actor' ->> 'localAuthority' = ?))
            GROUP BY a.rule
            ORDER BY a.rule
            """;

    private final DataSource dataSource;

    public UsageReportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<DailyCount> lookups(Instant from, Instant to, String localAuthority) {
        return daily(LOOKUP, from, to, localAuthority);
    }

    public List<DailyCount> breakGlassAccesses(Instant from, Instant to, String localAuthority) {
        return daily(BREAK_GLASS, from, to, localAuthority);
    }

    public List<DailyCount> shieldedAccesses(Instant from, Instant to, String localAuthority) {
        return daily(SHIELDED, from, to, localAuthority);
    }

    public List<DailyCount> refusals(Instant from, Instant to, String localAuthority) {
        return daily(REFUSED, from, to, localAuthority);
    }

    public List<RuleCount> alertsByRule(Instant from, Instant to, String localAuthority) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(ALERTS)) {
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            query.setString(3, localAuthority);
            query.setTimestamp(4, Timestamp.from(from));
            query.setTimestamp(5, Timestamp.from(to));
            query.setString(6, localAuthority);
            List<RuleCount> counts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.add(new RuleCount(rows.getString("rule"), rows.getLong("alerts")));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count alerts", e);
        }
    }

    private List<DailyCount> daily(String kind, Instant from, Instant to, String localAuthority) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(DAILY.formatted(kind))) {
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            query.setString(3, localAuthority);
            query.setString(4, localAuthority);
            List<DailyCount> counts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.add(new DailyCount(rows.getDate("day").toLocalDate(), rows.getString("organisation_code"),
                            rows.getString("organisation"), rows.getLong("accesses")));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count usage", e);
        }
    }
}
