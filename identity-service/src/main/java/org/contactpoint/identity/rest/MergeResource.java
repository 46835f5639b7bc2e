package org.contactpoint.identity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.contactpoint.identity.application.ChildLifecycleService;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;

/** Merging two records of one child, and undoing it. */
@Path("/merges")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR})
public class MergeResource {

    private final ChildLifecycleService lifecycle;
    private final JsonWebToken token;

    public MergeResource(ChildLifecycleService lifecycle, JsonWebToken token) {
        this.lifecycle = lifecycle;
        this.token = token;
    }

    @APIResponse(responseCode = "201", description = "The merge: the merged record now resolves to the survivor",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChildLifecycleService.MergeResult.class)),
            headers = @Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @POST
    public Response merge(@NotNull @Valid LifecycleRequests.Merge merge) {
        ChildLifecycleService.MergeResult merged = lifecycle.merge(merge.toCommand(), Caller.from(token));
        return Response.status(Response.Status.CREATED).entity(merged)
                .location(URI.create("/merges/" + merged.mergeId())).build();
    }

    @POST
    @Path("/{mergeId}/unmerge")
    public ChildLifecycleService.MergeResult unmerge(@PathParam("mergeId") String mergeId) {
        return lifecycle.unmerge(Ids.uuid("mergeId", mergeId), Caller.from(token));
    }
}
