package org.contactpoint.audit.repository;

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
 * The shared inbox (service-support's {@code inbox_message}), a batch at a time: one statement records every message
 * id of a poll, and says which were new.
 */
@ApplicationScoped
public class InboxRepository {

    private static final String RECORD = """
            INSERT INTO inbox_message (consumer, message_id) SELECT ?, id FROM unnest(?) AS id
            ON CONFLICT DO NOTHING RETURNING message_id""";

    private final DataSource dataSource;

    public InboxRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the ids this consumer sees for the first time; the others are redeliveries */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(String consumer, List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, consumer);
            insert.setArray(2, Jdbc.texts(connection, messageIds));
            Set<String> first = new HashSet<>();
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
}
