package org.contactpoint.audit.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Involvements (involvement.involvements.v2), for rules and reports; children are read by {@link ChildrenConsumer}. */
@ApplicationScoped
public class ReferenceDataConsumer {

    private final ReferenceDataHandler handler;

    public ReferenceDataConsumer(ReferenceDataHandler handler) {
        this.handler = handler;
    }

    @Incoming("involvements")
    @Blocking
    public void involvement(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> handler.involvement(event));
    }
}
