package org.contactpoint.identity.messaging.in;

import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.contactpoint.support.messaging.BatchDeadLetters;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Dead-letters single records of a poll of identity.source-records.v1 (to identity.source-records.v1.dlq), through
 * this service's dead-letter channel. A singleton, not a client proxy: the shared base takes its emitter in its only
 * constructor.
 */
@Singleton
public class DeadLetters extends BatchDeadLetters {

    public DeadLetters(@Channel("source-record-dead-letters") MutinyEmitter<String> emitter) {
        super(emitter);
    }
}
