package org.contactpoint.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.gateway.service.LookupContext;
import org.contactpoint.gateway.service.ReadModelRebuild;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operations on the read model. */
@Path("/admin/read-model")
@Produces(MediaType.APPLICATION_JSON)
public class ReadModelAdminResource {

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
    public ReadModelRebuild.Report rebuild(@HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose) {
        return rebuild.rebuild(new LookupContext(Caller.from(token), LookupHeaders.purpose(purpose)));
    }
}
