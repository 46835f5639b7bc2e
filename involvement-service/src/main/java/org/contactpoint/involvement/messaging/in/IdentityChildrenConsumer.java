package org.contactpoint.involvement.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads identity.children.v1 a poll at a time (the channel is in batch mode); an event that cannot be applied goes to
 * identity.children.v1.dlq with the reason, and the rest of the poll applies. Offsets are committed once the method
 * returns, that is once the poll is stored and its invalid records are dead-lettered.
 */
@ApplicationScoped
public class IdentityChildrenConsumer {

    private final ChildEventHandler handler;

    public IdentityChildrenConsumer(ChildEventHandler handler) {
        this.handler = handler;
    }

    @Incoming("identity-children")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        handler.handle(records);
    }
}
