package org.contactpoint.involvement.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.involvement.config.InvolvementConfig;
import org.contactpoint.involvement.domain.InvolvementImport;
import org.contactpoint.involvement.repository.ImportRepository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies staged imports a batch at a time through {@link SubmissionBatches}: the import is claimed with
 * {@code FOR UPDATE SKIP LOCKED} (one batch of one import at a time across replicas, so its lines apply in order), its
 * next lines applied and counted, and the import's last applied line moved past them, in the batch's one transaction,
 * with one audit record for the batch. A
 * crash at any point rolls back the batch in hand: it is applied again, whole, when the worker next runs, so nothing is
 * lost or applied twice. A batch that fails for another reason is taken a line at a time, so only the line that cannot
 * be stored is rejected (with a reason in words) and the import goes on.
 */
@ApplicationScoped
public class ImportWorker {

    private final ImportRepository imports;
    private final SubmissionBatches batches;
    private final InvolvementConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public ImportWorker(ImportRepository imports, SubmissionBatches batches, InvolvementConfig config,
                        ObjectMapper json, Clock clock) {
        this.imports = imports;
        this.batches = batches;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${contactpoint.involvement.import-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        while (processNextBatch()) {
            Log.debug("Applied a batch of an import");
        }
    }

    /** Applies the next batch of the oldest waiting import; false when no import is waiting. */
    public boolean processNextBatch() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> applyNextBatch(config.importBatchSize()));
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            Log.errorf(e, "An import batch failed (reference %s); applying its lines one at a time", reference);
            return QuarkusTransaction.requiringNew().call(() -> applyNextLineAlone(reference));
        }
    }

    /**
     * The next batch, in the caller's transaction (a test rolls one back to stand for a crash mid-batch).
     *
     * @return false when no import is waiting
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyNextBatch(int size) {
        var claimed = imports.claimNext();
        if (claimed.isEmpty()) {
            return false;
        }
        UUID id = claimed.get().id();
        List<ImportRepository.StagedLine> lines = imports.nextLines(id, claimed.get().appliedThrough(), size);
        if (lines.isEmpty()) {
            imports.finish(id, clock.instant());
            return true;
        }
        AuditEvent.Actor actor = read(claimed.get().submittedBy(), AuditEvent.Actor.class);
        Submitter submitter = new Submitter(claimed.get().agency(), actor, true);
        List<SubmissionBatches.Entry> entries = new ArrayList<>();
        boolean sensitive = false;
        for (ImportRepository.StagedLine line : lines) {
            SubmitInvolvement submission = read(line.submission(), SubmitInvolvement.class);
            sensitive |= submission.serviceType().sensitive();
            entries.add(new SubmissionBatches.Entry(submission, submitter));
        }
        List<SubmissionBatches.Result> results = batches.apply(entries, new SubmissionBatches.BatchAudit(
                AccessAudit.asRecorded(actor, sensitive), "IMPORT_INVOLVEMENTS", Map.of("importId", id.toString(),
                "lines", lines.get(0).line() + "-" + lines.get(lines.size() - 1).line())));
        long started = 0;
        long parked = 0;
        long duplicates = 0;
        List<InvolvementImport.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            SubmissionBatches.Result result = results.get(i);
            if (result.isRefused()) {
                rejections.add(new InvolvementImport.Rejection(lines.get(i).line(), result.refusal().getMessage()));
                continue;
            }
            switch (result.outcome().kind()) {
                case CREATED -> started++;
                case PARKED -> parked++;
                case DUPLICATE -> duplicates++;
            }
        }
        imports.reject(id, rejections);
        imports.applied(id, lines.get(lines.size() - 1).line(), lines.size(), started, parked, duplicates,
                rejections.size(), clock.instant());
        if (lines.size() < size) {
            imports.finish(id, clock.instant());
        }
        return true;
    }

    /** After a batch failed as a whole: its first line alone; if that fails too, it is rejected and skipped. */
    private boolean applyNextLineAlone(String reference) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> applyNextBatch(1));
        } catch (RuntimeException e) {
            Log.errorf(e, "An import line could not be stored (reference %s)", reference);
            var claimed = imports.claimNext();
            if (claimed.isEmpty()) {
                return false;
            }
            UUID id = claimed.get().id();
            List<ImportRepository.StagedLine> line = imports.nextLines(id, claimed.get().appliedThrough(), 1);
            if (line.isEmpty()) {
                imports.finish(id, clock.instant());
                return true;
            }
            imports.reject(id, List.of(new InvolvementImport.Rejection(line.get(0).line(), "could not be stored:"
                    + " the database refused it (reference " + reference + " in the service's log)")));
            imports.applied(id, line.get(0).line(), 1, 0, 0, 0, 1, clock.instant());
            return true;
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            // Written by this service from a checked request: unreadable means a bug, not bad input.
            throw new IllegalStateException("A staged import line is unreadable", e);
        }
    }
}
