package org.contactpoint.involvement.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every organisation's agency topic, {@code involvement.agency-submissions.<organisation-code>.v1} (subscribed by
 * pattern, so an organisation's topic is read once it exists), a poll at a time (the channel is in batch mode). An
 * invalid submission goes to its topic's dead-letter topic ({@code <topic>.dlq}) with the reason in the
 * dead-letter-reason header, and the rest of the poll applies. Offsets are committed once the method returns, that is once the poll is stored
 * and its invalid records are dead-lettered.
 */
@ApplicationScoped
public class AgencySubmissionsConsumer {

    private final AgencySubmissionHandler handler;

    public AgencySubmissionsConsumer(AgencySubmissionHandler handler) {
        this.handler = handler;
    }

    @Incoming("agency-submissions")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        handler.handle(records);
    }
}
