package org.contactpoint.gateway.messaging.in;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin Kafka adapters, a poll at a time (the channels are in batch mode): one transaction per poll rather than per
 * record. Offsets are committed once the method returns, that is once the poll is applied and its invalid records are
 * dead-lettered.
 */
@ApplicationScoped
public class ReadModelConsumers {

    private final ReadModelConsumerHandler handler;

    public ReadModelConsumers(ReadModelConsumerHandler handler) {
        this.handler = handler;
    }

    @Incoming("identity-children")
    @Blocking
    public void onChildren(ConsumerRecords<String, String> records) {
        handler.onChildren(records);
    }

    @Incoming("involvements")
    @Blocking
    public void onInvolvements(ConsumerRecords<String, String> records) {
        handler.onInvolvements(records);
    }
}
