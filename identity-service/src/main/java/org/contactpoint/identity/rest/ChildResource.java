package org.contactpoint.identity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.identity.service.ChildRegistrationService;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Case-management and source systems register children here. */
@Path("/children")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChildResource {

    private final ChildRegistrationService registration;
    private final JsonWebToken token;

    public ChildResource(ChildRegistrationService registration, JsonWebToken token) {
        this.registration = registration;
        this.token = token;
    }

    @POST
    @RolesAllowed({Roles.FEED_SYSTEM, Roles.CASE_MANAGEMENT})
    public Response register(@NotNull @Valid RegisterChildRequest request) {
        RegistrationResponse response = registration.register(request, Caller.from(token));
        Response.Status status = "CREATED".equals(response.outcome()) ? Response.Status.CREATED : Response.Status.OK;
        return Response.status(status).entity(response).build();
    }
}
