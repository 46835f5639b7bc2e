package org.contactpoint.involvement.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import org.contactpoint.events.json.JsonPaths;
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
 * Many submissions in one request, each in its own transaction with its own result: one bad item is reported and
 * does not hold back the others, whether it is refused (4xx) or fails unexpectedly (500, rolled back).
 */
@ApplicationScoped
public class BatchSubmissions {

    private final SubmissionService submissions;
    private final Validator validator;
    private final ObjectMapper json;
    private final InvolvementConfig config;
    private final ProblemMappers problems = new ProblemMappers();

    public BatchSubmissions(SubmissionService submissions, Validator validator, ObjectMapper json,
                            InvolvementConfig config) {
        this.submissions = submissions;
        this.validator = validator;
        this.json = json;
        this.config = config;
    }

    public List<BatchResult> submit(List<JsonNode> items, Caller caller) {
        if (items.size() > config.batchMaxSize()) {
            throw ProblemException.invalidField("submissions", "at most " + config.batchMaxSize() + " per batch");
        }
        Submitter submitter = Submitter.signedIn(caller);
        List<BatchResult> results = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            JsonNode item = items.get(index);
            String submissionId = item == null ? null : item.path("submissionId").asText(null);
            try {
                SubmitInvolvementRequest request = read(item);
                SubmissionOutcome outcome = submissions.submit(request.toCommand(), submitter);
                results.add(BatchResult.of(index, submissionId, outcome));
            } catch (ProblemException e) {
                results.add(BatchResult.failed(index, submissionId, new Problem(null, e.title(), e.status(),
                        e.getMessage(), null, e.errors())));
            } catch (DomainException e) {
                // The status and title a single submission would have had.
                results.add(BatchResult.failed(index, submissionId,
                        item((Problem) problems.domain(e, null).getEntity())));
            } catch (RuntimeException e) {
                // Its transaction was rolled back; the items before it stay committed, so the batch still answers
                // item by item rather than with a 500 that hides what was applied.
                Log.errorf(e, "Batch item %d (submission %s) failed unexpectedly", index, submissionId);
                results.add(BatchResult.failed(index, submissionId, new Problem(null, "Internal Server Error", 500,
                        "The submission could not be processed and was not applied; it may be sent again", null,
                        List.of())));
            }
        }
        return results;
    }

    /** An item's problem names no type or instance: the batch response is the one resource. */
    private static Problem item(Problem problem) {
        return new Problem(null, problem.title(), problem.status(), problem.detail(), null, problem.errors());
    }

    private SubmitInvolvementRequest read(JsonNode item) {
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
