package org.contactpoint.identity.application;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.contactpoint.identity.config.IdentityConfig;

import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The import worker: one thread per instance that matches staged import lines batch after batch, and waits when
 * there are none (an upload wakes it). On start it simply goes on with whatever is staged, so imports a stopped or
 * killed instance left unfinished resume by themselves. A batch that fails is retried line by line, and a line that
 * fails on its own is rejected with a reference to the logged failure: one bad record never stops an import.
 */
@ApplicationScoped
public class ImportWorker {

    private final SourceRecordImports imports;
    private final IdentityConfig config;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public ImportWorker(SourceRecordImports imports, IdentityConfig config) {
        this.imports = imports;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        if (!config.imports().worker()) {
            return;
        }
        running = true;
        thread = new Thread(this::work, "source-record-import-worker");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** An import whose upload stopped arriving expires, so it does not stay RECEIVING for ever. */
    @Scheduled(every = "${contactpoint.identity.imports.expiry-every}", identity = "import-expiry",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireAbandoned() {
        imports.expireAbandoned();
    }

    /** Staged lines are waiting: look now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    private void work() {
        while (running) {
            try {
                if (processBatch() == 0) {
                    wake.tryAcquire(config.imports().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Log.errorf(e, "The import worker could not look for staged lines; trying again shortly");
                sleep();
            }
        }
    }

    /**
     * Matches one batch; when the batch fails as a whole (it rolled back, nothing of it applied), matches its lines
     * one at a time so that only the line at fault is rejected.
     *
     * @return how many lines were taken
     */
    public int processBatch() {
        try {
            return imports.processNextBatch();
        } catch (RuntimeException batchFailure) {
            Log.warnf(batchFailure, "An import batch failed; matching its lines one at a time");
            int size = config.imports().batchSize();
            int taken = 0;
            for (int i = 0; i < size; i++) {
                try {
                    int one = imports.processNext(1);
                    if (one == 0) {
                        break;
                    }
                    taken += one;
                } catch (RuntimeException lineFailure) {
                    String reference = UUID.randomUUID().toString();
                    Log.errorf(lineFailure, "An import line failed on its own; rejected, reference %s", reference);
                    imports.rejectNext("could not be processed; reference " + reference);
                    taken++;
                }
            }
            return taken;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(config.imports().pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
