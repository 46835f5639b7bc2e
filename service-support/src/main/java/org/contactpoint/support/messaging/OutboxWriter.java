package org.contactpoint.support.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.support.tracing.Tracing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Writes an event into the outbox in the caller's transaction: if the change rolls back, so does the event, and
 * once the change commits the relay is bound to publish it. The trace context of the work in hand (the REST request's
 * span, say) is kept in the row, so the relay's Kafka record continues the same trace.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, tracingspancontext)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final ObjectMapper objectMapper;
    private final Tracing tracing;

    public OutboxWriter(DataSource dataSource, ObjectMapper objectMapper, Tracing tracing) {
        this.dataSource = dataSource;
        this.objectMapper = objectMapper;
        this.tracing = tracing;
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
            insert.setString(6, tracing.serialise(tracing.current()));
            insert.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the event to the outbox", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload is not serialisable: " + type, e);
        }
    }

    /** An event to append: its topic, record key, CloudEvents type and payload (null: a tombstone). */
    public record Outgoing(String topic, String key, String type, Object payload) {
    }

    private static final String INSERT_ALL = """
            INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, tracingspancontext)
            SELECT id, aggregatetype, aggregateid, type, payload, ?
            FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[]) WITH ORDINALITY
                AS e(id, aggregatetype, aggregateid, type, payload, n)
            ORDER BY n""";

    /**
     * Appends many events in one statement, in the order given (their sequence follows it, so the relay publishes
     * them in that order): a batch's events cost one round trip, not one each. They share the trace context of the
     * work in hand, sent once.
     *
     * @return the event ids, in the order given
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> appendAll(List<Outgoing> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int size = events.size();
        UUID[] ids = new UUID[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        String[] payloads = new String[size];
        for (int i = 0; i < size; i++) {
            Outgoing event = events.get(i);
            ids[i] = UUID.randomUUID();
            topics[i] = event.topic();
            keys[i] = event.key();
            types[i] = event.type();
            try {
                payloads[i] = event.payload() == null ? null : objectMapper.writeValueAsString(event.payload());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Event payload is not serialisable: " + event.type(), e);
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
            insert.setString(1, tracing.serialise(tracing.current()));
            insert.setArray(2, connection.createArrayOf("text",
                    Arrays.stream(ids).map(UUID::toString).toArray()));
            insert.setArray(3, connection.createArrayOf("varchar", topics));
            insert.setArray(4, connection.createArrayOf("varchar", keys));
            insert.setArray(5, connection.createArrayOf("varchar", types));
            insert.setArray(6, connection.createArrayOf("text", payloads));
            insert.executeUpdate();
            return List.of(ids);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the events to the outbox", e);
        }
    }
}
