package org.contactpoint.involvement.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.domain.InvolvementImport;
import org.contactpoint.involvement.repository.ImportRepository;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An agency's initial load, as it arrives: the import is opened for the caller's organisation (the token's, as for a
 * single submission), its readable lines staged chunk by chunk (each chunk committed), its unreadable ones rejected
 * with their line numbers; then {@link ImportWorker} applies it. Only the uploading agency sees its progress.
 */
@ApplicationScoped
public class ImportService {

    /** A readable line of the upload: its number and the submission it holds. */
    public record Line(long number, SubmitInvolvement submission) {
    }

    private final ImportRepository imports;
    private final AccessAudit audit;
    private final ObjectMapper json;
    private final Clock clock;

    public ImportService(ImportRepository imports, AccessAudit audit, ObjectMapper json, Clock clock) {
        this.imports = imports;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Opens an import for the caller's organisation.
     *
     * @throws org.contactpoint.support.domain.Forbidden when the token names no organisation (audited DENIED)
     */
    @Transactional
    public UUID begin(Caller caller) {
        String code = caller.toActor().organisationCode();
        if (code == null || code.isBlank()) {
            throw audit.denied(caller, "IMPORT_INVOLVEMENTS", Map.of(), List.of(), "Your token names no"
                    + " organisation (org_code): a credential submits for its own organisation only");
        }
        UUID id = UUID.randomUUID();
        try {
            imports.create(id, caller.userId(), json.writeValueAsString(caller.toActor()), code, clock.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not record who uploads import " + id, e);
        }
        audit.success(caller, "IMPORT_INVOLVEMENTS_UPLOAD", Map.of("importId", id.toString()), List.of(), 0);
        return id;
    }

    /** One chunk of the upload, committed on its own. */
    @Transactional
    public void stage(UUID id, List<Line> lines, List<InvolvementImport.Rejection> rejections) {
        imports.stage(id, lines.stream().map(line -> new ImportRepository.StagedLine(line.number(),
                write(line.submission()))).toList(), rejections);
    }

    /** The whole upload is staged: the worker may start. */
    @Transactional
    public InvolvementImport received(UUID id) {
        imports.received(id);
        return imports.find(id).orElseThrow();
    }

    /** @throws NotFound unless the caller uploaded it (another agency's import is not confirmed to exist) */
    @Transactional
    public InvolvementImport status(UUID id, Caller caller) {
        InvolvementImport found = own(id, caller);
        audit.success(caller, "VIEW_INVOLVEMENT_IMPORT", Map.of("importId", id.toString()), List.of(), 1);
        return found;
    }

    /** One page of the lines that were not applied, by line number. */
    @Transactional
    public List<InvolvementImport.Rejection> rejections(UUID id, int offset, int limit, Caller caller) {
        own(id, caller);
        List<InvolvementImport.Rejection> page = imports.rejections(id, offset, limit);
        audit.success(caller, "VIEW_INVOLVEMENT_IMPORT_REJECTIONS", Map.of("importId", id.toString()), List.of(),
                page.size());
        return page;
    }

    private InvolvementImport own(UUID id, Caller caller) {
        return imports.find(id).filter(found -> found.agency().equals(caller.userId()))
                .orElseThrow(() -> new NotFound("No import " + id + " of yours"));
    }

    private String write(SubmitInvolvement submission) {
        try {
            return json.writeValueAsString(submission);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not stage submission " + submission.submissionId(), e);
        }
    }
}
