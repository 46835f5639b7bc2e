import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How far audit-service is behind the gateway: lookups the gateway has answered minus the audit records of those
 * lookups that audit-service has stored in its hash chain. That covers every stage between the answer and the stored
 * record (the gateway's outbox and relay, the topic, audit-service's consumer and its chain append) and does not
 * depend on when the consumer commits its offsets (throttled, every few seconds, so a consumer-group lag would
 * overstate the backlog by up to that interval).
 *
 * <p>Stored records are counted in the audit database, as audit-service's own role, by an index range scan over what
 * was appended since the last count: records above the chain's last sequence seen, from the gateway's audit topic.
 * The chain appends under one lock held to commit, so sequences become visible in order and nothing can appear below
 * a sequence already seen.
 * The bench makes sure nothing else makes gateway lookups meanwhile ({@link #settle}).
 */
final class AuditBacklog implements AutoCloseable {

    /** The {@code source} audit-service stores for records consumed from the gateway's audit topic. */
    static final String GATEWAY_SOURCE = "gateway.audit-events.v1";

    private final Connection db;
    private final PreparedStatement appended;
    /** The chain's last sequence read so far, and the gateway records stored above the starting mark up to it. */
    private long lastSequence;
    private long stored;

    AuditBacklog(String jdbcUrl, String user, String password) throws SQLException {
        db = DriverManager.getConnection(jdbcUrl, user, password);
        db.setAutoCommit(true);
        db.setReadOnly(true);
        // Only the records appended since the last call: each call scans what is new, not the whole measurement.
        appended = db.prepareStatement("SELECT count(*) FILTER (WHERE source = ?), coalesce(max(sequence), ?)"
                + " FROM audit_record WHERE sequence > ?");
        lastSequence = lastSequence();
    }

    /** From the environment the run script sets: BENCH_AUDIT_JDBC_URL, BENCH_AUDIT_DB_USER, BENCH_AUDIT_DB_PASSWORD. */
    static AuditBacklog fromEnvironment() throws SQLException {
        return new AuditBacklog(jdbcUrl(), System.getenv("BENCH_AUDIT_DB_USER"), System.getenv("BENCH_AUDIT_DB_PASSWORD"));
    }

    private static String jdbcUrl() {
        String url = System.getenv("BENCH_AUDIT_JDBC_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("BENCH_AUDIT_JDBC_URL is not set: the audit backlog cannot be measured");
        }
        return url;
    }

    long lastSequence() throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT coalesce(max(sequence), 0) FROM audit_record");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Gateway audit records stored since this measurement began. */
    long stored() throws SQLException {
        appended.setString(1, GATEWAY_SOURCE);
        appended.setLong(2, lastSequence);
        appended.setLong(3, lastSequence);
        try (ResultSet r = appended.executeQuery()) {
            r.next();
            stored += r.getLong(1);
            lastSequence = r.getLong(2);
        }
        return stored;
    }

    /**
     * Waits until the chain has not grown for {@code quietSeconds} (what an earlier step left behind is stored), so
     * that a measurement neither starts against an earlier backlog nor counts its records. Returns the seconds waited.
     */
    static double settle(int quietSeconds, int maxSeconds) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        try (AuditBacklog probe = fromEnvironment()) {
            long last = probe.lastSequence();
            long quietSince = System.nanoTime();
            while ((System.nanoTime() - quietSince) / 1e9 < quietSeconds && (System.nanoTime() - start) / 1e9 < maxSeconds) {
                Thread.sleep(500);
                long now = probe.lastSequence();
                if (now != last) {
                    last = now;
                    quietSince = System.nanoTime();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
