package org.contactpoint.involvement.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.involvement.application.BrokeringCase;
import org.contactpoint.involvement.application.BrokeringService;
import org.contactpoint.involvement.application.ChildArrival;
import org.contactpoint.involvement.application.InvolvementPage;
import org.contactpoint.involvement.application.InvolvementQueryService;
import org.contactpoint.involvement.application.LifecycleService;
import org.contactpoint.involvement.application.ListInvolvements;
import org.contactpoint.involvement.application.SubmissionOutcome;
import org.contactpoint.involvement.application.SubmissionService;
import org.contactpoint.involvement.application.SubmitInvolvement;
import org.contactpoint.involvement.application.Submitter;
import org.contactpoint.involvement.application.WithdrawConsent;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.support.rest.EntityTags;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.List;

/** Agencies submit involvements here; practitioners and the LA management team read them. */
@Path("/involvements")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InvolvementResource {

    private final SubmissionService submissions;
    private final BatchSubmissions batch;
    private final BrokeringService brokering;
    private final ChildArrival arrival;
    private final InvolvementQueryService queries;
    private final LifecycleService lifecycle;
    private final JsonWebToken token;

    public InvolvementResource(SubmissionService submissions, BatchSubmissions batch,
                               BrokeringService brokering, InvolvementQueryService queries,
                               LifecycleService lifecycle, ChildArrival arrival, JsonWebToken token) {
        this.submissions = submissions;
        this.batch = batch;
        this.brokering = brokering;
        this.arrival = arrival;
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.token = token;
    }

    /** 201 a new involvement; 200 the same submission again; 202 parked until the child is known. */
    @APIResponse(responseCode = "201", description = "A new involvement",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvolvementView.class)),
            headers = @Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "The same submission again: the involvement it made",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvolvementView.class)))
    @APIResponse(responseCode = "202", description = "Parked until the child is known: status PARKED, with the involvementId it will have",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvolvementView.class)))
    @POST
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT, Roles.PRACTITIONER})
    public Response submit(@NotNull @Valid SubmitInvolvementRequest request) {
        Caller caller = Caller.from(token);
        SubmitInvolvement command = request.toCommand();
        arrival.awaitChild(command);
        SubmissionOutcome outcome = submissions.submit(command, Submitter.signedIn(caller));
        InvolvementView view = InvolvementView.of(outcome);
        Response.ResponseBuilder response = Response.status(status(outcome.kind())).entity(view);
        return (outcome.kind() == SubmissionOutcome.Kind.CREATED
                ? response.location(URI.create("/involvements/" + view.involvementId())) : response).build();
    }

    /** Many submissions; each gets its own result (and its own transaction). */
    public record BatchRequest(@NotNull @Size(min = 1) List<JsonNode> submissions) {
    }

    /** One result per item, in order: 201/200/202 as for a single submission, or 4xx with the problem. */
    public record BatchResponse(int accepted, int rejected, List<BatchResult> results) {
    }

    @POST
    @Path("/batch")
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT})
    public BatchResponse submitBatch(@NotNull @Valid BatchRequest request) {
        List<BatchResult> results = batch.submit(request.submissions(), Caller.from(token));
        int rejected = (int) results.stream().filter(r -> r.problem() != null).count();
        return new BatchResponse(results.size() - rejected, rejected, results);
    }

    @GET
    @RolesAllowed({Roles.PRACTITIONER, Roles.LA_MANAGEMENT})
    public RestResponse<List<InvolvementView>> list(@QueryParam("contactPointId") String contactPointId,
                                                    @QueryParam("page") String page, @QueryParam("size") String size,
                                                    @HeaderParam(PurposeOfUse.HEADER) String purpose,
                                                    @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        InvolvementPage found = queries.list(new ListInvolvements(contactPointId, paging.page(), paging.size(),
                PurposeOfUse.required(purpose)), Caller.from(token));
        return paging.response(new Paging.Slice<>(found.items().stream().map(InvolvementView::of).toList(),
                found.more()), uri);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PRACTITIONER, Roles.LA_MANAGEMENT, Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT})
    public InvolvementView get(@PathParam("id") String id, @HeaderParam(PurposeOfUse.HEADER) String purpose) {
        return InvolvementView.of(queries.get(id, PurposeOfUse.required(purpose), Caller.from(token)));
    }

    /** Ends an involvement: it stays visible as "has worked with" for the configured period. */
    @POST
    @Path("/{id}/cease")
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT, Roles.PRACTITIONER, Roles.LA_MANAGEMENT})
    public InvolvementView cease(@PathParam("id") String id, @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                                 @NotNull @Valid CeaseRequest request) {
        return InvolvementView.of(lifecycle.cease(id, request.endDate(), Caller.from(token),
                EntityTags.ifMatch(ifMatch)));
    }

    /** Consent for a sensitive service was withdrawn: the involvement is removed everywhere. */
    @POST
    @Path("/{id}/consent-withdrawal")
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT, Roles.LA_MANAGEMENT})
    public InvolvementView withdrawConsent(@PathParam("id") String id,
                                           @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                                           @NotNull @Valid ConsentWithdrawalRequest request) {
        return InvolvementView.of(lifecycle.withdrawConsent(id,
                new WithdrawConsent(request.withdrawnBy(), request.withdrawnAt()), Caller.from(token),
                EntityTags.ifMatch(ifMatch)));
    }

    /** Why the practitioner needs contact with a sensitive service, and how they can be reached. */
    public record NewBrokeringRequest(@NotBlank @Size(max = 1000) String reason,
                                      @NotBlank @Size(max = 254) String requesterContact) {
    }

    /** Asks the child's LA management team to put the caller in touch with a sensitive service. */
    @APIResponse(responseCode = "201", description = "The brokering request, without the sensitive service it is about",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BrokeringRequestView.class)),
            headers = @Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @POST
    @Path("/{id}/brokering-requests")
    @RolesAllowed({Roles.PRACTITIONER, Roles.LA_MANAGEMENT})
    public Response requestBrokering(@PathParam("id") String id, @NotNull @Valid NewBrokeringRequest request) {
        BrokeringCase opened = brokering.request(id, request.reason(), request.requesterContact(),
                Caller.from(token));
        // The requester sees the request, not which sensitive service it is about.
        BrokeringRequestView view = BrokeringRequestView.of(opened.request(), opened.involvement(), false);
        return Response.status(201).entity(view).location(URI.create("/brokering-requests/" + view.brokeringRequestId())).build();
    }

    static int status(SubmissionOutcome.Kind kind) {
        return switch (kind) {
            case CREATED -> 201;
            case DUPLICATE -> 200;
            case PARKED -> 202;
        };
    }
}
