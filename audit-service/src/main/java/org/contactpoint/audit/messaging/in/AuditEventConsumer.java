package org.contactpoint.audit.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every service's audit topic, into the chain. Invalid records are dead-lettered by the connector. */
@ApplicationScoped
public class AuditEventConsumer {

    private final AuditEventHandler handler;

    public AuditEventConsumer(AuditEventHandler handler) {
        this.handler = handler;
    }

    @Incoming("identity-audit")
    @Blocking
    public void fromIdentity(ConsumerRecord<String, String> record) {
        chain(record);
    }

    @Incoming("involvement-audit")
    @Blocking
    public void fromInvolvement(ConsumerRecord<String, String> record) {
        chain(record);
    }

    @Incoming("gateway-audit")
    @Blocking
    public void fromGateway(ConsumerRecord<String, String> record) {
        chain(record);
    }

    private void chain(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> handler.handle(event));
    }
}
