package org.contactpoint.audit.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every service's audit topic, into the chain, a poll at a time (the channels are in batch mode): one transaction and
 * one turn on the chain head per poll rather than per record. Offsets are committed once the method returns, that is
 * once the batch is stored and its invalid records are dead-lettered.
 */
@ApplicationScoped
public class AuditEventConsumer {

    private final AuditEventHandler handler;

    public AuditEventConsumer(AuditEventHandler handler) {
        this.handler = handler;
    }

    @Incoming("identity-audit")
    @Blocking
    public void fromIdentity(ConsumerRecords<String, String> records) {
        handler.handle(records);
    }

    @Incoming("involvement-audit")
    @Blocking
    public void fromInvolvement(ConsumerRecords<String, String> records) {
        handler.handle(records);
    }

    @Incoming("gateway-audit")
    @Blocking
    public void fromGateway(ConsumerRecords<String, String> records) {
        handler.handle(records);
    }
}
