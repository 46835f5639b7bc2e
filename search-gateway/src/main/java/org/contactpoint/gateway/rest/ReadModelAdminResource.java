package org.contactpoint.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.gateway.application.Lookup;
import org.contactpoint.gateway.application.ReadModelRebuild;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operations on the read model. */
@Path("/admin/read-model")
@Produces(MediaType.APPLICATION_JSON)
public class ReadModelAdminResource {

    /** What a rebuild did: events read (invalid ones skipped) and what the rebuilt model holds. */
    public record RebuildResponse(long childEvents, long involvementEvents, long skippedInvalid, long children,
                                  long involvements) {
    }

    private final ReadModelRebuild rebuild;
    private final JsonWebToken token;

    public ReadModelAdminResource(ReadModelRebuild rebuild, JsonWebToken token) {
        this.rebuild = rebuild;
        this.token = token;
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @Operation(summary = "Rebuild the read model from the identity and involvement topics, from the beginning")
    public RebuildResponse rebuild(@HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose) {
        ReadModelRebuild.Report report = rebuild.rebuild(new Lookup(Caller.from(token), LookupHeaders.purpose(purpose)));
        return new RebuildResponse(report.childEvents(), report.involvementEvents(), report.skippedInvalid(),
                report.children(), report.involvements());
    }
}
