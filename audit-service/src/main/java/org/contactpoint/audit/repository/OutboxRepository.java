package org.contactpoint.audit.repository;

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
 * The shared outbox ({@code outbox_event}, the columns service-support's OutboxWriter writes), a batch of rows in one
 * statement. Rows are numbered in the order given, so the relay publishes them in that order.
 */
@ApplicationScoped
public class OutboxRepository {

    /**
     * One event to publish: its id travels as {@code ce_id}; the payload is already JSON; {@code trace} is the trace
     * context the relay's Kafka record continues (service-support's {@code Tracing.serialise}: {@code traceparent}
     * lines), null for none.
     */
    public record Row(UUID id, String topic, String key, String type, String payload, String trace) {
    }

    private static final String INSERT = """
            INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, tracingspancontext)
            SELECT r.id, r.topic, r.key, r.type, r.payload, r.trace
            FROM unnest(?, ?, ?, ?, ?, ?) WITH ORDINALITY AS r(id, topic, key, type, payload, trace, position)
            ORDER BY r.position""";

    private final DataSource dataSource;

    public OutboxRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(rows.size());
        List<String> topics = new ArrayList<>(rows.size()), keys = new ArrayList<>(rows.size()),
                types = new ArrayList<>(rows.size()), payloads = new ArrayList<>(rows.size()),
                traces = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.id());
            topics.add(row.topic());
            keys.add(row.key());
            types.add(row.type());
            payloads.add(row.payload());
            traces.add(row.trace());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, Jdbc.uuids(connection, ids));
            insert.setObject(2, Jdbc.texts(connection, topics));
            insert.setObject(3, Jdbc.texts(connection, keys));
            insert.setObject(4, Jdbc.texts(connection, types));
            insert.setObject(5, Jdbc.texts(connection, payloads));
            insert.setObject(6, Jdbc.texts(connection, traces));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + rows.size() + " events to the outbox", e);
        }
    }
}
