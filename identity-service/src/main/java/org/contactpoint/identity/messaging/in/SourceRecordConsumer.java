package org.contactpoint.identity.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Bulk feeds on {@code identity.source-records.v1}, a poll at a time (the channel is in batch mode). A record that can
 * never be applied (bad JSON, failing validation, a bad check digit) is dead-lettered with its reason and the rest of
 * the poll applies. Offsets are committed once the method returns, that is once the poll is matched and its invalid
 * records are dead-lettered.
 */
@ApplicationScoped
public class SourceRecordConsumer {

    private final SourceRecordHandler handler;

    public SourceRecordConsumer(SourceRecordHandler handler) {
        this.handler = handler;
    }

    @Incoming("source-records")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        handler.handle(records);
    }
}
