package org.contactpoint.identity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.identity.application.MatchWeightsService;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The matcher's weights: the version in force, and re-estimating them from the register (issue 18). */
@Path("/match-weights")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMINISTRATOR)
public class MatchWeightsResource {

    private final MatchWeightsService weights;
    private final JsonWebToken token;

    public MatchWeightsResource(MatchWeightsService weights, JsonWebToken token) {
        this.weights = weights;
        this.token = token;
    }

    @GET
    public MatchWeightsService.WeightsView current() {
        return weights.current(Caller.from(token));
    }

    /** Estimates a new version from the register as it is and stores it (not yet in force). */
    @POST
    @ResponseStatus(201)
    public MatchWeightsService.WeightsView reestimate() {
        return weights.reestimate(Caller.from(token));
    }

    /** Puts a stored version in force: a new estimate, an earlier one, or 0 for the built-in one. */
    @PUT
    @Path("/in-force")
    @Consumes(MediaType.APPLICATION_JSON)
    public MatchWeightsService.WeightsView putInForce(@NotNull @Valid InForce request) {
        return weights.putInForce(request.version(), Caller.from(token));
    }

    /** @param version the version to put in force */
    public record InForce(@NotNull @PositiveOrZero Long version) {
    }
}
