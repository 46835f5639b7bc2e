package org.contactpoint.support.scheduling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Lets a scheduled job run on one replica at a time. Every replica's scheduler fires, but only the one that takes
 * the job's transaction-scoped advisory lock does the work; the others skip that round. The lock ends with the
 * caller's transaction, so a replica that dies mid-job frees it at once, and the next round elects again.
 * Without it a job such as a misuse rule or an expiry sweep would act once per replica.
 */
@ApplicationScoped
public class SingleReplica {

    private final DataSource dataSource;

    public SingleReplica(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param jobKey a fixed number per job, unique within the service's database
     * @return whether this replica holds the job for the rest of the caller's transaction
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean leads(long jobKey) {
        // The connection is the one enlisted in the caller's transaction, so the lock lives exactly as long.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, jobKey);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the advisory lock of job " + jobKey, e);
        }
    }
}
