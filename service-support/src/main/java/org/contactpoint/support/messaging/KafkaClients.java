package org.contactpoint.support.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.support.tracing.Tracing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the services' own Kafka clients (those not made by smallrye channels) share: they reach the brokers as the
 * channels do; the relays from a service's database to Kafka (the outbox relay; audit-service's stream, published from
 * its chain) send only what the broker durably acknowledges, once (acks=all, idempotent); every record sent carries
 * the CloudEvents headers (the relays' and the audit publisher's alike).
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * An idempotent, acks=all producer to the configured brokers, reaching them as every channel does (the
     * {@code kafka.security.*}, {@code sasl.*} and {@code ssl.*} properties, usually KAFKA_SECURITY_PROTOCOL,
     * KAFKA_SASL_JAAS_CONFIG, KAFKA_SSL_... in the environment).
     *
     * @param client what follows the service's name in the client id ({@code outbox-relay}, say)
     */
    public static Producer<String, String> relayProducer(MessagingConfig config, Map<String, Object> kafkaConfig, String client) {
        Map<String, Object> producerConfig = security(kafkaConfig);
        producerConfig.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.outbox().sendTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(config.outbox().sendTimeout().toMillis(), 15_000),
                ProducerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-" + client));
        return new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
    }

    /**
     * How to reach the brokers securely (SASL/SCRAM or mTLS), as every channel does: the {@code security.*},
     * {@code sasl.*} and {@code ssl.*} properties of the Kafka configuration, in a map to add a producer's own to.
     */
    public static Map<String, Object> security(Map<String, Object> kafkaConfig) {
        Map<String, Object> security = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                security.put(key, value);
            }
        });
        return security;
    }

    /**
     * A record with its CloudEvents headers ({@code ce_id}, type, source, time, subject: the key) and, when
     * {@code span} is a real one, its {@code traceparent}, so the consumer continues the trace under that span.
     */
    public static ProducerRecord<String, String> cloudEvent(String topic, String key, String id, String type,
                                                            String source, Instant time, String payload, Span span,
                                                            Tracing tracing) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.ID, id);
        header(headers, CloudEventHeaders.TYPE, type);
        header(headers, CloudEventHeaders.SOURCE, source);
        header(headers, CloudEventHeaders.TIME, time.toString());
        header(headers, CloudEventHeaders.SUBJECT, key);
        header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        if (span.getSpanContext().isValid()) {
            tracing.inject(Context.root().with(span), (name, value) -> header(headers, name, value));
        }
        return new ProducerRecord<>(topic, null, key, payload, headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
