package org.contactpoint.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Makes a consumer idempotent: it records the message id in the handler's own transaction before anything is applied.
 * A redelivered message finds its id already recorded and the handler skips it.
 */
@ApplicationScoped
public class InboxGuard {

    private static final String RECORD = """
            INSERT INTO inbox_message (consumer, message_id) VALUES (?, ?) ON CONFLICT DO NOTHING""";

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
}
