package org.contactpoint.involvement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.involvement.domain.BrokeringRequest;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.involvement.application.BrokeringService;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/** The LA management team's queue of brokering requests, and its decisions on them. */
@Path("/brokering-requests")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BrokeringResource {

    private final BrokeringService brokering;
    private final JsonWebToken token;

    public BrokeringResource(BrokeringService brokering, JsonWebToken token) {
        this.brokering = brokering;
        this.token = token;
    }

    /** The team's decision: CONTACT_BROKERED (passed on to the service) or DECLINED, with a note. */
    public record Decision(@NotNull BrokeringRequest.Status outcome, @NotBlank @Size(max = 1000) String note) {
    }

    @GET
    @RolesAllowed(Roles.LA_MANAGEMENT)
    public List<BrokeringRequestView> queue(@QueryParam("status") @DefaultValue("OPEN") String status,
                                            @HeaderParam(PurposeOfUse.HEADER) String purposeOfUse) {
        PurposeOfUse purpose = PurposeOfUse.required(purposeOfUse);
        BrokeringRequest.Status wanted;
        try {
            wanted = BrokeringRequest.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "must be OPEN, CONTACT_BROKERED or DECLINED");
        }
        return brokering.queue(wanted, purpose, Caller.from(token)).stream()
                .map(c -> BrokeringRequestView.of(c.request(), c.involvement(), true)).toList();
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed(Roles.LA_MANAGEMENT)
    public BrokeringRequestView decide(@PathParam("id") String id, @NotNull @Valid Decision decision) {
        var decided = brokering.decide(id, decision.outcome(), decision.note(), Caller.from(token));
        return BrokeringRequestView.of(decided.request(), decided.involvement(), true);
    }
}
