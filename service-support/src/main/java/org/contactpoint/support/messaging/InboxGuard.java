package org.contactpoint.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a consumer idempotent: it records the message id in the handler's own transaction before anything is applied.
 * A redelivered message finds its id already recorded and the handler skips it.
 */
@ApplicationScoped
public class InboxGuard {

    private static final String RECORD = """
            INSERT INTO inbox_message (consumer, message_id) VALUES (?, ?) ON CONFLICT DO NOTHING""";

    private static final String RECORD_ALL = """
            INSERT INTO inbox_message (consumer, message_id) SELECT ?, unnest(?::text[])
            ON CONFLICT DO NOTHING RETURNING message_id""";

    private static final String FORGET_ALL = """
            DELETE FROM inbox_message WHERE consumer = ? AND message_id = ANY(?::text[])""";

    private final DataSource dataSource;

    public InboxGuard(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return true the first time this consumer sees this message id; false for every redelivery */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String messageId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, consumer);
            insert.setString(2, messageId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record message " + messageId + " for " + consumer, e);
        }
    }

    /**
     * Records a poll's message ids in one statement.
     *
     * @return the ids this consumer sees for the first time (each once, however often it appears in the list)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(String consumer, List<String> messageIds) {
        Set<String> first = new HashSet<>();
        if (messageIds.isEmpty()) {
            return first;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(RECORD_ALL)) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("text", messageIds.toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    first.add(rows.getString(1));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + messageIds.size() + " messages for " + consumer, e);
        }
    }

    /**
     * Takes messages out of the inbox again, in one statement: those a batch refused while the rest of it commits, so
     * that, as for a message applied on its own (whose refusal rolls back its inbox row), a redelivery is refused
     * again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String consumer, List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(FORGET_ALL)) {
            delete.setString(1, consumer);
            delete.setArray(2, connection.createArrayOf("text", messageIds.toArray()));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take " + messageIds.size() + " refused messages out of the"
                    + " inbox of " + consumer, e);
        }
    }
}
