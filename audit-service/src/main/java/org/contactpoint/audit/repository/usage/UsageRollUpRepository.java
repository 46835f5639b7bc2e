package org.contactpoint.audit.repository.usage;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The daily usage roll-up ({@code usage_daily_count}, V37): the trail's records counted per day in England's
 * calendar, kind of access, organisation and actor's local authority, from the watermark in
 * {@code usage_roll_up_watermark} onwards, set-based. Nothing personal is written.
 *
 * <p>Why a sequence watermark is safe: every append holds the chain head FOR UPDATE until it commits
 * ({@code ChainAppendRepository}), so records become visible in sequence order; once a statement sees sequence n, it
 * sees every record before n, and none can appear below the watermark later.
 */
@ApplicationScoped
public class UsageRollUpRepository {

    /** The watermark, locked until the transaction ends; nothing when another roll-up holds it. */
    private static final String LOCK_WATERMARK =
            "SELECT rolled_up_to FROM usage_roll_up_watermark WHERE id = 1 FOR UPDATE SKIP LOCKED";
    /** The highest of the next (at most) batch records after the watermark, and how many they are. */
    private static final String BATCH_END = """
            SELECT max(sequence), count(*) FROM (
                SELECT sequence FROM audit_record WHERE sequence > ? ORDER BY sequence LIMIT ?) batch
            """;
    /* Parameters: after, up to (inclusive). */
    private static final String ROLL_UP = """
            INSERT INTO usage_daily_count AS u (day, kind, organisation_code, local_authority, organisation, accesses)
            SELECT (r.occurred_at AT TIME ZONE 'Europe/London')::date, k.kind, r.organisation_code,
                   r.e -> 'actor' ->> 'localAuthority', max(r.organisation), count(*)
            FROM (SELECT occurred_at, organisation_code, organisation, service, action, outcome,
                         canonical_event::jsonb AS e
                  FROM audit_record WHERE sequence > ? AND sequence <= ?) r
            CROSS JOIN LATERAL %s AS k(kind, counted)
            WHERE k.counted
            GROUP BY 1, 2, 3, 4
            ON CONFLICT ON CONSTRAINT usage_daily_count_key DO UPDATE
                SET accesses = u.accesses + EXCLUDED.accesses,
                    organisation = GREATEST(u.organisation, EXCLUDED.organisation)
            """.formatted(UsageKind.kindsOfRecord());
    private static final String ADVANCE =
            "UPDATE usage_roll_up_watermark SET rolled_up_to = ?, rolled_at = ? WHERE id = 1";
    private static final String WATERMARK = "SELECT rolled_up_to FROM usage_roll_up_watermark WHERE id = 1";

    private final DataSource dataSource;

    public UsageRollUpRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * In the caller's transaction: counts the next (at most) {@code batch} records after the watermark into the
     * roll-up and moves the watermark past them, both committed together.
     *
     * @return the records counted and the new watermark; empty when another instance is rolling up (its lock held)
     *         or nothing is new
     */
    public Optional<Step> rollUpNext(int batch, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            long after;
            try (PreparedStatement lock = connection.prepareStatement(LOCK_WATERMARK);
                 ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                after = row.getLong(1);
            }
            long upTo;
            int records;
            try (PreparedStatement end = connection.prepareStatement(BATCH_END)) {
                end.setLong(1, after);
                end.setInt(2, batch);
                try (ResultSet row = end.executeQuery()) {
                    row.next();
                    upTo = row.getLong(1);
                    records = row.getInt(2);
                    if (records == 0) {
                        return Optional.empty();
                    }
                }
            }
            try (PreparedStatement rollUp = connection.prepareStatement(ROLL_UP)) {
                rollUp.setLong(1, after);
                rollUp.setLong(2, upTo);
                rollUp.executeUpdate();
            }
            try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
                advance.setLong(1, upTo);
                advance.setTimestamp(2, Timestamp.from(now));
                advance.executeUpdate();
            }
            return Optional.of(new Step(records, upTo));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not roll up usage", e);
        }
    }

    /** One transaction's roll-up: how many records it counted, and the watermark it moved to. */
    public record Step(int records, long watermark) {
    }

    /** The last sequence counted in the roll-up (0: none). */
    public long watermark() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(WATERMARK);
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the usage watermark", e);
        }
    }
}
