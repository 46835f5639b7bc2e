package org.contactpoint.involvement.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads audit.investigations.v1 a record at a time (a few a day). A record that can never be applied throws
 * {@code InvalidEventException}, whose message the connector's dead-letter strategy puts in the
 * {@code dead-letter-reason} header of the copy it writes to audit.investigations.v1.dlq; the partition moves on.
 */
@ApplicationScoped
public class MisuseInvestigationConsumer {

    private final MisuseInvestigationHandler handler;

    public MisuseInvestigationConsumer(MisuseInvestigationHandler handler) {
        this.handler = handler;
    }

    @Incoming("misuse-investigations")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> handler.handle(event));
    }
}
