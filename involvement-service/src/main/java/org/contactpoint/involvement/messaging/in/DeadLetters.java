package org.contactpoint.involvement.messaging.in;

import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.support.messaging.BatchDeadLetters;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Dead-letters single records of a poll of the agency topics (each to its organisation's own {@code <topic>.dlq}, which its principal may read), through this service's dead-letter channel. */
@ApplicationScoped
public class DeadLetters extends BatchDeadLetters {

    public DeadLetters(@Channel("agency-dead-letters") MutinyEmitter<String> emitter) {
        super(emitter);
    }
}
