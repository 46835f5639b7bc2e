package org.contactpoint.involvement.messaging.in;

import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.contactpoint.support.messaging.BatchDeadLetters;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Dead-letters single records of a poll of the agency topics (each to its organisation's own {@code <topic>.dlq},
 * which its principal may read) or of identity.children.v1 (to identity.children.v1.dlq), through this service's
 * dead-letter channel. A singleton, not a client proxy: the
 * shared base takes its emitter in its only constructor.
 */
@Singleton
public class DeadLetters extends BatchDeadLetters {

    public DeadLetters(@Channel("agency-dead-letters") MutinyEmitter<String> emitter) {
        super(emitter);
    }
}
