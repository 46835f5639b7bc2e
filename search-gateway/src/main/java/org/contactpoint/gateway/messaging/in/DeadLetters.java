package org.contactpoint.gateway.messaging.in;

import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.support.messaging.BatchDeadLetters;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Dead-letters single records of a poll of the read model's topics, through this service's dead-letter channel. */
@ApplicationScoped
public class DeadLetters extends BatchDeadLetters {

    public DeadLetters(@Channel("read-model-dead-letters") MutinyEmitter<String> emitter) {
        super(emitter);
    }
}
