package org.contactpoint.support.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.contactpoint.support.tracing.Tracing;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox rows to Kafka in sequence order and marks them sent only after the broker has acknowledged them
 * (acks=all, idempotent producer). A crash between publish and mark re-publishes the batch; consumers drop the
 * duplicates by {@code ce_id}.
 * <p>
 * Any number of instances may run: each batch runs under a transaction-scoped advisory lock, so exactly one
 * instance publishes at a time and order is kept.
 * <p>
 * Order is sequence order, which is insert order, not commit order: two transactions changing the same aggregate must
 * serialise on it (the services lock the row they change), and consumers drop anything older than the version they
 * hold. Across aggregates no order is promised, as Kafka promises none across keys.
 * <p>
 * A row the broker refuses for good (a non-retriable error such as a record larger than it accepts) would block every
 * row behind it for ever. After {@code maxAttempts} refusals it is moved to {@code outbox_dead_letter} with the reason,
 * logged as an error, and counted ({@link #deadLettered()}, the {@code contactpoint.outbox.dead.letters} gauge and the
 * readiness detail); the rows behind it are published. Its aggregate's consumers then see a gap in its versions, which
 * they tolerate (newest wins), until someone re-sends a corrected event.
 * <p>
 * A row written while tracing (a REST request, say) keeps its trace context: the relay records a producer span for it,
 * a child of the request's span, ended when the broker acknowledges, and sends that span's {@code traceparent} as a
 * record header, so the consumer's span continues the same trace. A row without one starts no trace.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Arbitrary but fixed: the advisory lock that elects the publishing instance. */
    private static final long RELAY_LOCK = 0x0C0_77AC7L;
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);
    /** Notified at commit by outbox_event's insert trigger (db/messaging V0_3). */
    private static final String OUTBOX_WRITTEN = "outbox_event_written";

    private static final String SELECT_UNSENT = """
            SELECT sequence, id, aggregatetype, aggregateid, type, payload, created_at, tracingspancontext
            FROM outbox_event WHERE sent_at IS NULL ORDER BY sequence LIMIT ?""";
    private static final String MARK_SENT = "UPDATE outbox_event SET sent_at = now() WHERE sequence = ANY (?)";
    private static final String DELETE_OLD = "DELETE FROM outbox_event WHERE sent_at < ?";
    private static final String DEAD_LETTER = """
            WITH moved AS (DELETE FROM outbox_event WHERE sequence = ? RETURNING *)
            INSERT INTO outbox_dead_letter (sequence, id, aggregatetype, aggregateid, type, payload, created_at, reason,
                                            attempts, tracingspancontext)
            SELECT sequence, id, aggregatetype, aggregateid, type, payload, created_at, ?, ?, tracingspancontext
            FROM moved""";
    private static final String COUNT_DEAD = "SELECT count(*) FROM outbox_dead_letter";

    private final DataSource dataSource;
    private final MessagingConfig config;
    private final Tracing tracing;
    private final Map<String, Object> kafkaConfig;
    /** Refusals per outbox sequence, for rows the broker rejected with a non-retriable error. */
    private final Map<Long, Integer> refusals = new ConcurrentHashMap<>();
    private RelayLoop loop;
    private RowsWritten rowsWritten;
    private Producer<String, String> producer;
    private Instant nextCleanup = Instant.now();

    public OutboxRelay(DataSource dataSource, MessagingConfig config,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Tracing tracing) {
        this.dataSource = dataSource;
        this.config = config;
        this.tracing = tracing;
        this.kafkaConfig = kafkaConfig;
    }

    void start(@Observes StartupEvent event) {
        if (!config.outbox().relayEnabled()) {
            Log.info("Outbox relay disabled on this instance");
            return;
        }
        producer = KafkaClients.relayProducer(config, kafkaConfig, "outbox-relay");
        rowsWritten = new RowsWritten(dataSource, OUTBOX_WRITTEN, config.outbox().idleCheckInterval(),
                config.outbox().pollInterval());
        loop = new RelayLoop("outbox-relay", config.outbox().pollInterval(), Logger.Level.WARN,
                "Outbox relay could not publish", this::publishBatch, rowsWritten::await);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
        }
        if (rowsWritten != null) {
            rowsWritten.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** How many outbox rows were refused for good and moved to {@code outbox_dead_letter}; -1 if unknown. */
    public long deadLettered() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(COUNT_DEAD);
             ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Why the last publish attempt failed, or empty if it succeeded (or the relay does not run here). */
    public java.util.Optional<String> lastFailure() {
        return loop == null ? java.util.Optional.empty() : loop.lastFailure();
    }

    /** Publishes one batch if this instance holds the relay lock; returns how many rows it published. */
    int publishBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLead(connection)) {
                    connection.commit();
                    return 0;
                }
                List<Long> sequences = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                List<Span> spans = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(SELECT_UNSENT)) {
                    select.setInt(1, config.outbox().batchSize());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            sequences.add(rows.getLong("sequence"));
                            Span span = publishSpan(rows);
                            spans.add(span);
                            acks.add(producer.send(toRecord(rows, span)));
                        }
                    }
                }
                List<Long> sent = new ArrayList<>();
                Map<Long, String> refused = new java.util.LinkedHashMap<>();
                if (!sequences.isEmpty()) {
                    producer.flush();
                    long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
                    for (int i = 0; i < acks.size(); i++) {
                        try {
                            acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                            sent.add(sequences.get(i));
                            spans.get(i).end();
                        } catch (ExecutionException e) {
                            spans.get(i).setStatus(StatusCode.ERROR, e.getCause() == null ? "failed"
                                    : e.getCause().getClass().getSimpleName()).end();
                            if (e.getCause() instanceof RetriableException || e.getCause() == null) {
                                endAll(spans);
                                throw e;
                            }
                            refused.put(sequences.get(i), e.getCause().getClass().getSimpleName() + ": "
                                    + e.getCause().getMessage());
                        } catch (TimeoutException | InterruptedException e) {
                            endAll(spans);
                            throw e;
                        }
                    }
                    if (!refused.isEmpty() && !giveUpOn(refused)) {
                        // Roll back and retry the whole batch, so that order holds while the refusal may yet pass.
                        throw new IllegalStateException("the broker refused outbox row(s) " + refused);
                    }
                    for (Map.Entry<Long, String> row : refused.entrySet()) {
                        deadLetter(connection, row.getKey(), row.getValue());
                    }
                    try (PreparedStatement mark = connection.prepareStatement(MARK_SENT)) {
                        Array array = connection.createArrayOf("bigint", sent.toArray());
                        mark.setArray(1, array);
                        mark.executeUpdate();
                    }
                }
                cleanUpIfDue(connection);
                connection.commit();
                refused.keySet().forEach(refusals::remove);
                return sent.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Counts one more refusal of each row; true once every one of them has been refused {@code maxAttempts} times. */
    private boolean giveUpOn(Map<Long, String> refused) {
        boolean giveUp = true;
        for (Long sequence : refused.keySet()) {
            giveUp &= refusals.merge(sequence, 1, Integer::sum) >= config.outbox().maxAttempts();
        }
        return giveUp;
    }

    private void deadLetter(Connection connection, long sequence, String reason) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement(DEAD_LETTER)) {
            move.setLong(1, sequence);
            move.setString(2, reason);
            move.setInt(3, refusals.getOrDefault(sequence, 0));
            move.executeUpdate();
        }
        Log.errorf("ALERT outbox row %d refused by the broker %d times and moved to outbox_dead_letter: %s. "
                + "The events behind it are published; this one needs fixing and re-sending.", sequence,
                refusals.getOrDefault(sequence, 0), reason);
    }

    private static boolean tryLead(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /**
     * The producer span of a row written with a trace context, a child of it; an invalid (no-op) span otherwise, so
     * rows written outside any trace cost nothing here.
     */
    private Span publishSpan(ResultSet row) throws SQLException {
        String stored = row.getString("tracingspancontext");
        if (stored == null) {
            return Span.getInvalid();
        }
        return tracing.publishSpan(tracing.extract(Tracing.headers(stored)), row.getString("aggregatetype"),
                row.getString("id"), row.getString("type"));
    }

    /** Ends spans still open when a batch is abandoned (ending one twice is harmless). */
    private static void endAll(List<Span> spans) {
        spans.forEach(Span::end);
    }

    private ProducerRecord<String, String> toRecord(ResultSet row, Span span) throws SQLException {
        return KafkaClients.cloudEvent(row.getString("aggregatetype"), row.getString("aggregateid"),
                row.getString("id"), row.getString("type"), config.serviceName(),
                row.getTimestamp("created_at").toInstant(), row.getString("payload"), span, tracing);
    }

    private void cleanUpIfDue(Connection connection) throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(CLEANUP_EVERY);
        try (PreparedStatement delete = connection.prepareStatement(DELETE_OLD)) {
            delete.setTimestamp(1, Timestamp.from(now.minus(config.outbox().retention())));
            delete.executeUpdate();
        }
    }
}
