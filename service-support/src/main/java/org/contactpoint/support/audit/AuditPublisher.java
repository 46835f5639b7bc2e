package org.contactpoint.support.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.messaging.KafkaClients;
import org.contactpoint.support.messaging.MessagingConfig;
import org.contactpoint.support.tracing.Tracing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records an access by publishing its audit event straight to the service's audit topic and returning only once the
 * broker has acknowledged it (acks=all, idempotent producer): fail closed without a database write, for read paths
 * that write nothing else. The record carries the CloudEvents headers and payload the outbox relay would send, so the
 * audit service reads it unchanged; {@code ce_id} is the event's own id, so a duplicate is dropped by its inbox.
 * <p>
 * If the broker has not acknowledged within {@code contactpoint.audit.send-timeout}, {@link AuditUnavailable} is
 * thrown and the access must not be answered. The record may still arrive later (the producer's own timeout is the
 * same, but a request already on the wire can land): the trail may then hold an access that was refused, never the
 * other way round.
 */
@ApplicationScoped
public class AuditPublisher {

    private final MessagingConfig messaging;
    private final AuditConfig auditConfig;
    private final ObjectMapper objectMapper;
    private final Producer<String, String> producer;
    private final Tracing tracing;

    public AuditPublisher(MessagingConfig messaging, AuditConfig auditConfig, ObjectMapper objectMapper,
                          @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Tracing tracing) {
        this.messaging = messaging;
        this.tracing = tracing;
        this.auditConfig = auditConfig;
        this.objectMapper = objectMapper;
        int timeout = (int) auditConfig.sendTimeout().toMillis();
        Map<String, Object> config = KafkaClients.security(kafkaConfig);
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, messaging.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                // Each request waits for its own record: by default sent at once (concurrent lookups still share
                // batches while a request is in flight); a linger gathers more of them into one produce request.
                ProducerConfig.LINGER_MS_CONFIG, (int) auditConfig.linger().toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                // Kafka requires delivery >= linger + request timeout; the access still waits no longer than the
                // send timeout (record()'s deadline).
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout + (int) auditConfig.linger().toMillis(),
                ProducerConfig.CLIENT_ID_CONFIG, messaging.serviceName() + "-audit"));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /**
     * Publishes the event and waits for the broker's acknowledgement.
     *
     * @throws AuditUnavailable when it was not acknowledged within the send timeout
     */
    public void record(AuditEvent event) {
        String payload;
        try {
            payload = objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit event is not serialisable: " + event.action(), e);
        }
        // The access's trace (the lookup's server span) continues through the record to the audit-service's consumer.
        Span span = tracing.publishSpan(tracing.current(), auditConfig.topic(), event.eventId(), AuditEvent.TYPE);
        ProducerRecord<String, String> record = KafkaClients.cloudEvent(auditConfig.topic(), event.eventId(),
                event.eventId(), AuditEvent.TYPE, messaging.serviceName(), event.occurredAt(), payload, span, tracing);
        Duration timeout = auditConfig.sendTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // send() itself blocks (up to max.block.ms, the same timeout) while the broker's address is unknown.
            producer.send(record).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            span.setStatus(StatusCode.ERROR, "interrupted");
            throw new AuditUnavailable("Interrupted while recording the access", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            span.setStatus(StatusCode.ERROR, cause.getClass().getSimpleName());
            throw new AuditUnavailable("The audit trail did not acknowledge the access within " + timeout + ": "
                    + cause.getClass().getSimpleName(), cause);
        } finally {
            span.end();
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
