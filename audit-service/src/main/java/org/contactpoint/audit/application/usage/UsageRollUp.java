package org.contactpoint.audit.application.usage;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.repository.usage.UsageRollUpRepository;

import java.time.Clock;
import java.util.Optional;

/**
 * Keeps the daily usage roll-up current (issue 23): on a schedule, the records chained since the watermark are counted
 * per day, kind, organisation and local authority, a batch per transaction with the watermark moved in the same
 * transaction, until none is left. Two instances never count a record twice: the watermark row is locked, and the one
 * that finds it locked skips its turn. The append path is untouched; the reports read the records after the watermark
 * themselves, so a late roll-up only makes them slower, never wrong.
 */
@ApplicationScoped
public class UsageRollUp {

    /** The most records counted in one transaction. */
    static final int BATCH = 50_000;

    private final UsageRollUpRepository rollUps;
    private final Clock clock;

    public UsageRollUp(UsageRollUpRepository rollUps, Clock clock) {
        this.rollUps = rollUps;
        this.clock = clock;
    }

    @Scheduled(every = "${contactpoint.usage.roll-up-every:15m}", delayed = "${contactpoint.usage.roll-up-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        long watermark = rollUp();
        Log.debugf("Usage rolled up to sequence %d", watermark);
    }

    /**
     * Rolls up every record chained so far (a batch per transaction, until a batch is not full), unless another
     * instance is doing it.
     *
     * @return the watermark reached (the last sequence counted)
     */
    public long rollUp() {
        while (true) {
            Optional<UsageRollUpRepository.Step> step = QuarkusTransaction.requiringNew()
                    .call(() -> rollUps.rollUpNext(BATCH, clock.instant()));
            if (step.isEmpty() || step.get().records() < BATCH) {
                return rollUps.watermark();
            }
        }
    }
}
