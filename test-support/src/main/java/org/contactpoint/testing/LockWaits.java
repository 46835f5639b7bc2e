package org.contactpoint.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * For tests of what a statement does while it waits for a row lock (a foreign key's guarantees, say): whether a
 * backend is waiting for a lock, asked of the server rather than guessed from a pause.
 */
public final class LockWaits {

    private LockWaits() {
    }

    /** Returns once backend {@code pid} waits for a lock, as {@code watching} (another connection) sees it. */
    public static void awaitWaitingForALock(Connection watching, long pid) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (PreparedStatement waiting = watching.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'")) {
            waiting.setLong(1, pid);
            while (true) {
                try (ResultSet row = waiting.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("backend " + pid + " never waited for a lock within 30 s");
                }
                Thread.sleep(20);
            }
        }
    }
}
