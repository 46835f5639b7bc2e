package org.contactpoint.gateway.messaging.in;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Thin Kafka adapters: read the record, hand it to the transactional handler, retry while the database is away. */
@ApplicationScoped
public class ReadModelConsumers {

    private final ReadModelConsumerHandler handler;

    public ReadModelConsumers(ReadModelConsumerHandler handler) {
        this.handler = handler;
    }

    @Incoming("identity-children")
    @Blocking
    public void onChild(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> handler.onChildEvent(event));
    }

    @Incoming("involvements")
    @Blocking
    public void onInvolvement(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> handler.onInvolvementEvent(event));
    }
}
