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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Usage counted per organisation and day: nothing that names a child or a user leaves these statements. A local
 * authority's figures are its own organisations' (the actor's {@code la} in the chained event); England's have no such
 * filter (the parameter is null).
 *
 * <p>The whole days of a period come from the daily roll-up ({@code usage_daily_count}) for the records up to its
 * watermark, plus the records after the watermark; the part-days at either end (a period given as instants) from the
 * records themselves, at most a day each. {@link #holdWatermark()} first, in the report's transaction: the roll-up
 * cannot move while the figures are read, so no record is counted twice or missed.
 */
@ApplicationScoped
public class UsageReportRepository {

    /** Held until the report's transaction ends; a roll-up meanwhile skips its turn (SKIP LOCKED). */
    private static final String HOLD_WATERMARK =
            "SELECT rolled_up_to FROM usage_roll_up_watermark WHERE id = 1 FOR SHARE";

    /* One kind of access (%s: its condition). Parameters: the kind; the whole days [first, last); the authority
       (twice; null for all); the watermark and the whole days' span [start, end) as instants; the authority (twice);
       the two part-days [from, start) and [end, to); the authority (twice). */
    private static final String DAILY = """
            SELECT day, organisation_code, max(organisation) AS organisation, sum(accesses) AS accesses
            FROM (
                SELECT c.day, c.organisation_code, c.organisation, c.accesses
                FROM usage_daily_count c
                WHERE c.kind = ? AND c.day >= ? AND c.day < ?
                  AND (?::text IS NULL OR c.local_authority = ?)
              UNION ALL
                SELECT (r.occurred_at AT TIME ZONE 'Europe/London')::date, r.organisation_code, r.organisation, 1
                FROM (SELECT occurred_at, organisation_code, organisation, service, action, outcome,
                             canonical_event::jsonb AS e
                      FROM audit_record WHERE sequence > ? AND occurred_at >= ? AND occurred_at < ?) r
                WHERE (?::text IS NULL OR r.e -> 'actor' ->> 'localAuthority' = ?) AND %1$s
              UNION ALL
                SELECT (r.occurred_at AT TIME ZONE 'Europe/London')::date, r.organisation_code, r.organisation, 1
                FROM (SELECT occurred_at, organisation_code, organisation, service, action, outcome,
                             canonical_event::jsonb AS e
                      FROM audit_record
                      WHERE (occurred_at >= ? AND occurred_at < ?) OR (occurred_at >= ? AND occurred_at < ?)) r
                WHERE (?::text IS NULL OR r.e -> 'actor' ->> 'localAuthority' = ?) AND %1$s
            ) counted
            GROUP BY 1, 2
            ORDER BY 1, 2
            """;

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

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final DataSource dataSource;

    public UsageReportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The roll-up's watermark, held (FOR SHARE) until the caller's transaction ends. */
    public long holdWatermark() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(HOLD_WATERMARK);
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the usage watermark", e);
        }
    }

    /** One kind of access per organisation and day over [from, to), the roll-up's watermark held at {@code watermark}. */
    public List<DailyCount> daily(UsageKind kind, Instant from, Instant to, String localAuthority, long watermark) {
        LocalDate first = from.atZone(LONDON).toLocalDate();
        if (first.atStartOfDay(LONDON).toInstant().isBefore(from)) {
            first = first.plusDays(1);
        }
        LocalDate last = to.atZone(LONDON).toLocalDate();
        Instant start;
        Instant end;
        if (first.isBefore(last)) {
            start = first.atStartOfDay(LONDON).toInstant();
            end = last.atStartOfDay(LONDON).toInstant();
        } else { // no whole day: the records themselves, all of [from, to)
            first = last;
            start = to;
            end = to;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(DAILY.formatted(kind.condition()))) {
            int p = 0;
            query.setString(++p, kind.name());
            query.setObject(++p, first);
            query.setObject(++p, last);
            query.setString(++p, localAuthority);
            query.setString(++p, localAuthority);
            query.setLong(++p, watermark);
            query.setTimestamp(++p, Timestamp.from(start));
            query.setTimestamp(++p, Timestamp.from(end));
            query.setString(++p, localAuthority);
            query.setString(++p, localAuthority);
            query.setTimestamp(++p, Timestamp.from(from));
            query.setTimestamp(++p, Timestamp.from(start));
            query.setTimestamp(++p, Timestamp.from(end));
            query.setTimestamp(++p, Timestamp.from(to));
            query.setString(++p, localAuthority);
            query.setString(++p, localAuthority);
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
}
