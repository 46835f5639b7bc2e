package org.contactpoint.identity.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.repository.ImportRepository;
import org.contactpoint.identity.repository.ImportRepository.Claim;
import org.contactpoint.identity.repository.ImportRepository.ImportRow;
import org.contactpoint.identity.repository.ImportRepository.StagedLine;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.Gone;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Bulk imports of source records (a national or initial load): an upload is staged in committed chunks while it is
 * read, then matched in batches through {@link BatchMatching}, each batch marking its lines done in its own
 * transaction. A crash loses nothing (staged lines stay staged) and duplicates nothing (a line is matched and marked
 * in one transaction); a restarted worker goes on where the last committed batch ended.
 */
@ApplicationScoped
public class SourceRecordImports {

    /** The audited actions. */
    static final String UPLOAD = "UPLOAD_SOURCE_RECORD_IMPORT";
    static final String IMPORT_BATCH = "IMPORT_SOURCE_RECORDS";
    static final String VIEW = "VIEW_SOURCE_RECORD_IMPORT";

    private final ImportRepository imports;
    private final BatchMatching matching;
    private final IdentityAudit audit;
    private final IdentityConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public SourceRecordImports(ImportRepository imports, BatchMatching matching, IdentityAudit audit,
                               IdentityConfig config, ObjectMapper json, Clock clock) {
        this.imports = imports;
        this.matching = matching;
        this.audit = audit;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * An import's progress as its status endpoint answers it.
     *
     * @param state {@code RECEIVING} (the upload is being read; batches may already run), {@code QUEUED},
     *              {@code RUNNING}, {@code COMPLETED} or {@code FAILED} (the upload could not be read to its end)
     */
    public record ImportStatus(UUID importId, String state, long lines, long processed, long linked, long created,
                               long toReview, long pending, long rejected, double recordsPerSecond,
                               Instant startedAt, Instant finishedAt, String failure) {
    }

    /** A rejected line of an import. */
    public record Rejection(long line, String reason) {
    }

    /** One line of an upload as the edge read it: a record to match, or why it cannot be. */
    public record Line(long line, RegisterChild record, String reason) {
    }

    /** Opens an import for a caller's upload. */
    @Transactional
    public UUID open(Caller caller, String format) {
        UUID id = UUID.randomUUID();
        imports.create(id, caller.userId(), toJson(caller.toActor()), format, clock.instant());
        return id;
    }

    /** Stages a chunk of the upload, committed on its own. */
    @Transactional(Transactional.TxType.NEVER)
    public void stage(UUID importId, List<Line> lines) {
        List<StagedLine> staged = new ArrayList<>(lines.size());
        for (Line line : lines) {
            staged.add(line.reason() != null ? new StagedLine(line.line(), "", line.reason())
                    : new StagedLine(line.line(), toJson(line.record()), null));
        }
        if (!imports.stage(importId, staged, clock.instant())) {
            throw expired(importId);
        }
    }

    /** The upload has been read whole: audited, and the import queued for (or continuing with) its batches. */
    @Transactional
    public ImportStatus received(UUID importId, long lines, Caller caller) {
        if (!imports.received(importId, lines, clock.instant())) {
            throw expired(importId);
        }
        audit.success(caller, UPLOAD, IdentityAudit.query("importId", importId.toString(), "lines",
                Long.toString(lines)), List.of());
        return status(imports.find(importId).orElseThrow());
    }

    /** The upload could not be read: the import fails and its staged lines are dropped, the reason kept. */
    public void failed(UUID importId, String reason) {
        imports.fail(importId, reason, clock.instant());
    }

    /**
     * Imports whose upload stopped arriving (no lines for {@code imports.receiving-timeout}: the client died
     * mid-upload, or the instance reading it stopped) expire: state EXPIRED with the reason, their staged lines
     * dropped. Lines already matched stay matched; uploading the file again matches the rest (a source record already
     * matched links to its child again).
     *
     * @return how many imports expired
     */
    @Transactional
    public int expireAbandoned() {
        Duration timeout = config.imports().receivingTimeout();
        Instant now = clock.instant();
        List<UUID> expired = imports.expireReceiving(now.minus(timeout), "the upload stopped arriving: no lines for "
                + timeout + "; upload the file again", now);
        for (UUID importId : expired) {
            Log.warnf("Import %s expired: no lines received for %s", importId, timeout);
        }
        return expired.size();
    }

    private static Gone expired(UUID importId) {
        return new Gone("The import " + importId + " expired before its upload ended; upload the file again");
    }

    /** An import's progress: the importer's own, or any for an administrator. */
    @Transactional
    public ImportStatus status(UUID importId, Caller caller, boolean everyImport) {
        ImportRow row = visible(importId, caller, everyImport);
        audit.success(caller, VIEW, IdentityAudit.query("importId", importId.toString()), List.of());
        return status(row);
    }

    /** One page of an import's rejected lines, one more than asked for if more follow. */
    @Transactional
    public List<Rejection> rejections(UUID importId, int offset, int rows, Caller caller, boolean everyImport) {
        visible(importId, caller, everyImport);
        audit.success(caller, VIEW, IdentityAudit.query("importId", importId.toString(), "rejections", "true"),
                List.of());
        return imports.rejections(importId, offset, rows).stream()
                .map(r -> new Rejection(r.line(), r.reason())).toList();
    }

    private ImportRow visible(UUID importId, Caller caller, boolean everyImport) {
        ImportRow row = imports.find(importId).orElseThrow(() -> new NotFound("No import " + importId));
        if (!everyImport && !row.submittedBy().equals(caller.userId())) {
            throw new Forbidden("The import was uploaded by another system");
        }
        return row;
    }

    /**
     * Matches the next batch of staged lines (of the oldest import with any) in one transaction: the records, their
     * lines marked done or rejected, the import's counters, one audit event naming the batch.
     *
     * @return how many lines the batch took; 0 when nothing is staged
     */
    @Transactional
    public int processNextBatch() {
        return processNext(config.imports().batchSize());
    }

    /** As {@link #processNextBatch()}, at most {@code size} lines (1 isolates a line a batch failed on). */
    @Transactional
    public int processNext(int size) {
        Optional<Claim> claimed = imports.claim(size);
        if (claimed.isEmpty()) {
            return 0;
        }
        Claim claim = claimed.get();
        ImportRow row = imports.find(claim.importId()).orElseThrow();
        Submitter submitter = Submitter.recorded(row.submittedBy(), fromJson(row.submitter()));
        List<RegisterChild> records = new ArrayList<>(claim.lines().size());
        List<String> rejections = new ArrayList<>(claim.lines().size());
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < claim.lines().size(); i++) {
            try {
                records.add(json.readValue(claim.bodies().get(i), RegisterChild.class));
                positions.add(i);
                rejections.add(null);
            } catch (JsonProcessingException e) {
                rejections.add("could not be read back from staging: " + e.getOriginalMessage());
            }
        }
        long first = claim.lines().get(0);
        long last = claim.lines().get(claim.lines().size() - 1);
        List<BatchMatching.Outcome> outcomes = matching.match(records, submitter, IMPORT_BATCH, Map.of(
                "importId", claim.importId().toString(), "lines", first + "-" + last));
        long linked = 0;
        long created = 0;
        long toReview = 0;
        long pending = 0;
        for (int k = 0; k < outcomes.size(); k++) {
            BatchMatching.Outcome outcome = outcomes.get(k);
            if (outcome.refused()) {
                rejections.set(positions.get(k), outcome.refusal().getMessage());
                continue;
            }
            switch (outcome.registration().outcome()) {
                case "LINKED" -> linked++;
                case "CREATED" -> created++;
                case "REVIEW" -> toReview++;
                default -> pending++;
            }
        }
        long rejected = rejections.stream().filter(r -> r != null).count();
        imports.settle(claim.importId(), claim.lines(), rejections);
        imports.progress(claim.importId(), claim.lines().size(), linked, created, toReview, pending, rejected,
                clock.instant());
        return claim.lines().size();
    }

    /**
     * Rejects the next staged line with the reason, in a transaction of its own: a line that fails every time it is
     * matched on its own must not stop the lines behind it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void rejectNext(String reason) {
        imports.claim(1).ifPresent(claim -> {
            imports.settle(claim.importId(), claim.lines(), List.of(reason));
            imports.progress(claim.importId(), 1, 0, 0, 0, 0, 1, clock.instant());
        });
    }

    private ImportStatus status(ImportRow row) {
        double rate = 0;
        if (row.startedAt() != null && row.processed() > 0) {
            Instant end = row.finishedAt() != null ? row.finishedAt() : clock.instant();
            double seconds = Math.max(0.001, Duration.between(row.startedAt(), end).toMillis() / 1000.0);
            rate = Math.round(row.processed() / seconds * 10) / 10.0;
        }
        return new ImportStatus(row.id(), row.state(), row.lines(), row.processed(), row.linked(), row.created(),
                row.toReview(), row.pending(), row.rejected(), rate, row.startedAt(), row.finishedAt(),
                row.failure());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private AuditEvent.Actor fromJson(String actor) {
        try {
            return json.readValue(actor, AuditEvent.Actor.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An import's submitter is not the JSON expected", e);
        }
    }
}
