package org.contactpoint.support.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Writes an event into the outbox in the caller's transaction: if the change rolls back, so does the event, and
 * once the change commits the relay is bound to publish it.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload) VALUES (?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final ObjectMapper objectMapper;

    public OutboxWriter(DataSource dataSource, ObjectMapper objectMapper) {
        this.dataSource = dataSource;
        this.objectMapper = objectMapper;
    }

    /**
     * Appends an event.
     *
     * @param topic   the topic it is routed to (Debezium's aggregate type)
     * @param key     the record key, e.g. the child's ContactPoint ID
     * @param type    the CloudEvents type, e.g. {@code identity.child.registered.v1}
     * @param payload the event record, serialised as JSON; {@code null} publishes a tombstone
     * @return the event id, which travels as the {@code ce_id} header
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String topic, String key, String type, Object payload) {
        UUID id = UUID.randomUUID();
        // The connection is the one enlisted in the caller's transaction; closing it only hands it back.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, type);
            insert.setString(5, payload == null ? null : objectMapper.writeValueAsString(payload));
            insert.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the event to the outbox", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload is not serialisable: " + type, e);
        }
    }
}
