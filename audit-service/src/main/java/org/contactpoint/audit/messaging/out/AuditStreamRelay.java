package org.contactpoint.audit.messaging.out;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.contactpoint.audit.config.ChainConfig;
import org.contactpoint.audit.repository.AuditStreamRepository;
import org.contactpoint.audit.repository.AuditStreamRepository.Position;
import org.contactpoint.audit.repository.AuditStreamRepository.Unpublished;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditRecordEvent;
import org.contactpoint.events.audit.ChainCheckpoint;
import org.contactpoint.support.messaging.MessagingConfig;
import org.contactpoint.support.messaging.RelayLoop;
import org.contactpoint.support.messaging.RowsWritten;
import org.contactpoint.support.messaging.KafkaClients;
import org.contactpoint.support.tracing.Tracing;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the audit stream ({@code audit.records.v1}) straight from the chain: every stored record in chain order,
 * then, at the configured interval, a checkpoint of the last record sent. A batch is read after the published position,
 * sent, and the position moved only once the broker has acknowledged all of it (acks=all, idempotent producer), in one
 * transaction holding the position's row: one publisher at a time, whichever instance, so the stream keeps chain
 * order; an instance that finds the row held leaves the batch to the holder. A crash between the acknowledgement and
 * the move sends the batch again, with the same {@code ce_id}s (derived from each record's hash), for consumers to
 * drop.
 * <p>
 * Until issue 19 (session 18) every record was copied into the outbox in its append's transaction and the outbox
 * relay sent the copy and marked it sent: two of the three writes a lookup cost this database. The stream never skips
 * a record: one the broker refuses is retried (with backoff, the reason on the readiness check and in the log) until
 * it passes, as a witness must see the whole chain.
 */
@ApplicationScoped
public class AuditStreamRelay {

    private final DataSource dataSource;
    private final AuditStreamRepository stream;
    private final MessagingConfig messaging;
    private final ChainConfig chain;
    private final Map<String, Object> kafkaConfig;
    private final ObjectMapper objectMapper;
    private final Tracing tracing;
    private final Clock clock;
    private RelayLoop loop;
    private RowsWritten rowsWritten;
    private Producer<String, String> producer;

    public AuditStreamRelay(DataSource dataSource, AuditStreamRepository stream, MessagingConfig messaging,
                            ChainConfig chain, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                            ObjectMapper objectMapper, Tracing tracing, Clock clock) {
        this.dataSource = dataSource;
        this.stream = stream;
        this.messaging = messaging;
        this.chain = chain;
        this.kafkaConfig = kafkaConfig;
        this.objectMapper = objectMapper;
        this.tracing = tracing;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (!messaging.outbox().relayEnabled()) {
            Log.info("Audit stream relay disabled on this instance");
            return;
        }
        producer = KafkaClients.relayProducer(messaging, kafkaConfig, "audit-stream");
        // Woken by appends (V42's trigger); checkpoints fall due with nothing appended, so it looks at least that often.
        Duration longestWait = messaging.outbox().idleCheckInterval().compareTo(chain.checkpointInterval()) < 0
                ? messaging.outbox().idleCheckInterval() : chain.checkpointInterval();
        rowsWritten = new RowsWritten(dataSource, "audit_record_appended", longestWait,
                messaging.outbox().pollInterval());
        loop = new RelayLoop("audit-stream-relay", messaging.outbox().pollInterval(), Logger.Level.ERROR,
                "The audit stream could not be published (nothing is skipped)", this::publishBatch,
                rowsWritten::await);
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

    /** Why the last attempt to publish failed, or empty if it succeeded (or the relay does not run here). */
    public Optional<String> lastFailure() {
        return loop == null ? Optional.empty() : loop.lastFailure();
    }

    /** Records stored and not yet on the stream. */
    public AuditStreamRepository.Backlog backlog() {
        return stream.backlog();
    }

    /**
     * Publishes the next records of the chain (and a checkpoint, when one is due) unless another instance is
     * publishing; returns how many records it published. The relay's thread calls it in a loop; any number of
     * callers at once (instances) publish in turn.
     */
    public int publishBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<Position> held = stream.lockPosition(connection);
                if (held.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                Position position = held.get();
                List<Unpublished> records = stream.after(connection, position.publishedSequence(),
                        messaging.outbox().batchSize());
                reportGaps(position.publishedSequence(), records);
                long last = records.isEmpty() ? position.publishedSequence() : records.get(records.size() - 1).sequence();
                Instant now = clock.instant();
                boolean checkpointDue = last > position.checkpointedSequence()
                        && !now.isBefore(position.checkpointedAt().plus(chain.checkpointInterval()));
                if (records.isEmpty() && !checkpointDue) {
                    connection.commit();
                    return 0;
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(records.size() + 1);
                List<Span> spans = new ArrayList<>(records.size() + 1);
                for (Unpublished record : records) {
                    String id = eventId("record", record.recordHash());
                    Span span = record.streamTrace() == null ? Span.getInvalid()
                            : tracing.publishSpan(tracing.extract(Tracing.headers(record.streamTrace())),
                            Topics.AUDIT_RECORDS, id, AuditRecordEvent.TYPE);
                    spans.add(span);
                    acks.add(producer.send(KafkaClients.cloudEvent(Topics.AUDIT_RECORDS, AuditRecordEvent.CHAIN_KEY,
                            id, AuditRecordEvent.TYPE, messaging.serviceName(), record.storedAt(), payload(record),
                            span, tracing)));
                }
                Position moved = new Position(last, position.checkpointedSequence(), position.checkpointedAt());
                if (checkpointDue) {
                    // After the records it covers, on the same key: a witness reads it once it holds them all.
                    String headHash = records.isEmpty() ? stream.hashOf(connection, last)
                            : records.get(records.size() - 1).recordHash();
                    ChainCheckpoint checkpoint = new ChainCheckpoint(last, headHash,
                            position.checkpointedSequence(), now);
                    spans.add(Span.getInvalid());
                    acks.add(producer.send(KafkaClients.cloudEvent(Topics.AUDIT_RECORDS, AuditRecordEvent.CHAIN_KEY,
                            eventId("checkpoint", headHash), ChainCheckpoint.TYPE, messaging.serviceName(), now,
                            objectMapper.writeValueAsString(checkpoint), Span.getInvalid(), tracing)));
                    moved = new Position(last, last, now);
                }
                producer.flush();
                awaitAll(acks, spans);
                stream.advance(connection, moved);
                connection.commit();
                if (checkpointDue) {
                    Log.infof("Checkpoint of the audit chain at %d published", last);
                }
                return records.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * The chain is appended without gaps, so a missing sequence is a record removed from {@code audit_record} behind
     * the database's back before it was published. The stream goes on (a witness sees the gap in the sequences and the
     * broken link in the hashes); the security team is told now.
     */
    private static void reportGaps(long published, List<Unpublished> records) {
        long expected = published + 1;
        for (Unpublished record : records) {
            if (record.sequence() != expected) {
                Log.errorf("ALERT the audit chain has no record %d to %d: removed from audit_record before it was "
                        + "published on %s (verify the chain)", expected, record.sequence() - 1, Topics.AUDIT_RECORDS);
            }
            expected = record.sequence() + 1;
        }
    }

    /** Waits for the broker to acknowledge every record sent; any failure fails the batch (it is sent again). */
    private void awaitAll(List<Future<RecordMetadata>> acks, List<Span> spans) throws Exception {
        long deadline = System.nanoTime() + messaging.outbox().sendTimeout().toNanos();
        try {
            for (int i = 0; i < acks.size(); i++) {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                spans.get(i).end();
            }
        } catch (Exception e) {
            for (Span span : spans) {
                span.setStatus(StatusCode.ERROR, "not acknowledged").end();
            }
            throw e;
        }
    }

    /** The {@code ce_id} of a stream event: the same each time it is sent, different for every record. */
    static String eventId(String kind, String hash) {
        return UUID.nameUUIDFromBytes((Topics.AUDIT_RECORDS + "/" + kind + "/" + hash)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The {@link AuditRecordEvent} of a record, its members in the contract's order, with the event as chained: its
     * canonical JSON, already written to compute the hash (the same members as the event written afresh, in name
     * order), so the stream costs no second serialisation of every event (issue 19). An outsider recomputes the hash
     * from it exactly as before.
     */
    static String payload(Unpublished record) {
        JsonStringEncoder strings = JsonStringEncoder.getInstance();
        StringBuilder json = new StringBuilder(record.canonicalEvent().length() + 256);
        json.append("{\"sequence\":").append(record.sequence()).append(",\"source\":\"");
        strings.quoteAsString(record.source(), json);
        json.append("\",\"storedAt\":\"").append(record.storedAt())
                .append("\",\"previousHash\":\"").append(record.previousHash())
                .append("\",\"recordHash\":\"").append(record.recordHash())
                .append("\",\"event\":").append(record.canonicalEvent());
        return json.append('}').toString();
    }
}
