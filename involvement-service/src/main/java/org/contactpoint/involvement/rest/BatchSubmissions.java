package org.contactpoint.involvement.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import org.contactpoint.events.json.JsonPaths;
import org.contactpoint.involvement.application.SubmissionBatches;
import org.contactpoint.involvement.application.SubmissionOutcome;
import org.contactpoint.involvement.application.SubmissionService;
import org.contactpoint.involvement.application.Submitter;
import org.contactpoint.involvement.config.InvolvementConfig;
import org.contactpoint.support.domain.DomainException;
import org.contactpoint.support.rest.Problem;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.rest.ProblemMappers;
import org.contactpoint.support.security.Caller;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Many submissions in one request, applied in one transaction ({@link SubmissionBatches}), each with its own result:
 * one refused item (4xx, named field) is reported and does not hold back the others. Should the batch fail as a
 * whole for another reason, its items are applied one by one, each in its own transaction, so only the item that
 * cannot be stored answers 500 (rolled back).
 */
@ApplicationScoped
public class BatchSubmissions {

    private final SubmissionService submissions;
    private final SubmissionBatches batches;
    private final Validator validator;
    private final ObjectMapper json;
    private final InvolvementConfig config;
    private final ProblemMappers problems = new ProblemMappers();

    public BatchSubmissions(SubmissionService submissions, SubmissionBatches batches, Validator validator,
                            ObjectMapper json, InvolvementConfig config) {
        this.submissions = submissions;
        this.batches = batches;
        this.validator = validator;
        this.json = json;
        this.config = config;
    }

    public List<BatchResult> submit(List<JsonNode> items, Caller caller) {
        if (items.size() > config.batchMaxSize()) {
            throw ProblemException.invalidField("submissions", "at most " + config.batchMaxSize() + " per batch");
        }
        Submitter submitter = Submitter.signedIn(caller);
        BatchResult[] results = new BatchResult[items.size()];
        List<SubmissionBatches.Entry> entries = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            try {
                entries.add(new SubmissionBatches.Entry(read(items.get(index)).toCommand(), submitter));
                indexes.add(index);
            } catch (ProblemException e) {
                results[index] = BatchResult.failed(index, submissionId(items.get(index)), problem(e));
            }
        }
        List<SubmissionBatches.Result> applied;
        try {
            applied = batches.submitAll(entries);
        } catch (RuntimeException e) {
            // Nothing of the batch was applied: each readable item is tried on its own, so the one that cannot be
            // stored is reported as that item's failure and the others still apply.
            Log.warnf(e, "A batch of %d submissions failed as a whole; applying it item by item", entries.size());
            for (int n = 0; n < entries.size(); n++) {
                int index = indexes.get(n);
                results[index] = oneByOne(index, items.get(index), entries.get(n));
            }
            return List.of(results);
        }
        for (int n = 0; n < entries.size(); n++) {
            int index = indexes.get(n);
            SubmissionBatches.Result result = applied.get(n);
            results[index] = result.isRefused()
                    ? BatchResult.failed(index, submissionId(items.get(index)), refusal(result.refusal()))
                    : BatchResult.of(index, submissionId(items.get(index)), result.outcome());
        }
        return List.of(results);
    }

    /** An item on its own, in its own transaction, as a single submission: for a batch that could not be applied. */
    private BatchResult oneByOne(int index, JsonNode item, SubmissionBatches.Entry entry) {
        String submissionId = submissionId(item);
        try {
            SubmissionOutcome outcome = submissions.submit(entry.request(), entry.submitter());
            return BatchResult.of(index, submissionId, outcome);
        } catch (DomainException e) {
            return BatchResult.failed(index, submissionId, refusal(e));
        } catch (RuntimeException e) {
            // Its transaction was rolled back; the items before it stay committed, so the batch still answers
            // item by item rather than with a 500 that hides what was applied.
            Log.errorf(e, "Batch item %d (submission %s) failed unexpectedly", index, submissionId);
            return BatchResult.failed(index, submissionId, new Problem(null, "Internal Server Error", 500,
                    "The submission could not be processed and was not applied; it may be sent again", null,
                    List.of()));
        }
    }

    private static String submissionId(JsonNode item) {
        return item == null ? null : item.path("submissionId").asText(null);
    }

    private static Problem problem(ProblemException e) {
        return new Problem(null, e.title(), e.status(), e.getMessage(), null, e.errors());
    }

    /** The status and title a single submission would have had. */
    private Problem refusal(DomainException e) {
        return item((Problem) problems.domain(e, null).getEntity());
    }

    /** An item's problem names no type or instance: the batch response is the one resource. */
    private static Problem item(Problem problem) {
        return new Problem(null, problem.title(), problem.status(), problem.detail(), null, problem.errors());
    }

    /** An item read and checked as a single submission's body is (type, Bean Validation), or a 400 problem. */
    SubmitInvolvementRequest read(JsonNode item) {
        SubmitInvolvementRequest request;
        try {
            request = json.treeToValue(item, SubmitInvolvementRequest.class);
        } catch (JsonMappingException e) {
            String field = JsonPaths.of(e);
            throw ProblemException.invalidField(field.isEmpty() ? "submission" : field,
                    "has a value that cannot be read as the expected type");
        } catch (Exception e) {
            throw ProblemException.badRequest("The submission is not readable");
        }
        if (request == null) {
            throw ProblemException.invalidField("submission", "must not be null");
        }
        List<Problem.FieldError> errors = validator.validate(request).stream()
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request", errors.stream()
                    .map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")), errors);
        }
        return request;
    }
}
