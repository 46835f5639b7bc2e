package org.contactpoint.support.messaging;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Dead-letters single records of a poll consumed in batch mode: to {@code <topic>.dlq}, with the record's key, value
 * and headers and the headers the connector's own dead-letter queue adds ({@code dead-letter-reason} first among
 * them). A poll is acknowledged only after its dead letters are, so a record is never skipped without being kept
 * somewhere; while the broker refuses them, the partition waits. Each service's {@code DeadLetters} bean extends this
 * with the emitter of its own dead-letter channel.
 */
public abstract class BatchDeadLetters {

    /** A record that cannot be applied, and why. */
    public record DeadLetter(ConsumerRecord<String, String> record, Throwable reason) {
    }

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final MutinyEmitter<String> emitter;

    protected BatchDeadLetters(MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public void send(List<DeadLetter> deadLetters) {
        for (DeadLetter deadLetter : deadLetters) {
            send(deadLetter);
        }
    }

    private void send(DeadLetter deadLetter) {
        ConsumerRecord<String, String> record = deadLetter.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        String reason = String.valueOf(deadLetter.reason().getMessage());
        headers.add(text(CloudEventHeaders.DEAD_LETTER_REASON, reason));
        if (deadLetter.reason().getCause() != null) {
            headers.add(text("dead-letter-cause", String.valueOf(deadLetter.reason().getCause().getMessage())));
        }
        headers.add(text("dead-letter-topic", record.topic()));
        headers.add(text("dead-letter-partition", String.valueOf(record.partition())));
        headers.add(text("dead-letter-offset", String.valueOf(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetter(record.topic())).withKey(record.key()).withHeaders(headers).build();
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                emitter.sendMessageAndAwait(Message.of(record.value(), Metadata.of(metadata)));
                Log.debugf("Dead-lettered %s/%d/%d: %s", record.topic(), record.partition(), record.offset(), reason);
                return;
            } catch (RuntimeException e) {
                Log.warnf("Could not dead-letter %s/%d/%d (retrying in %s): %s", record.topic(), record.partition(),
                        record.offset(), backoff, e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static RecordHeader text(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
