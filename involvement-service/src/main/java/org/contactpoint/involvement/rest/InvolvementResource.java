package org.contactpoint.involvement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.involvement.service.InvolvementQueryService;
import org.contactpoint.involvement.service.LifecycleService;
import org.contactpoint.involvement.service.SubmissionOutcome;
import org.contactpoint.involvement.service.SubmissionService;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/** Agencies submit involvements here; practitioners and the LA management team read them. */
@Path("/involvements")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InvolvementResource {

    private final SubmissionService submissions;
    private final InvolvementQueryService queries;
    private final LifecycleService lifecycle;
    private final JsonWebToken token;

    public InvolvementResource(SubmissionService submissions, InvolvementQueryService queries,
                               LifecycleService lifecycle, JsonWebToken token) {
        this.submissions = submissions;
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.token = token;
    }

    /** 201 a new involvement; 200 the same submission again; 202 parked until the child is known. */
    @POST
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT})
    public Response submit(@NotNull @Valid SubmitInvolvementRequest request) {
        Caller caller = Caller.from(token);
        SubmissionOutcome outcome = submissions.submit(request, caller.userId(), caller);
        return Response.status(status(outcome.kind())).entity(outcome.involvement()).build();
    }

    @GET
    @RolesAllowed({Roles.PRACTITIONER, Roles.LA_MANAGEMENT})
    public List<InvolvementView> list(@QueryParam("contactPointId") String contactPointId) {
        return queries.list(contactPointId, Caller.from(token));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PRACTITIONER, Roles.LA_MANAGEMENT, Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT})
    public InvolvementView get(@PathParam("id") String id) {
        return queries.get(id, Caller.from(token));
    }

    /** Ends an involvement: it stays visible as "has worked with" for the configured period. */
    @POST
    @Path("/{id}/cease")
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT, Roles.LA_MANAGEMENT})
    public InvolvementView cease(@PathParam("id") String id, @NotNull @Valid CeaseRequest request) {
        return lifecycle.cease(id, request.endDate(), Caller.from(token));
    }

    /** Consent for a sensitive service was withdrawn: the involvement is removed everywhere. */
    @POST
    @Path("/{id}/consent-withdrawal")
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT, Roles.LA_MANAGEMENT})
    public InvolvementView withdrawConsent(@PathParam("id") String id,
                                           @NotNull @Valid ConsentWithdrawalRequest request) {
        return lifecycle.withdrawConsent(id, request, Caller.from(token));
    }

    static int status(SubmissionOutcome.Kind kind) {
        return switch (kind) {
            case CREATED -> 201;
            case DUPLICATE -> 200;
            case PARKED -> 202;
        };
    }
}
