package org.contactpoint.involvement.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpoint.support.messaging.ConsumerRetry;
import org.contactpoint.support.messaging.IncomingEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the agency topic, involvement.agency-submissions.v1. An invalid submission goes to
 * involvement.agency-submissions.v1.dlq with the reason in the dead-letter-reason header, and the partition moves on.
 */
@ApplicationScoped
public class AgencySubmissionsConsumer {

    private final AgencySubmissionHandler handler;

    public AgencySubmissionsConsumer(AgencySubmissionHandler handler) {
        this.handler = handler;
    }

    @Incoming("agency-submissions")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        ConsumerRetry.untilApplied(event, () -> handler.apply(event));
    }
}
