package org.contactpoint.audit.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Children (identity.children.v1) and involvements (involvement.involvements.v1), for rules and reports. */
@ApplicationScoped
public class ReferenceDataConsumer {

    private final ReferenceDataHandler handler;

    public ReferenceDataConsumer(ReferenceDataHandler handler) {
        this.handler = handler;
    }

    @Incoming("children")
    @Blocking
    public void child(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> handler.child(event));
    }

    @Incoming("involvements")
    @Blocking
    public void involvement(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> handler.involvement(event));
    }
}
