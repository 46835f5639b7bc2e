package org.contactpoint.involvement.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads identity.children.v1; an event that cannot be applied goes to identity.children.v1.dlq with the reason. */
@ApplicationScoped
public class IdentityChildrenConsumer {

    private final ChildEventHandler handler;

    public IdentityChildrenConsumer(ChildEventHandler handler) {
        this.handler = handler;
    }

    @Incoming("identity-children")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> handler.apply(event));
    }
}
