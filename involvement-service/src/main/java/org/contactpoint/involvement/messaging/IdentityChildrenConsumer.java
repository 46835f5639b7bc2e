package org.contactpoint.involvement.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.involvement.service.ChildProjectionService;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads identity.children.v1; an event that cannot be applied goes to identity.children.v1.dlq with the reason. */
@ApplicationScoped
public class IdentityChildrenConsumer {

    private final ChildProjectionService projection;

    public IdentityChildrenConsumer(ChildProjectionService projection) {
        this.projection = projection;
    }

    @Incoming("identity-children")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> projection.apply(event));
    }
}
