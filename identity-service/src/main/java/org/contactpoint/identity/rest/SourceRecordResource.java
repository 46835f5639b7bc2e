package org.contactpoint.identity.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.contactpoint.identity.application.MatchingService;
import org.contactpoint.identity.application.Registration;
import org.contactpoint.identity.application.Submitter;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.domain.DomainException;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.rest.Problem;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Source systems submit their records here, one at a time or in batches, to be matched into one identity each. */
@Path("/source-records")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FEED_SYSTEM)
public class SourceRecordResource {

    static final String ACTION = "SUBMIT_SOURCE_RECORD";

    private final MatchingService matching;
    private final SourceRecordReader reader;
    private final JsonWebToken token;

    public SourceRecordResource(MatchingService matching, SourceRecordReader reader, JsonWebToken token) {
        this.matching = matching;
        this.reader = reader;
        this.token = token;
    }

    /** 201 CREATED, 200 LINKED, 202 REVIEW or 202 ACCEPTED_PENDING (it found a shielded child). */
    @POST
    public Response submit(@NotNull JsonNode body) {
        SourceRecordReader.Read read = reader.read(body);
        if (!read.valid()) {
            throw new ProblemException(400, "Invalid request", read.reason(), read.errors());
        }
        Registration response = matching.submit(read.record().toCommand(), Submitter.caller(Caller.from(token)),
                ACTION);
        return Response.status(ChildResource.status(response)).entity(response).build();
    }

    public record Batch(@NotNull @Size(min = 1, max = 500) List<JsonNode> records) {
    }

    /**
     * What happened to one record of a batch.
     *
     * @param outcome {@code CREATED}, {@code LINKED}, {@code REVIEW}, {@code ACCEPTED_PENDING} (it found a shielded
     *                child: nothing more is said) or {@code REJECTED} (then {@code errors} says why)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchResult(int index, String sourceId, String outcome, String contactPointId, UUID reviewId,
                              Double score, List<Problem.FieldError> errors) {
    }

    /** Each record is matched in its own transaction: a bad one is reported and the rest go ahead. */
    @POST
    @Path("/batch")
    public List<BatchResult> submitBatch(@NotNull @Valid Batch batch) {
        Submitter caller = Submitter.caller(Caller.from(token));
        List<BatchResult> results = new ArrayList<>();
        for (int i = 0; i < batch.records().size(); i++) {
            JsonNode node = batch.records().get(i);
            String sourceId = node != null && node.hasNonNull("sourceId") ? node.get("sourceId").asText() : null;
            SourceRecordReader.Read read = reader.read(node);
            if (!read.valid()) {
                matching.rejected(caller, ACTION, read.reason());
                results.add(new BatchResult(i, sourceId, "REJECTED", null, null, null, read.errors()));
                continue;
            }
            try {
                Registration response = matching.submit(read.record().toCommand(), caller, ACTION);
                results.add(new BatchResult(i, sourceId, response.outcome(), response.contactPointId(),
                        response.reviewId(), response.score(), null));
            } catch (DomainException e) {
                matching.rejected(caller, ACTION, e.getMessage());
                results.add(new BatchResult(i, sourceId, "REJECTED", null, null, null, errors(e)));
            } catch (RuntimeException e) {
                // This record's transaction has rolled back; earlier ones are committed, so answer per record
                // rather than fail the whole batch and leave the caller unable to tell what was applied.
                String reference = UUID.randomUUID().toString();
                Log.errorf(e, "Batch record %d (source id %s) failed unexpectedly; reference %s", i, sourceId,
                        reference);
                String reason = "could not be processed; reference " + reference;
                matching.rejected(caller, ACTION, reason);
                results.add(new BatchResult(i, sourceId, "REJECTED", null, null, null,
                        List.of(new Problem.FieldError("", reason))));
            }
        }
        return results;
    }

    /** The fields a refused record got wrong, or the refusal as a whole when no one field is to blame. */
    private static List<Problem.FieldError> errors(DomainException e) {
        if (e instanceof Rejected rejected && !rejected.errors().isEmpty()) {
            return rejected.errors().stream().map(f -> new Problem.FieldError(f.field(), f.reason())).toList();
        }
        return List.of(new Problem.FieldError("", e.getMessage()));
    }
}
