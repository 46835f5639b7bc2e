package org.contactpoint.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.audit.application.Accounts;
import org.contactpoint.audit.domain.PartnerOrganisation;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.List;

/**
 * Partner organisations whose staff a local authority's team may give accounts, with the roles they may hold: an
 * authority registers its own; an administrator registers a national one (a charity working across England) that every
 * authority may use.
 */
@Path("/partner-organisations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR})
public class PartnerOrganisationResource {

    private final Accounts accounts;
    private final JsonWebToken token;

    public PartnerOrganisationResource(Accounts accounts, JsonWebToken token) {
        this.accounts = accounts;
        this.token = token;
    }

    /** {@code national}: for every authority (an administrator only); otherwise for the caller's own authority. */
    public record Registration(String organisationCode, String name, List<String> roles, Boolean national) {
    }

    public record View(String organisationCode, String name, String localAuthority, boolean national,
                       List<String> roles, String registeredBy, Instant registeredAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(Registration registration, @Context UriInfo uri) {
        if (registration == null) {
            throw ProblemException.badRequest("A registration is required");
        }
        PartnerOrganisation partner = accounts.registerPartner(Caller.from(token), registration.organisationCode(),
                registration.name(), registration.roles(), Boolean.TRUE.equals(registration.national()));
        return Response.created(uri.getAbsolutePathBuilder().path(partner.organisationCode()).build())
                .entity(view(partner)).build();
    }

    @GET
    public List<View> list() {
        return accounts.partners(Caller.from(token)).stream().map(PartnerOrganisationResource::view).toList();
    }

    private static View view(PartnerOrganisation p) {
        return new View(p.organisationCode(), p.name(), p.localAuthority(), p.national(), p.roles(), p.registeredBy(),
                p.registeredAt());
    }
}
