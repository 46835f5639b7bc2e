package org.contactpoint.identity.repository.quality;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.identity.domain.quality.DataQuality;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-quality figures in set-based SQL. A local authority's figures are those of records naming it as the
 * child's responsible authority; England's have no such filter (the authority parameter is null). Nothing that names a
 * child leaves these statements except {@link #suspectedDuplicates}, which lists the authority's own pairs.
 */
@ApplicationScoped
public class DataQualityRepository {

    private static final String DECISIONS = """
            SELECT source, count(*) AS received,
                   count(*) FILTER (WHERE outcome = 'LINKED') AS linked,
                   count(*) FILTER (WHERE outcome = 'CREATED') AS created,
                   count(*) FILTER (WHERE outcome = 'REVIEW') AS review
            FROM match_decision
            WHERE decided_at >= ? AND decided_at < ? AND (?::text IS NULL OR local_authority = ?)
            GROUP BY source
            """;

    /*
     * Rejected lines may not be JSON, and a line refused while staging keeps no body at all: the source and authority
     * are read with a pattern (never a cast) from the line, else from the import's first line that has a body (an
     * import comes from one feed). Records refused over REST and Kafka are kept apart (source_record_rejection).
     */
    private static final String REJECTIONS = """
            SELECT source, reason, sum(lines) AS lines FROM (
                SELECT coalesce(substring(l.body from '"source"\\s*:\\s*"([^"]+)"'),
                                substring(sample.body from '"source"\\s*:\\s*"([^"]+)"'), 'UNKNOWN') AS source,
                       l.reason, count(*) AS lines
                FROM source_record_import i
                JOIN source_record_import_line l ON l.import_id = i.id
                LEFT JOIN LATERAL (SELECT o.body FROM source_record_import_line o
                                   WHERE o.import_id = i.id AND o.body <> '' ORDER BY o.line LIMIT 1) sample ON true
                WHERE l.state = 'REJECTED' AND i.received_at >= ? AND i.received_at < ?
                  AND (?::text IS NULL
                       OR coalesce(substring(l.body from '"responsibleLocalAuthority"\\s*:\\s*"([^"]+)"'),
                                   substring(sample.body from '"responsibleLocalAuthority"\\s*:\\s*"([^"]+)"')) = ?)
                GROUP BY 1, 2
                UNION ALL
                SELECT source, reason, count(*) FROM source_record_rejection
                WHERE received_at >= ? AND received_at < ? AND (?::text IS NULL OR local_authority = ?)
                GROUP BY 1, 2
            ) refused
            GROUP BY 1, 2
            ORDER BY 1, 3 DESC, 2
            """;


    private static final String REVIEW_QUEUES = """
            SELECT coalesce(local_authority, 'NONE') AS local_authority, count(*) AS size,
                   min(decided_at) AS oldest,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (? - decided_at))) AS median
            FROM match_decision
            WHERE status = 'PENDING' AND outcome = 'REVIEW' AND NOT sealed
              AND (?::text IS NULL OR local_authority = ?)
            GROUP BY 1
            ORDER BY 1
            """;

    /* Active children older than a year that no source has linked to or created since the cut-off. */
    private static final String UNCONFIRMED = """
            SELECT count(*) FROM child c
            WHERE c.status = 'ACTIVE' AND c.created_at < ? AND c.release_at IS NULL
              AND (?::text IS NULL OR c.responsible_local_authority = ?)
              AND NOT EXISTS (SELECT 1 FROM match_decision d
                              WHERE d.child_id = c.id AND d.outcome IN ('LINKED', 'CREATED')
                                AND greatest(d.decided_at, d.resolved_at) >= ?)
            """;

    /*
     * A record matched to (or creating) one child that also scored another separate, active child at or above the
     * review band, unless a person has said they are not the same (match_exclusion). Each pair once, its best score.
     */
    private static final String PAIRS = """
            SELECT least(a.contact_point_id, b.contact_point_id) AS one,
                   greatest(a.contact_point_id, b.contact_point_id) AS other,
                   max((cand ->> 'probability')::float8) AS probability, max(d.decided_at) AS scored_at
            FROM match_decision d
            JOIN child a ON a.id = d.child_id
            CROSS JOIN LATERAL jsonb_array_elements(d.candidates) cand
            JOIN child b ON b.contact_point_id = cand ->> 'contactPointId'
            WHERE a.id <> b.id AND a.status = 'ACTIVE' AND b.status = 'ACTIVE'
              AND a.release_at IS NULL AND b.release_at IS NULL
              AND (cand ->> 'probability')::float8 >= ?
              AND (?::text IS NULL OR (a.responsible_local_authority = ? AND b.responsible_local_authority = ?))
              AND NOT EXISTS (SELECT 1 FROM match_exclusion x WHERE x.source = d.source
                              AND x.source_record_id = d.source_record_id AND x.child_id = b.id)
            GROUP BY 1, 2
            """;

    private final DataSource dataSource;

    public DataQualityRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<DataQuality.Feed> feeds(Instant from, Instant to, String localAuthority) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, List<DataQuality.Reason>> reasons = new LinkedHashMap<>();
        Map<String, Long> rejected = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement query = connection.prepareStatement(DECISIONS)) {
                period(query, from, to, localAuthority);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString("source"), new long[]{rows.getLong("received"),
                                rows.getLong("linked"), rows.getLong("created"), rows.getLong("review")});
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(REJECTIONS)) {
                period(query, from, to, localAuthority);
                period(query, 4, from, to, localAuthority);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String source = rows.getString("source");
                        long lines = rows.getLong("lines");
                        rejected.merge(source, lines, Long::sum);
                        List<DataQuality.Reason> top = reasons.computeIfAbsent(source, s -> new ArrayList<>());
                        if (top.size() < 5) {
                            top.add(new DataQuality.Reason(rows.getString("reason"), lines));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the feeds", e);
        }
        List<String> sources = new ArrayList<>(counts.keySet());
        rejected.keySet().stream().filter(s -> !counts.containsKey(s)).forEach(sources::add);
        sources.sort(String::compareTo);
        List<DataQuality.Feed> feeds = new ArrayList<>();
        for (String source : sources) {
            long[] c = counts.getOrDefault(source, new long[4]);
            long rejectedLines = rejected.getOrDefault(source, 0L);
            feeds.add(new DataQuality.Feed(source, c[0] + rejectedLines, c[1], c[2], c[3], rejectedLines,
                    reasons.getOrDefault(source, List.of())));
        }
        return feeds;
    }

    public List<DataQuality.ReviewQueue> reviewQueues(Instant now, String localAuthority) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(REVIEW_QUEUES)) {
            query.setTimestamp(1, Timestamp.from(now));
            query.setString(2, localAuthority);
            query.setString(3, localAuthority);
            List<DataQuality.ReviewQueue> queues = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant oldest = rows.getTimestamp("oldest").toInstant();
                    queues.add(new DataQuality.ReviewQueue(rows.getString("local_authority"), rows.getLong("size"),
                            oldest, Math.max(0, now.getEpochSecond() - oldest.getEpochSecond()),
                            Math.max(0, Math.round(rows.getDouble("median")))));
                }
            }
            return queues;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the review queues", e);
        }
    }

    public long unconfirmedSince(Instant cutOff, String localAuthority) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(UNCONFIRMED)) {
            query.setTimestamp(1, Timestamp.from(cutOff));
            query.setString(2, localAuthority);
            query.setString(3, localAuthority);
            query.setTimestamp(4, Timestamp.from(cutOff));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count unconfirmed children", e);
        }
    }

    public long countSuspectedDuplicates(double reviewProbability, String localAuthority) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM (" + PAIRS + ") p")) {
            pairs(query, reviewProbability, localAuthority);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count suspected duplicates", e);
        }
    }

    /** One authority's pairs, the likeliest first. */
    public List<DataQuality.SuspectedDuplicate> suspectedDuplicates(double reviewProbability, String localAuthority,
                                                                   int offset, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     PAIRS + " ORDER BY probability DESC, one, other LIMIT ? OFFSET ?")) {
            pairs(query, reviewProbability, localAuthority);
            query.setInt(5, limit);
            query.setInt(6, offset);
            List<DataQuality.SuspectedDuplicate> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new DataQuality.SuspectedDuplicate(rows.getString("one"), rows.getString("other"),
                            rows.getDouble("probability"), rows.getTimestamp("scored_at").toInstant()));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list suspected duplicates", e);
        }
    }

    private static void period(PreparedStatement query, Instant from, Instant to, String localAuthority)
            throws SQLException {
        period(query, 0, from, to, localAuthority);
    }

    /** The period and authority as the four parameters after the first {@code after}. */
    private static void period(PreparedStatement query, int after, Instant from, Instant to, String localAuthority)
            throws SQLException {
        query.setTimestamp(after + 1, Timestamp.from(from));
        query.setTimestamp(after + 2, Timestamp.from(to));
        query.setString(after + 3, localAuthority);
        query.setString(after + 4, localAuthority);
    }

    private static void pairs(PreparedStatement query, double reviewProbability, String localAuthority)
            throws SQLException {
        query.setDouble(1, reviewProbability);
        query.setString(2, localAuthority);
        query.setString(3, localAuthority);
        query.setString(4, localAuthority);
    }
}
