package org.contactpoint.identity.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Bulk feeds on {@code identity.source-records.v1}. A record that can never be applied (bad JSON, failing
 * validation, a bad check digit) is dead-lettered with its reason; the partition moves on.
 */
@ApplicationScoped
public class SourceRecordConsumer {

    private final SourceRecordHandler handler;

    public SourceRecordConsumer(SourceRecordHandler handler) {
        this.handler = handler;
    }

    @Incoming("source-records")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> handler.handle(event));
    }
}
