package org.contactpoint.support.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

    /** One event of a multi-row append: see {@link #append(String, String, String, Object)} for the fields. */
    public record Message(String topic, String key, String type, Object payload) {
    }

    private static final String INSERT_ALL = """
            INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload)
            SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[])""";

    /**
     * Appends many events in one statement, in list order (the relay publishes them in that order): a bulk load
     * writes a batch's events in one round trip instead of one per event.
     *
     * @return the event ids, in list order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        int n = messages.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        try {
            for (int i = 0; i < n; i++) {
                Message message = messages.get(i);
                ids[i] = UUID.randomUUID();
                topics[i] = message.topic();
                keys[i] = message.key();
                types[i] = message.type();
                payloads[i] = message.payload() == null ? null : objectMapper.writeValueAsString(message.payload());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload is not serialisable", e);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
            insert.setArray(1, connection.createArrayOf("uuid", ids));
            insert.setArray(2, connection.createArrayOf("varchar", topics));
            insert.setArray(3, connection.createArrayOf("varchar", keys));
            insert.setArray(4, connection.createArrayOf("varchar", types));
            insert.setArray(5, connection.createArrayOf("text", payloads));
            insert.executeUpdate();
            return new ArrayList<>(List.of(ids));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the events to the outbox", e);
        }
    }
}
