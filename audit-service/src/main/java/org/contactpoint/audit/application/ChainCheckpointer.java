package org.contactpoint.audit.application;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes checkpoints of the chain head at the configured interval, so outsiders can witness history. */
@ApplicationScoped
public class ChainCheckpointer {

    private final AuditChain chain;

    public ChainCheckpointer(AuditChain chain) {
        this.chain = chain;
    }

    @Scheduled(every = "${contactpoint.chain.checkpoint-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkpoint() {
        chain.checkpoint().ifPresent(c -> Log.infof("Checkpoint of the audit chain at %d: %s", c.sequence(),
                c.headHash()));
    }
}
