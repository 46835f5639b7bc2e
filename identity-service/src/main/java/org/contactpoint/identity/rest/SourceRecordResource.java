package org.contactpoint.identity.rest;

import org.contactpoint.identity.application.quality.FeedRejections;
import org.contactpoint.identity.domain.quality.FeedRejection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.contactpoint.identity.application.BatchMatching;
import org.contactpoint.identity.application.MatchingService;
import org.contactpoint.identity.application.RegisterChild;
import org.contactpoint.identity.application.Registration;
import org.contactpoint.identity.application.Submitter;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.domain.DomainException;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.rest.Problem;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.UUID;

/** Source systems submit their records here, one at a time or in batches, to be matched into one identity each. */
@Path("/source-records")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FEED_SYSTEM)
public class SourceRecordResource {

    static final String ACTION = "SUBMIT_SOURCE_RECORD";

    private final MatchingService matching;
    private final BatchMatching batchMatching;
    private final SourceRecordReader reader;
    private final FeedRejections rejections;
    private final JsonWebToken token;

    public SourceRecordResource(MatchingService matching, BatchMatching batchMatching, SourceRecordReader reader,
                                FeedRejections rejections, JsonWebToken token) {
        this.matching = matching;
        this.batchMatching = batchMatching;
        this.reader = reader;
        this.rejections = rejections;
        this.token = token;
    }

    /** 201 CREATED, 200 LINKED, 202 REVIEW or 202 ACCEPTED_PENDING (it found a shielded child). */
    @APIResponse(responseCode = "201", description = "A new child: CREATED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Registration.class)),
            headers = @Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "Matched a child already known: LINKED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Registration.class)))
    @APIResponse(responseCode = "202", description = "REVIEW (in the review queue, no ID yet) or ACCEPTED_PENDING",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Registration.class)))
    @POST
    public Response submit(@NotNull JsonNode body) {
        SourceRecordReader.Read read = reader.read(body);
        if (!read.valid()) {
            rejections.record(List.of(rejections.of(FeedRejection.Channel.REST, body, null, read.reason(), null)));
            throw new ProblemException(400, "Invalid request", read.reason(), read.errors());
        }
        Registration response = matching.submit(read.record().toCommand(), Submitter.caller(Caller.from(token)),
                ACTION);
        return ChildResource.created(Response.status(ChildResource.status(response)), response).entity(response)
                .build();
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

    /**
     * The batch is matched in one transaction ({@link BatchMatching}): a record that cannot be read or breaks a rule
     * is reported and the rest go ahead; anything else fails the whole batch, nothing of it applied, so the caller
     * can send it again as it is.
     */
    @POST
    @Path("/batch")
    public List<BatchResult> submitBatch(@NotNull @Valid Batch batch) {
        Submitter caller = Submitter.caller(Caller.from(token));
        int size = batch.records().size();
        List<FeedRejection> refused = new ArrayList<>();
        BatchResult[] results = new BatchResult[size];
        String[] sourceIds = new String[size];
        List<RegisterChild> commands = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            JsonNode node = batch.records().get(i);
            sourceIds[i] = node != null && node.hasNonNull("sourceId") ? node.get("sourceId").asText() : null;
            SourceRecordReader.Read read = reader.read(node);
            if (!read.valid()) {
                matching.rejected(caller, ACTION, read.reason());
                refused.add(rejections.of(FeedRejection.Channel.BATCH, node, null, read.reason(), null));
                results[i] = new BatchResult(i, sourceIds[i], "REJECTED", null, null, null, read.errors());
                continue;
            }
            commands.add(read.record().toCommand());
            positions.add(i);
        }
        List<BatchMatching.Outcome> outcomes = commands.isEmpty() ? List.of()
                : batchMatching.match(commands, caller, ACTION, Map.of("sourceIds", positions.stream()
                .map(i -> String.valueOf(sourceIds[i])).collect(Collectors.joining(","))));
        for (int k = 0; k < outcomes.size(); k++) {
            int i = positions.get(k);
            BatchMatching.Outcome outcome = outcomes.get(k);
            if (outcome.refused()) {
                matching.rejected(caller, ACTION, outcome.refusal().getMessage());
                refused.add(rejections.of(FeedRejection.Channel.BATCH, batch.records().get(i), null,
                        outcome.refusal().getMessage(), null));
                results[i] = new BatchResult(i, sourceIds[i], "REJECTED", null, null, null,
                        errors(outcome.refusal()));
            } else {
                Registration response = outcome.registration();
                results[i] = new BatchResult(i, sourceIds[i], response.outcome(), response.contactPointId(),
                        response.reviewId(), response.score(), null);
            }
        }
        rejections.record(refused);
        return List.of(results);
    }

    /** The fields a refused record got wrong, or the refusal as a whole when no one field is to blame. */
    private static List<Problem.FieldError> errors(DomainException e) {
        if (e instanceof Rejected rejected && !rejected.errors().isEmpty()) {
            return rejected.errors().stream().map(f -> new Problem.FieldError(f.field(), f.reason())).toList();
        }
        return List.of(new Problem.FieldError("", e.getMessage()));
    }
}
