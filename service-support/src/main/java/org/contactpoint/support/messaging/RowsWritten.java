package org.contactpoint.support.messaging;

import io.quarkus.logging.Log;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * What a relay waits on when it has nothing to publish: PostgreSQL's LISTEN/NOTIFY on a channel that a statement
 * trigger on the relay's table notifies on insert (delivered at commit, so the rows are visible when it wakes). Before,
 * every relay polled its table every 25 ms however idle: 40 transactions a second each, and at 1 M children the
 * outbox's partial index of unsent rows held 400,000 dead entries the poll walked every time (1.35 ms, 874 buffers a
 * poll in the 1 M bench's lookups, with nothing to send).
 * <p>
 * The channel is LISTENed on a connection of its own, held from the first wait to {@link #close()}; notifications that
 * arrive while the relay is publishing wait on it, so none is missed between a poll and the next wait. Right after
 * (re)connecting the wait returns at once, so rows written while no one listened are polled. If it cannot listen
 * (connection lost, database restarting) it sleeps the short poll interval instead, as relays did before, and
 * listens again at the next wait. Used by one relay thread.
 */
public final class RowsWritten implements AutoCloseable {

    private final DataSource dataSource;
    private final String channel;
    private final Duration longestWait;
    private final Duration pollInterval;
    private Connection connection;
    private PGConnection listening;
    private boolean warned;

    /**
     * @param channel      the channel the table's trigger notifies (an SQL identifier)
     * @param longestWait  the longest wait with nothing notified: rows are polled at least this often anyway
     * @param pollInterval the wait while it cannot listen
     */
    public RowsWritten(DataSource dataSource, String channel, Duration longestWait, Duration pollInterval) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.longestWait = longestWait;
        this.pollInterval = pollInterval;
    }

    /** Waits until rows are written (committed), the longest wait has passed, or the thread is interrupted. */
    public void await() throws InterruptedException {
        try {
            if (listening == null) {
                listen();
                return;
            }
            listening.getNotifications((int) Math.max(1, longestWait.toMillis()));
        } catch (SQLException e) {
            if (!warned) {
                Log.warnf("Cannot listen on %s (%s): polling every %s until it can", channel, e.getMessage(),
                        pollInterval);
                warned = true;
            }
            close();
            Thread.sleep(pollInterval.toMillis());
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    private void listen() throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + channel);
        }
        listening = connection.unwrap(PGConnection.class);
        if (warned) {
            Log.infof("Listening on %s again", channel);
            warned = false;
        }
    }

    @Override
    public void close() {
        listening = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Already gone: nothing to give back.
            }
            connection = null;
        }
    }
}
